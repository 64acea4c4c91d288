"""Reads for the caseworker screens: the caseload list with what a caseworker scans for.

Every figure is a correlated subquery on an indexed column, so a page of the caseload costs the
same few queries whatever its size.
"""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Q
from django.utils.translation import gettext as _

from accounts.models import User
from clients.models import CaseworkerAssignment, Client
from clients.querysets import ClientQuerySet
from interventions.models import ContactExemption, Conversation, Trajectory, WorkPlan
from phases.models import PhaseExemption, PhasePeriod
from signals.models import Signal
from signals.selectors import with_caseload_figures


def caseload(
    *,
    user: User,
    today: date,
    whole_team: bool = False,
    phase: str = "",
    signal: str = "",
    no_contact_since: date | None = None,
    overdue_only: bool = False,
    search: str = "",
) -> ClientQuerySet:
    """The clients on a caseworker's list (or their teams' lists), filtered as asked."""
    clients = Client.objects.visible_to(user).select_related("caseworker", "team")
    if not whole_team:
        clients = clients.filter(caseworker=user)
    clients = clients.matching(search)
    clients = with_caseload_figures(clients, today=today)
    if phase:
        clients = clients.filter(current_phase=phase)
    if signal:
        clients = clients.filter(signals__status=Signal.Status.OPEN, signals__kind=signal)
    if no_contact_since:
        clients = clients.filter(
            Q(last_contact_on__lt=no_contact_since) | Q(last_contact_on__isnull=True)
        )
    if overdue_only:
        clients = clients.filter(overdue_agreements__gt=0)
    return clients


@dataclass
class TimelineEvent:
    on: date
    kind: str  # phase, conversation, workplan, trajectory, signal, handover
    title: str
    text: str = ""


@dataclass
class ClientFile:
    """Everything the client file shows, read in a fixed number of queries."""

    client: Client
    phase_periods: list[PhasePeriod]
    conversations: list[Conversation]
    work_plans: list[WorkPlan]
    trajectories: list[Trajectory]
    contact_exemptions: list[ContactExemption]
    phase_exemptions: list[PhaseExemption]
    signals: list[Signal]
    assignments: list[CaseworkerAssignment]
    timeline: list[TimelineEvent] = field(default_factory=list)

    @property
    def current_work_plan(self) -> WorkPlan | None:
        return next((p for p in self.work_plans if p.status != WorkPlan.Status.SUPERSEDED), None)

    @property
    def open_signals(self) -> list[Signal]:
        return [s for s in self.signals if s.status == Signal.Status.OPEN]

    @property
    def handover_note(self) -> str:
        """The note the current contact person got at handover: shown first in the file."""
        current = next((a for a in self.assignments if a.ended_on is None), None)
        return current.handover_note if current else ""


def client_file(client: Client) -> ClientFile:
    file = ClientFile(
        client=client,
        phase_periods=list(client.phase_periods.select_related("recorded_by")),
        conversations=list(client.conversations.select_related("caseworker")),
        work_plans=list(client.workplans.prefetch_related("agreements").order_by("-version")),
        trajectories=list(
            client.trajectories.select_related("service_type", "provider").prefetch_related(
                "pauses"
            )
        ),
        contact_exemptions=list(client.contact_exemptions.all()),
        phase_exemptions=list(client.phase_exemptions.all()),
        signals=list(client.signals.all()),
        assignments=list(client.assignments.select_related("caseworker")),
    )
    file.timeline = _timeline(file)
    return file


def _timeline(file: ClientFile) -> list[TimelineEvent]:
    events = [
        TimelineEvent(
            p.started_on, "phase", _("Fase %(phase)s") % {"phase": p.get_phase_display()}, p.reason
        )
        for p in file.phase_periods
    ]
    events += [
        TimelineEvent(
            c.held_on,
            "conversation",
            f"{c.get_kind_display()}, {c.get_channel_display().lower()}: "
            f"{c.get_status_display().lower()}",
            c.summary,
        )
        for c in file.conversations
    ]
    events += [
        TimelineEvent(
            p.created_at.date(), "workplan", _("Werkplan versie %(v)s") % {"v": p.version}, p.goal
        )
        for p in file.work_plans
    ]
    for t in file.trajectories:
        events.append(
            TimelineEvent(
                t.purchased_on,
                "trajectory",
                _("Traject ingekocht: %(name)s") % {"name": t.service_type.name},
                t.purpose,
            )
        )
        if t.ended_on:
            events.append(
                TimelineEvent(
                    t.ended_on,
                    "trajectory",
                    _("Traject %(status)s") % {"status": t.get_status_display().lower()},
                    t.get_outcome_display(),
                )
            )
    for s in file.signals:
        events.append(
            TimelineEvent(
                s.raised_on, "signal", _("Signaal: %(kind)s") % {"kind": s.get_kind_display()}
            )
        )
        if s.resolved_on:
            events.append(
                TimelineEvent(
                    s.resolved_on,
                    "signal",
                    _("Signaal opgelost: %(kind)s") % {"kind": s.get_kind_display()},
                )
            )
    events += [
        TimelineEvent(
            a.started_on,
            "handover",
            _("Vaste contactpersoon: %(name)s") % {"name": a.caseworker},
            a.handover_note,
        )
        for a in file.assignments
    ]
    return sorted(events, key=lambda e: e.on, reverse=True)
