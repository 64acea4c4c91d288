"""One `BulkWriter` per generated table, with the columns each row gives in order."""

from dataclasses import dataclass, field

from django.db import models

from clients.models import CaseworkerAssignment, Client
from common.bulk import BulkWriter
from interventions.models import (
    Agreement,
    ContactExemption,
    Conversation,
    Trajectory,
    TrajectoryPause,
    WorkPlan,
)
from phases.models import PhaseExemption, PhasePeriod

from .constants import REASON

# writer name -> (model, the columns after the id, in the order `BulkWriter.add` takes them)
COLUMNS: dict[str, tuple[type[models.Model], tuple[str, ...]]] = {
    "client": (
        Client,
        (
            "bsn",
            "first_name",
            "last_name",
            "date_of_birth",
            "regime",
            "has_work_capacity",
            "in_service_since",
            "out_of_service_on",
            "team",
            "caseworker",
            "version",
            "created_at",
            "updated_at",
        ),
    ),
    "assignment": (
        CaseworkerAssignment,
        ("client", "caseworker", "started_on", "ended_on", "handover_note", "assigned_by"),
    ),
    "phase": (
        PhasePeriod,
        ("client", "phase", "started_on", "ended_on", "reason", "recorded_by", "recorded_at"),
    ),
    "conversation": (
        Conversation,
        (
            "client",
            "caseworker",
            "held_on",
            "status",
            "channel",
            "with_client",
            "kind",
            "duration_minutes",
            "summary",
            "next_contact_on",
            "created_at",
        ),
    ),
    "workplan": (
        WorkPlan,
        ("client", "version", "goal", "status", "agreed_on", "created_by", "created_at"),
    ),
    "agreement": (Agreement, ("work_plan", "description", "owner", "due_on", "status")),
    "trajectory": (
        Trajectory,
        (
            "client",
            "service_type",
            "provider",
            "purpose",
            "purchased_on",
            "started_on",
            "planned_end_on",
            "ended_on",
            "status",
            "cost",
            "outcome",
            "outcome_note",
            "repeat_justification",
            "purchased_by",
        ),
    ),
    "pause": (TrajectoryPause, ("trajectory", "from_date", "to_date", "reason")),
    "contact_exemption": (
        ContactExemption,
        ("client", "reason", "note", "valid_from", "valid_until", "recorded_by"),
    ),
    "phase_exemption": (
        PhaseExemption,
        ("client", "phase", "reason", "note", "valid_from", "review_on", "recorded_by"),
    ),
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
        {
            name: BulkWriter(model, fields, change_reason=REASON)
            for name, (model, fields) in COLUMNS.items()
        }
    )
