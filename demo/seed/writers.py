"""One `BulkWriter` per generated table."""

from dataclasses import dataclass, field

from django.db import models

from clients.models import (
    CaseworkerAssignment,
    Client,
    Reassessment,
    TeamAssignment,
    WorkCapacityDecision,
)
from common.bulk import BulkWriter
from interventions.models import (
    Agreement,
    ContactExemption,
    Conversation,
    Trajectory,
    TrajectoryPause,
    WorkPlan,
)
from participation.models import RungAssessment
from phases.models import PhaseExemption, PhasePeriod
from referrals.models import Referral
from work.models import Employer, Job, JobRenewal, Provision

from .constants import REASON

# writer name -> model; a row gives its columns after the id in the model's order.
MODELS: dict[str, type[models.Model]] = {
    "client": Client,
    "assignment": CaseworkerAssignment,
    "team_period": TeamAssignment,
    "capacity": WorkCapacityDecision,
    "reassessment": Reassessment,
    "phase": PhasePeriod,
    "conversation": Conversation,
    "workplan": WorkPlan,
    "agreement": Agreement,
    "trajectory": Trajectory,
    "pause": TrajectoryPause,
    "contact_exemption": ContactExemption,
    "phase_exemption": PhaseExemption,
    "employer": Employer,
    "job": Job,
    "renewal": JobRenewal,
    "provision": Provision,
    "rung": RungAssessment,
    "referral": Referral,
}


@dataclass
class Writers:
    all: dict[str, BulkWriter] = field(default_factory=dict)

    def __getitem__(self, name: str) -> BulkWriter:
        return self.all[name]

    def flush(self) -> None:
        for writer in self.all.values():
            writer.flush()

    def finish(self) -> None:
        for writer in self.all.values():
            writer.finish()


def make_writers() -> Writers:
    return Writers(
        {name: BulkWriter(model, change_reason=REASON) for name, model in MODELS.items()}
    )
