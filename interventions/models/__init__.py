"""What caseworkers do with a client: conversations, work plans, purchased trajectories.

One module per concept; every model is imported from here (`from interventions.models import
WorkPlan`), as Django and the migrations know them.
"""

from .conversations import ContactExemption, Conversation
from .trajectories import Provider, ServiceType, Trajectory, TrajectoryPause
from .work_plans import Agreement, WorkPlan, WorkPlanLetter

__all__ = [
    "Agreement",
    "ContactExemption",
    "Conversation",
    "Provider",
    "ServiceType",
    "Trajectory",
    "TrajectoryPause",
    "WorkPlan",
    "WorkPlanLetter",
]
