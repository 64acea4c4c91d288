"""Work: employers, a client's jobs with their renewals, and provisions.

One module per concept; every model is imported from here (`from work.models import Job`), as
Django and the migrations know them.
"""

from .employers import Employer
from .jobs import FIXED_TERM, Contract, Job, JobRenewal
from .provisions import Provision

__all__ = ["FIXED_TERM", "Contract", "Employer", "Job", "JobRenewal", "Provision"]
