"""Reads for the caseworker screens: the caseload list with what a caseworker scans for.

Every figure is a correlated subquery on an indexed column, so a page of the caseload costs the
same few queries whatever its size.
"""

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext as _

from accounts.models import User
from clients.models import CaseworkerAssignment, Client
from clients.querysets import ClientQuerySet, active_on_q
from interventions.models import (
    ContactExemption,
    Conversation,
    Trajectory,
    WorkPlan,
    WorkPlanLetter,
)
from participation.models import RungAssessment
from participation.selectors import ladder_of
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
    include_inactive: bool = False,
) -> ClientQuerySet:
    """The clients on a caseworker's list (or their teams' lists), filtered as asked: those
    active today (in service, with work capacity) unless `include_inactive`."""
    clients = Client.objects.visible_to(user).select_related("caseworker", "team")
    if not whole_team:
        clients = clients.filter(caseworker=user)
    if not include_inactive:
        clients = clients.filter(active_on_q(today))
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


def filtered_caseload(*, user: User, today: date, filters: Mapping[str, Any]) -> ClientQuerySet:
    """The caseload as its list's filters (a valid `CaseloadFilterForm`'s data) narrow it."""
    return caseload(
        user=user,
        today=today,
        whole_team=filters.get("team", False),
        phase=filters.get("phase", ""),
        signal=filters.get("signal", ""),
        no_contact_since=filters.get("no_contact_since"),
        overdue_only=filters.get("overdue", False),
        search=filters.get("q", ""),
        include_inactive=bool(filters.get("inactive") or filters.get("q")),
    )


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
    letters: list[WorkPlanLetter] = field(default_factory=list)  # with the plan given or sent
    rungs: list[RungAssessment] = field(default_factory=list)  # the ladder, oldest first

    @property
    def current_rung(self) -> RungAssessment | None:
        """The assessment that holds now: the latest (of one day, the last recorded)."""
        return self.rungs[-1] if self.rungs else None

    @property
    def rung_since(self) -> date | None:
        """The first day of the current rung: assessments that confirmed the same rung since
        do not restart it."""
        since = None
        for assessment in reversed(self.rungs):
            if assessment.rung != self.rungs[-1].rung:
                break
            since = assessment.assessed_on
        return since

    @property
    def ladder(self) -> list[RungAssessment]:
        """The ladder as the file shows it: newest first."""
        return self.rungs[::-1]

    @property
    def current_work_plan(self) -> WorkPlan | None:
        return next((p for p in self.work_plans if p.status != WorkPlan.Status.SUPERSEDED), None)

    @property
    def open_signals(self) -> list[Signal]:
        return [s for s in self.signals if s.status == Signal.Status.OPEN]

    @property
    def last_contact(self) -> Conversation | None:
        """The last conversation held with the client (newest first in `conversations`)."""
        held = Conversation.Status.HELD
        return next((c for c in self.conversations if c.status == held and c.with_client), None)

    @property
    def next_plan(self) -> Conversation | None:
        """The earliest conversation still planned; before today it was missed."""
        plans = [c for c in self.conversations if c.status == Conversation.Status.PLANNED]
        return min(plans, key=lambda c: (c.held_on, c.pk), default=None)

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
        letters=list(WorkPlanLetter.objects.filter(work_plan__client=client)),
        rungs=list(ladder_of(client)),
    )
    file.timeline = _timeline(file)
    return file


def _phase_events(file: ClientFile) -> Iterator[TimelineEvent]:
    for p in file.phase_periods:
        label = _("Fase %(phase)s") % {"phase": p.get_phase_display()}
        yield TimelineEvent(p.started_on, "phase", label, p.reason)


def _conversation_events(file: ClientFile) -> Iterator[TimelineEvent]:
    for c in file.conversations:
        label = (
            f"{c.get_kind_display()}, {c.get_channel_display().lower()}: "
            f"{c.get_status_display().lower()}"
        )
        yield TimelineEvent(c.held_on, "conversation", label, c.summary)


def _work_plan_events(file: ClientFile) -> Iterator[TimelineEvent]:
    for p in file.work_plans:
        label = _("Werkplan versie %(v)s") % {"v": p.version}
        yield TimelineEvent(p.created_at.date(), "workplan", label, p.goal)


def _letter_events(file: ClientFile) -> Iterator[TimelineEvent]:
    versions = {p.pk: p.version for p in file.work_plans}
    for letter in file.letters:
        label = _("Brief met werkplan versie %(v)s: %(how)s") % {
            "v": versions.get(letter.work_plan_id, "?"),
            "how": letter.get_channel_display().lower(),
        }
        agreed = _("De cliënt is akkoord.") if letter.client_agreed else ""
        yield TimelineEvent(
            letter.handed_on, "workplan", label, " ".join(filter(None, [agreed, letter.note]))
        )


def _trajectory_events(file: ClientFile) -> Iterator[TimelineEvent]:
    for t in file.trajectories:
        label = _("Traject ingekocht: %(name)s") % {"name": t.service_type.name}
        yield TimelineEvent(t.purchased_on, "trajectory", label, t.purpose)
        if t.ended_on:
            label = _("Traject %(status)s") % {"status": t.get_status_display().lower()}
            yield TimelineEvent(t.ended_on, "trajectory", label, t.get_outcome_display())


def _rung_events(file: ClientFile) -> Iterator[TimelineEvent]:
    for r in file.rungs:
        label = _("Participatieladder: trede %(rung)s") % {"rung": r.get_rung_display()}
        yield TimelineEvent(r.assessed_on, "ladder", label, r.note)


def _signal_events(file: ClientFile) -> Iterator[TimelineEvent]:
    for s in file.signals:
        kind = {"kind": s.get_kind_display()}
        yield TimelineEvent(s.raised_on, "signal", _("Signaal: %(kind)s") % kind)
        if s.resolved_on:
            yield TimelineEvent(s.resolved_on, "signal", _("Signaal opgelost: %(kind)s") % kind)


def _handover_events(file: ClientFile) -> Iterator[TimelineEvent]:
    for a in file.assignments:
        label = _("Vaste contactpersoon: %(name)s") % {"name": a.caseworker}
        yield TimelineEvent(a.started_on, "handover", label, a.handover_note)


# Each kind of record adds its own events to the timeline.
TIMELINE_SOURCES = (
    _phase_events,
    _rung_events,
    _conversation_events,
    _work_plan_events,
    _letter_events,
    _trajectory_events,
    _signal_events,
    _handover_events,
)


def _timeline(file: ClientFile) -> list[TimelineEvent]:
    events = [event for source in TIMELINE_SOURCES for event in source(file)]
    return sorted(events, key=lambda e: e.on, reverse=True)
