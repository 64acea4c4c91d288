"""The drill-down: the clients behind one figure of a report, as its link's filters name them."""

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q, QuerySet

from accounts.models import User
from clients.models import Client
from clients.querysets import (
    CASEWORKER_THEN,
    ClientQuerySet,
    active_on_q,
    with_caseworker_then,
)
from interventions.models import Conversation, Trajectory
from norms.selectors import norm_in_force
from participation.figures import MOVEMENTS, clients_on_rung, with_movement
from phases.flows import flow_clients
from phases.models import PhasePeriod
from referrals.models import Organisation, Referral
from signals.models import Signal
from signals.selectors import spoken_within_norm, under_contact_norm_q, with_caseload_figures
from work.flow import (
    job_endings,
    passed_q,
    placements_started,
    renewals_dated,
    retention_of_placements,
)
from work.models import Job, JobRenewal
from work.status_figures import LINES, clients_on_line

from .catalogue.phase_flows import ALL
from .catalogue.retention import STATUSES
from .catalogue.shared import NO_CASEWORKER, START
from .forms import PHASE_1
from .permissions import ReportScope, report_scope


@dataclass(frozen=True)
class Event:
    """Something that happened to clients in a period, behind a count in a report."""

    transition: str = ""  # "2-3", or "start-1" for a first phase
    ended_phase: str = ""  # a period in this phase ended
    service_type: int | None = None  # a trajectory bought, perhaps from `provider`
    provider: int | None = None
    trajectory_status: str = ""
    outcome: str = ""
    spoken_by: int | None = None  # a conversation held by this caseworker
    work: str = ""  # a work figure of the year: see `work_clients`
    referral: str = ""  # referred in the period: see `referred_clients`

    def __bool__(self) -> bool:
        return bool(
            self.transition
            or self.ended_phase
            or self.service_type
            or self.spoken_by
            or self.work
            or self.referral
        )

    def clients(
        self, scope: ReportScope, clients: ClientQuerySet, start: date, end: date, today: date
    ) -> ClientQuerySet:
        """The `clients` with the event in [start, end], each event counted (as its report
        counts it) only when the client was in the scope's teams on the event's own day."""
        if self.transition:
            clients = clients.filter(Exists(scope.dated(self._moved(start, end), "started_on")))
        if self.ended_phase:
            ended = PhasePeriod.objects.filter(
                client=OuterRef("pk"), phase=self.ended_phase, ended_on__range=(start, end)
            )
            clients = clients.filter(Exists(scope.dated(ended, "ended_on")))
        if self.service_type:
            bought = scope.dated(self._bought(start, end), "purchased_on")
            clients = clients.filter(Exists(bought))
        if self.spoken_by:
            # Production counts a caseworker's conversations whatever the client's team; a
            # caseworker's own figures hold only their own.
            if scope.caseworker is not None and self.spoken_by != scope.caseworker.pk:
                return clients.none()
            held = Conversation.objects.filter(
                client=OuterRef("pk"),
                caseworker=self.spoken_by,
                status=Conversation.Status.HELD,
                held_on__range=(start, end),
            )
            clients = clients.filter(Exists(held))
        if self.work:
            clients = clients.filter(pk__in=work_clients(scope, self.work, start, end, today))
        if self.referral:
            clients = referred_clients(scope, clients, self.referral, start, end)
        return clients

    def _moved(self, start: date, end: date) -> QuerySet[PhasePeriod]:
        """The client's phase periods that began with the transition in [start, end]."""
        origin, phase = self.transition.split("-")
        moved = PhasePeriod.objects.filter(
            client=OuterRef("pk"), phase=phase, started_on__range=(start, end)
        )
        before = PhasePeriod.objects.filter(
            client=OuterRef("client"), ended_on=OuterRef("started_on")
        )
        if origin == START:
            return moved.exclude(Exists(before))
        return moved.filter(Exists(before.filter(phase=origin)))

    def _bought(self, start: date, end: date) -> QuerySet[Trajectory]:
        """The client's trajectories of the service type bought in [start, end]."""
        bought = Trajectory.objects.filter(
            client=OuterRef("pk"),
            service_type=self.service_type,
            purchased_on__range=(start, end),
        )
        if self.provider:
            bought = bought.filter(provider=self.provider)
        if self.trajectory_status:
            bought = bought.filter(status=self.trajectory_status)
        if self.outcome:
            bought = bought.filter(outcome=self.outcome)
        return bought


def drilldown_clients(
    scope: ReportScope,
    *,
    user: User,
    today: date,
    caseworker: str = "",
    phase: str = "",
    signal: str = "",
    overdue: bool = False,
    norm: str = "",
    work: str = "",
    ladder: str = "",
    on: date | None = None,
    start: date | None = None,
    end: date | None = None,
    event: Event | None = None,
    flow: str = "",
) -> ClientQuerySet:
    """The clients behind one figure, within the scope and what `user` may open.

    Without `on` the figure is about today (active clients, current phase); with `on` it is
    about that day: the contact norm population (`norm`), a line of the work figures (`work`)
    or the phase on that day. An `event`
    in [start, end] lists its clients whether they are active or not, as does a `flow` (the
    clients who started a phase in [start, end], in the scope by their team on `on`).
    """
    in_flow = bool(flow) and None not in (start, end, on)
    clients = (
        _in_flow(scope, flow, start, end, on).visible_to(user)  # type: ignore[arg-type]
        if in_flow
        else _counted_clients(scope, event, ladder, on, start, end).visible_to(user)
    )
    if not in_flow and event and start is not None and end is not None:
        found = _with_event(scope, clients, event, caseworker, start, end, today)
        return with_caseload_figures(found, today=today)
    clients = _of_caseworker(clients, caseworker, _day_of(event, ladder, on, start, end))
    if in_flow:
        return with_caseload_figures(clients, today=today)
    if ladder in MOVEMENTS and start is not None and end is not None:
        moved = with_movement(clients, start, end).filter(movement=ladder)
        return with_caseload_figures(clients.filter(pk__in=moved.values("pk")), today=today)
    if norm and on is not None:
        clients = _under_norm(clients, norm, on)
    elif work and on is not None:
        clients = clients_on_line(clients, on, work)
    elif ladder and on is not None:
        clients = clients_on_rung(clients, on, ladder)
    elif on is not None:
        clients = _in_phase_on(clients, phase, on)
    else:
        clients = clients.filter(active_on_q(today))
    clients = with_caseload_figures(clients, today=today)
    if phase and on is None:
        clients = (
            clients.filter(current_phase__isnull=True)
            if phase == "none"
            else clients.filter(current_phase=phase)
        )
    return _with_signal_or_overdue(clients, signal, overdue)


def _of_caseworker(clients: ClientQuerySet, caseworker: str, day: date | None) -> ClientQuerySet:
    """The clients of one caseworker (by id), of none (`NO_CASEWORKER`), or all (""): on
    `day` for a figure about that day (their contact person then), else now."""
    if not caseworker:
        return clients
    wanted = None if caseworker == NO_CASEWORKER else int(caseworker)
    if day is None:
        return clients.filter(caseworker=wanted)
    return with_caseworker_then(clients, day, client="").filter(**{CASEWORKER_THEN: wanted})


def _with_event(
    scope: ReportScope,
    clients: ClientQuerySet,
    event: Event,
    caseworker: str,
    start: date,
    end: date,
    today: date,
) -> ClientQuerySet:
    """The `clients` with the event, of one caseworker's figures by the client's contact
    person on the event's day (see `ReportScope.dated`); the referrals' reach in phase 1 is
    about its last day."""
    if event.referral == PHASE_1:
        clients = _of_caseworker(clients, caseworker, end)
    elif scope.caseworker is not None:  # their own figures: no one else's row
        if caseworker and caseworker != str(scope.caseworker.pk):
            return clients.none()
    elif caseworker == NO_CASEWORKER:
        scope = replace(scope, without_caseworker=True)
    elif caseworker:
        chosen = User.objects.filter(pk=int(caseworker)).first() or User(pk=0)
        scope = replace(scope, caseworker=chosen)
    return event.clients(scope, clients, start, end, today)


def _day_of(
    event: Event | None, ladder: str, on: date | None, start: date | None, end: date | None
) -> date | None:
    """The day a figure is about: its day (`on`), for the ladder's movement its first day,
    for the referrals' reach in phase 1 the last; None for today's figures."""
    if ladder in MOVEMENTS:
        return start
    if event and event.referral == PHASE_1:
        return end
    return on


def _counted_clients(
    scope: ReportScope,
    event: Event | None,
    ladder: str,
    on: date | None,
    start: date | None,
    end: date | None,
) -> ClientQuerySet:
    """The clients of the scope as the figure counted them: in its teams on the day it is
    about (`on`; for the ladder's movement its first day; for the referrals' reach in phase 1
    the last day), in any team for an event (`Event.clients` tests the team on each event's
    day), or in its teams now for today's figures."""
    if event and event.referral != PHASE_1:
        return scope.clients_in_any_team()
    day = _day_of(event, ladder, on, start, end)
    return scope.clients_on(day) if day is not None else scope.clients()


def drilldown_for(user: User, data: Mapping[str, Any], *, today: date) -> ClientQuerySet:
    """The clients behind a figure as a valid `DrilldownForm`'s data name them, for `user`:
    403 for a user who may not open the clients behind figures, 404 for a team not theirs."""
    scope = report_scope(user, data.get("team"))
    if not scope.may_open_clients:
        raise PermissionDenied
    return drilldown_clients(
        scope,
        user=user,
        today=today,
        caseworker=data["caseworker"],
        phase=data["phase"],
        signal=data["signal"],
        overdue=data["overdue"],
        norm=data["norm"],
        work=data["work"] if data["work"] in LINES else "",
        ladder=data["ladder"],
        on=data["on"],
        start=data["start"],
        end=data["end"],
        event=Event(
            transition=data["transition"],
            ended_phase=data["ended_phase"],
            service_type=data["service_type"],
            provider=data["provider"],
            trajectory_status=data["trajectory_status"],
            outcome=data["outcome"],
            spoken_by=data["spoken_by"],
            work="" if data["work"] in LINES else data["work"],
            referral=data["referral"],
        ),
        flow=data["flow"],
    )


def _in_flow(scope: ReportScope, flow: str, start: date, end: date, on: date) -> ClientQuerySet:
    """The clients behind a count of the phase flows: `flow` is "<phase>.<switches>.<end>",
    "all" for any number of switches or any end state."""
    phase, switches, ended = flow.split(".")
    cohort = flow_clients(
        scope.clients_on(on),
        phase=phase,
        start=start,
        end=end,
        on=on,
        switches="" if switches == ALL else switches,
        ended="" if ended == ALL else ended,
    )
    return Client.objects.filter(pk__in=cohort.values("pk"))


def referred_clients(
    scope: ReportScope, clients: ClientQuerySet, referral: str, start: date, end: date
) -> ClientQuerySet:
    """The clients with a referral dated in [start, end]: any (`any`), to a kind of
    organisation, or with a status now, in the scope's teams on its date; `phase_1`: those
    active and in phase 1 on `end` (the `clients` are the scope's on that day) with any."""
    referrals: QuerySet = Referral.objects.filter(
        client=OuterRef("pk"), referred_on__range=(start, end)
    )
    if referral != PHASE_1:
        referrals = scope.dated(referrals, "referred_on")
    if referral in Organisation.Kind.values:
        referrals = referrals.filter(organisation__kind=referral)
    elif referral in Referral.Status.values:
        referrals = referrals.filter(status=referral)
    clients = clients.filter(Exists(referrals))
    return _in_phase_on(clients, "1", end) if referral == PHASE_1 else clients


def work_clients(scope: ReportScope, work: str, start: date, end: date, today: date) -> QuerySet:
    """The ids of the clients behind a work figure of [start, end] (`WORK_FIGURES`), each job
    or renewal in the scope's teams on its date, as the reports count them."""
    if work in ("renewed", "made_permanent"):
        dated = scope.dated(JobRenewal.objects.all(), "renewed_on", client="job__client")
        renewals = renewals_dated(start, end, dated)
        if work == "made_permanent":
            renewals = renewals.filter(made_permanent=True)
        return renewals.values("job__client_id")
    if work == "placed":
        return placements_started(start, end, _jobs(scope, "started_on")).values("client_id")
    if work in ("retention", *STATUSES):
        jobs = _jobs(scope, "started_on")
        retained = retention_of_placements(start, end, today=today, jobs=jobs)
        return (retained if work == "retention" else retained.filter(retention=work)).values(
            "client_id"
        )
    counted, window = work.split("_", 1)
    endings = job_endings(start, end, _jobs(scope, "ended_on")).filter(passed_q(window, today))
    if counted == "new":
        endings = endings.filter(**{f"new_{window}": True})
    return endings.values("client_id")


def _jobs(scope: ReportScope, day: str) -> QuerySet[Job]:
    return scope.dated(Job.objects.all(), day)


def _under_norm(clients: ClientQuerySet, norm: str, on: date) -> ClientQuerySet:
    """The contact norm population on `on`; `norm` "spoken" or "not_spoken" narrows it."""
    rules = norm_in_force(on)
    clients = clients.filter(active_on_q(on), under_contact_norm_q(on, rules))
    if norm == "spoken":
        return clients.filter(spoken_within_norm(on, rules))
    if norm == "not_spoken":
        return clients.exclude(spoken_within_norm(on, rules))
    return clients


def _in_phase_on(clients: ClientQuerySet, phase: str, on: date) -> ClientQuerySet:
    """The clients active on `on`, in `phase` that day ("none": in no phase) if given."""
    clients = clients.filter(active_on_q(on))
    covering = PhasePeriod.objects.filter(client=OuterRef("pk"), started_on__lte=on).filter(
        Q(ended_on__isnull=True) | Q(ended_on__gt=on)
    )
    if phase == "none":
        return clients.exclude(Exists(covering))
    if phase:
        return clients.filter(Exists(covering.filter(phase=phase)))
    return clients


def _with_signal_or_overdue(clients: ClientQuerySet, signal: str, overdue: bool) -> ClientQuerySet:
    if signal:
        clients = clients.filter(
            Exists(Signal.objects.open().filter(client=OuterRef("pk"), kind=signal))
        )
    if overdue:
        clients = clients.filter(overdue_agreements__gt=0)
    return clients
