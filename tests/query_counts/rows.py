"""Rows to add to a list: `n` more of one kind, with every link the list shows filled in (a
link left empty would hide an N+1 on it)."""

import datetime
from datetime import timedelta

from django.utils import timezone

from access.models import UserSession
from audit.models import AccessLog, UnusualReading
from clients.models import Reassessment, TeamAssignment, WorkCapacityDecision
from interventions.models import Trajectory, WorkPlan
from signals.models import Signal
from tests.factories import (
    AgreementFactory,
    CaseworkerAssignmentFactory,
    ClientFactory,
    ContactExemptionFactory,
    ConversationFactory,
    EmployerFactory,
    JobFactory,
    NotificationFactory,
    PhaseExemptionFactory,
    PhasePeriodFactory,
    ProviderFactory,
    ProvisionFactory,
    RungAssessmentFactory,
    ServiceTypeFactory,
    SignalFactory,
    TeamFactory,
    TrajectoryFactory,
    TrajectoryPauseFactory,
    UserFactory,
    WorkPlanFactory,
    WorkPlanLetterFactory,
)
from tests.referrals.factories import OrganisationFactory, ReferralFactory
from work.models import Provision
from work.services.renewals import renew_job

from .pins import World

D = datetime.date


def _day(world: World) -> D:
    """A day of its own, long before the client's current phase (2020)."""
    return D(2000, 1, 1) + timedelta(days=3 * world.next())


def teams(world: World, n: int) -> None:
    for _ in range(n):
        TeamFactory.create(manager=world.manager)


def users(world: World, n: int) -> None:
    for _ in range(n):
        UserFactory.create(role="caseworker", team=world.team)


def clients(world: World, n: int) -> None:
    """Clients of the caseworker, each in a phase, spoken, with an open signal and an overdue
    agreement: every figure the caseload shows."""
    for _ in range(n):
        client = ClientFactory.create(team=world.team, caseworker=world.caseworker)
        PhasePeriodFactory.create(client=client, phase="3", recorded_by=world.caseworker)
        ConversationFactory.create(client=client, caseworker=world.caseworker)
        SignalFactory.create(client=client)
        plan = WorkPlanFactory.create(client=client, created_by=world.caseworker)
        AgreementFactory.create(work_plan=plan, due_on=D(2024, 1, 1))


def queue_clients(world: World, n: int) -> None:
    """Clients of the caseworker with work for today: a planned conversation, an open signal,
    an agreement due, a trajectory ending, a referral to follow up and a fresh handover (every
    kind the queue joins)."""
    today = timezone.localdate()
    for _ in range(n):
        client = ClientFactory.create(team=world.team, caseworker=world.caseworker)
        ConversationFactory.create(
            client=client, caseworker=world.caseworker, held_on=today, status="planned"
        )
        SignalFactory.create(client=client, raised_on=today)
        plan = WorkPlanFactory.create(client=client, created_by=world.caseworker)
        AgreementFactory.create(work_plan=plan, due_on=today)
        TrajectoryFactory.create(client=client, planned_end_on=today)
        ReferralFactory.create(
            client=client, referred_on=today, consent_on=today, follow_up_on=today
        )
        CaseworkerAssignmentFactory.create(
            client=client, caseworker=world.caseworker, started_on=today, assigned_by=world.manager
        )


def this_weeks_conversations(world: World, n: int) -> None:
    """Conversations of the caseworker with clients of theirs, in the current week."""
    monday = timezone.localdate() - timedelta(days=timezone.localdate().weekday())
    for i in range(n):
        client = ClientFactory.create(team=world.team, caseworker=world.caseworker)
        ConversationFactory.create(
            client=client, caseworker=world.caseworker, held_on=monday + timedelta(days=i % 7)
        )


def assignments(world: World, n: int) -> None:
    for _ in range(n):
        day = _day(world)
        CaseworkerAssignmentFactory.create(
            client=world.client,
            caseworker=world.caseworker,
            started_on=day,
            ended_on=day + timedelta(days=1),
            assigned_by=world.manager,
        )


def team_periods(world: World, n: int) -> None:
    for _ in range(n):
        day = _day(world)
        TeamAssignment.objects.create(
            client=world.client,
            team=world.client.team,
            started_on=day,
            ended_on=day + timedelta(days=1),
            assigned_by=world.manager,
        )


def capacity_decisions(world: World, n: int) -> None:
    """Decisions in force for a day each, long ago, each the outcome of a reassessment."""
    for _ in range(n):
        day = _day(world)
        decision = WorkCapacityDecision.objects.create(
            client=world.client,
            decided_on=day,
            superseded_on=day + timedelta(days=1),
            outcome="has_work_capacity",
            decided_by=world.caseworker,
        )
        Reassessment.objects.create(
            client=world.client,
            requested_on=day,
            reason="Werkt meer uren",
            requested_by=world.caseworker,
            decision=decision,
        )


def phase_periods(world: World, n: int) -> None:
    for _ in range(n):
        day = _day(world)
        PhasePeriodFactory.create(
            client=world.client,
            phase="1",
            started_on=day,
            ended_on=day + timedelta(days=1),
            recorded_by=world.caseworker,
        )


def rung_assessments(world: World, n: int) -> None:
    for _ in range(n):
        RungAssessmentFactory.create(
            client=world.client, assessed_on=_day(world), assessed_by=world.caseworker
        )


def phase_exemptions(world: World, n: int) -> None:
    for _ in range(n):
        PhaseExemptionFactory.create(client=world.client, recorded_by=world.caseworker)


def conversations(world: World, n: int) -> None:
    for _ in range(n):
        ConversationFactory.create(
            client=world.client, caseworker=world.caseworker, held_on=_day(world)
        )


def reports(world: World, n: int) -> None:
    """Conversations of clients in the team whose reports the report search finds."""
    for _ in range(n):
        ConversationFactory.create(
            client=ClientFactory.create(team=world.team),
            caseworker=world.caseworker,
            held_on=_day(world),
            summary="Werkgever gebeld over een proefplaatsing",
        )


def contact_exemptions(world: World, n: int) -> None:
    for _ in range(n):
        ContactExemptionFactory.create(client=world.client, recorded_by=world.caseworker)


def work_plans(world: World, n: int) -> None:
    """Earlier versions of the client's work plan, two agreements and a letter each; the
    current version (made with the first ones) stays on top."""
    if not world.client.workplans.exists():
        current = WorkPlanFactory.create(
            client=world.client, version=10_000, created_by=world.caseworker
        )
        AgreementFactory.create(work_plan=current)
    for _ in range(n):
        plan = WorkPlanFactory.create(
            client=world.client,
            version=world.next(),
            status=WorkPlan.Status.SUPERSEDED,
            created_by=world.caseworker,
        )
        AgreementFactory.create(work_plan=plan)
        AgreementFactory.create(work_plan=plan, owner="uwv")
        WorkPlanLetterFactory.create(work_plan=plan, recorded_by=world.caseworker)


def work_plans_of_clients(world: World, n: int) -> None:
    """One current work plan, with two agreements, for each of `n` new clients."""
    for _ in range(n):
        plan = WorkPlanFactory.create(
            client=ClientFactory.create(team=world.team, caseworker=world.caseworker),
            created_by=world.caseworker,
        )
        AgreementFactory.create_batch(2, work_plan=plan)


def trajectories(world: World, n: int) -> None:
    """Trajectories of the client, each bought from a provider of its own and paused once."""
    for _ in range(n):
        trajectory = TrajectoryFactory.create(
            client=world.client, purchased_by=world.caseworker, status=Trajectory.Status.PAUSED
        )
        TrajectoryPauseFactory.create(trajectory=trajectory)


def jobs(world: World, n: int) -> None:
    """Temporary jobs of the client, each at an employer of its own, from a trajectory, and
    renewed once (every link a job shows, and its list of renewals)."""
    for _ in range(n):
        start = _day(world)
        job = JobFactory.create(
            client=world.client,
            employer=EmployerFactory.create(),
            contract="temporary",
            started_on=start,
            planned_end_on=start + timedelta(days=90),
            trajectory=TrajectoryFactory.create(client=world.client),
            recorded_by=world.caseworker,
        )
        renew_job(
            job=job,
            renewed_on=start + timedelta(days=30),
            new_planned_end_on=start + timedelta(days=120),
            by=world.caseworker,
        )


def provisions(world: World, n: int) -> None:
    """Decided provisions of the client, each for a job of its own."""
    for _ in range(n):
        ProvisionFactory.create(
            client=world.client,
            job=JobFactory.create(client=world.client),
            decision=Provision.Decision.REFUSED,
            decided_on=D(2024, 5, 1),
            recorded_by=world.caseworker,
        )


def employers(world: World, n: int) -> None:
    EmployerFactory.create_batch(n)


def providers(world: World, n: int) -> None:
    ProviderFactory.create_batch(n)


def organisations(world: World, n: int) -> None:
    OrganisationFactory.create_batch(n)


def referrals(world: World, n: int) -> None:
    """Open referrals of the client, each to an organisation of its own."""
    for _ in range(n):
        ReferralFactory.create(client=world.client, referred_by=world.caseworker)


def service_types(world: World, n: int) -> None:
    ServiceTypeFactory.create_batch(n)


def signals(world: World, n: int) -> None:
    """Open signals of clients in the team, one client each."""
    for _ in range(n):
        SignalFactory.create(client=ClientFactory.create(team=world.team))


def signals_of_the_client(world: World, n: int) -> None:
    """Resolved and dismissed signals of the client (one open signal per kind at most)."""
    for i in range(n):
        day = _day(world)
        if i % 2:
            SignalFactory.create(
                client=world.client,
                status=Signal.Status.RESOLVED,
                raised_on=day,
                resolved_on=day + timedelta(days=1),
            )
        else:
            SignalFactory.create(
                client=world.client,
                status=Signal.Status.DISMISSED,
                raised_on=day,
                dismissed_until=day + timedelta(days=1),
                dismissed_by=world.caseworker,
                dismissed_reason="Al gesproken",
            )


def a_whole_file(world: World, n: int) -> None:
    """`n` more of everything the client file lists."""
    for add in (  # work first: the oldest entries, when a page of history is full
        jobs,
        provisions,
        referrals,
        assignments,
        phase_periods,
        rung_assessments,
        phase_exemptions,
        conversations,
        contact_exemptions,
        work_plans,
        trajectories,
        signals_of_the_client,
    ):
        add(world, n)


def exemptions(world: World, n: int) -> None:
    contact_exemptions(world, n)
    phase_exemptions(world, n)


def notifications(world: World, n: int) -> None:
    NotificationFactory.create_batch(n, recipient=world.caseworker)


def reads(world: World, n: int) -> None:
    """Read-log rows (the caseworker opened the client's file), and as many staff members who
    read unusually many files today."""
    AccessLog.objects.bulk_create(
        AccessLog(user=world.caseworker, client=world.client, action="view", path="/clienten/")
        for _ in range(n)
    )
    today = timezone.localdate()
    for _ in range(n):
        UnusualReading.objects.create(user=UserFactory.create(), day=today, files=90, threshold=60)


def sessions(world: World, n: int) -> None:
    """Other live sessions of the caseworker."""
    now = timezone.now()
    UserSession.objects.bulk_create(
        UserSession(
            user=world.caseworker,
            session_key=f"other-session-{world.next()}",
            created=now,
            last_seen=now,
            user_agent="Firefox",
            ip="192.0.2.1",
        )
        for _ in range(n)
    )


def a_whole_file_by_the_caseworker(world: World, n: int) -> None:
    """`n` more of everything the client file lists, each change recorded as the caseworker's
    (so the history names a user for every entry)."""
    from audit.selectors import KINDS

    a_whole_file(world, n)
    for kind in KINDS:
        kind.model.history.filter(history_user=None).update(history_user=world.caseworker)  # type: ignore[attr-defined]


def work_plan_letters(world: World, n: int) -> None:
    """Letters given or sent with the client's work plan, each recorded by the caseworker."""
    plan = world.client.workplans.first() or WorkPlanFactory.create(
        client=world.client, created_by=world.caseworker
    )
    WorkPlanLetterFactory.create_batch(n, work_plan=plan, recorded_by=world.caseworker)


def agreements(world: World, n: int) -> None:
    """Agreements of the client's current work plan."""
    plan = world.client.workplans.first() or WorkPlanFactory.create(
        client=world.client, created_by=world.caseworker
    )
    AgreementFactory.create_batch(n, work_plan=plan)
