"""factory_boy factories for tests. They write rows directly; services are tested through calls."""

import datetime
from decimal import Decimal

import factory
from django.contrib.auth.models import Group
from django.db import transaction

from accounts.models import Membership, Role, Team, User
from clients.models import (
    CaseworkerAssignment,
    Client,
    Regime,
    TeamAssignment,
    WorkCapacity,
    WorkCapacityDecision,
)
from interventions.models import (
    Agreement,
    ContactExemption,
    Conversation,
    Provider,
    ServiceType,
    Trajectory,
    TrajectoryPause,
    WorkPlan,
    WorkPlanLetter,
)
from norms.models import NormVersion
from participation.chain import chain_rungs
from participation.models import RungAssessment
from phases.models import PhaseExemption, PhasePeriod
from signals.models import Notification, Signal
from work.models import Employer, Job, JobRenewal, Provision


def make_bsn(n: int) -> str:
    """A valid (11-test) BSN derived from a sequence number."""
    prefix = f"{10_000_000 + n * 7:08d}"[-8:]
    while True:
        total = sum(int(prefix[i]) * (9 - i) for i in range(8))
        check = total % 11
        if check < 10 and total != check:  # total - check == 0 fails the 11-test
            return prefix + str(check)
        prefix = f"{(int(prefix) + 1) % 100_000_000:08d}"


class TeamFactory(factory.django.DjangoModelFactory[Team]):
    class Meta:
        model = Team
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Team {n}")


class UserFactory(factory.django.DjangoModelFactory[User]):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name", locale="nl_NL")
    last_name = factory.Faker("last_name", locale="nl_NL")
    password = factory.django.Password("correct-horse-battery")

    role = factory.PostGeneration(lambda user, create, extracted, **kw: _add_role(user, extracted))
    team = factory.PostGeneration(lambda user, create, extracted, **kw: _join_team(user, extracted))


def _add_role(user: User, role: str | None) -> None:
    if role:
        user.groups.add(Group.objects.get(name=Role(role).value))


def _join_team(user: User, team: Team | None) -> None:
    if team:
        Membership.objects.get_or_create(user=user, team=team)


class CaseworkerFactory(UserFactory):
    function = User.Function.AD
    role = factory.PostGeneration(
        lambda user, create, extracted, **kw: _add_role(user, extracted or Role.CASEWORKER)
    )


class ClientFactory(factory.django.DjangoModelFactory[Client]):
    class Meta:
        model = Client
        skip_postgeneration_save = True

    bsn = factory.Sequence(make_bsn)
    first_name = factory.Faker("first_name", locale="nl_NL")
    last_name = factory.Faker("last_name", locale="nl_NL")
    date_of_birth = datetime.date(1995, 6, 15)
    regime = Regime.WAJONG2010
    has_work_capacity = True
    in_service_since = datetime.date(2015, 1, 1)
    team = factory.SubFactory(TeamFactory)

    @factory.post_generation
    def dated_facts(client: Client, create: bool, extracted: object, **kwargs: object) -> None:
        """The team period and work-capacity decision a client's services open with it (from
        the day in service)."""
        if create:
            TeamAssignment.objects.create(
                client=client, team=client.team, started_on=client.in_service_since
            )
            WorkCapacityDecision.objects.create(
                client=client,
                decided_on=client.in_service_since,
                outcome=WorkCapacity.HAS if client.has_work_capacity else WorkCapacity.LASTING_NONE,
            )


class CaseworkerAssignmentFactory(factory.django.DjangoModelFactory[CaseworkerAssignment]):
    class Meta:
        model = CaseworkerAssignment

    client = factory.SubFactory(ClientFactory)
    caseworker = factory.SubFactory(CaseworkerFactory)
    started_on = datetime.date(2020, 1, 1)


class PhasePeriodFactory(factory.django.DjangoModelFactory[PhasePeriod]):
    class Meta:
        model = PhasePeriod

    client = factory.SubFactory(ClientFactory)
    phase = "2"
    started_on = datetime.date(2020, 1, 1)
    reason = "Intake"


class PhaseExemptionFactory(factory.django.DjangoModelFactory[PhaseExemption]):
    class Meta:
        model = PhaseExemption

    client = factory.SubFactory(ClientFactory)
    phase = "2"
    reason = PhaseExemption.Reason.MEDICAL
    valid_from = datetime.date(2024, 1, 1)
    review_on = datetime.date(2025, 1, 1)


class ConversationFactory(factory.django.DjangoModelFactory[Conversation]):
    class Meta:
        model = Conversation

    client = factory.SubFactory(ClientFactory)
    caseworker = factory.SubFactory(CaseworkerFactory)
    held_on = datetime.date(2024, 1, 10)
    status = Conversation.Status.HELD
    channel = Conversation.Channel.IN_PERSON


class ContactExemptionFactory(factory.django.DjangoModelFactory[ContactExemption]):
    class Meta:
        model = ContactExemption

    client = factory.SubFactory(ClientFactory)
    reason = ContactExemption.Reason.STABLE_WORK
    valid_from = datetime.date(2024, 1, 1)
    valid_until = datetime.date(2025, 1, 1)


class ProviderFactory(factory.django.DjangoModelFactory[Provider]):
    class Meta:
        model = Provider
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Re-integratie {n} BV")


class ServiceTypeFactory(factory.django.DjangoModelFactory[ServiceType]):
    class Meta:
        model = ServiceType
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"WF{n:03d}")
    name = "Werkfit-traject"
    category = ServiceType.Category.WORK_FIT
    phases = "23"


class TrajectoryFactory(factory.django.DjangoModelFactory[Trajectory]):
    class Meta:
        model = Trajectory

    client = factory.SubFactory(ClientFactory)
    service_type = factory.SubFactory(ServiceTypeFactory)
    provider = factory.SubFactory(ProviderFactory)
    purpose = "Werkritme opbouwen"
    purchased_on = datetime.date(2024, 3, 1)
    started_on = datetime.date(2024, 3, 15)
    status = Trajectory.Status.RUNNING
    cost = Decimal("4250.00")


class TrajectoryPauseFactory(factory.django.DjangoModelFactory[TrajectoryPause]):
    class Meta:
        model = TrajectoryPause

    trajectory = factory.SubFactory(TrajectoryFactory)
    from_date = datetime.date(2024, 4, 1)
    reason = "Ziekenhuisopname"


class WorkPlanFactory(factory.django.DjangoModelFactory[WorkPlan]):
    class Meta:
        model = WorkPlan

    client = factory.SubFactory(ClientFactory)
    version = 1
    goal = "Duurzaam aan het werk bij een reguliere werkgever"
    status = WorkPlan.Status.DRAFT


class WorkPlanLetterFactory(factory.django.DjangoModelFactory[WorkPlanLetter]):
    class Meta:
        model = WorkPlanLetter

    work_plan = factory.SubFactory(WorkPlanFactory)
    handed_on = datetime.date(2026, 1, 5)
    channel = WorkPlanLetter.Channel.POST


class AgreementFactory(factory.django.DjangoModelFactory[Agreement]):
    class Meta:
        model = Agreement

    work_plan = factory.SubFactory(WorkPlanFactory)
    description = "Cliënt meldt zich aan bij het leerwerkbedrijf"
    owner = Agreement.Owner.CLIENT


class SignalFactory(factory.django.DjangoModelFactory[Signal]):
    class Meta:
        model = Signal

    client = factory.SubFactory(ClientFactory)
    kind = Signal.Kind.NO_CONTACT
    status = Signal.Status.OPEN
    raised_on = datetime.date(2025, 1, 6)
    details = factory.LazyFunction(lambda: {"last_contact_on": None, "window_start": "2024-01-06"})
    # The default norms of the data migration (2018); tests may add later versions.
    rule_version = factory.LazyFunction(lambda: NormVersion.objects.earliest())


class NotificationFactory(factory.django.DjangoModelFactory[Notification]):
    class Meta:
        model = Notification

    recipient = factory.SubFactory(CaseworkerFactory)
    kind = Notification.Kind.SIGNAL_DIGEST
    day = factory.Sequence(lambda n: datetime.date(2025, 1, 1) + datetime.timedelta(days=n))
    count = 3


def make_payroll_tax_number(n: int) -> str:
    return f"{100_000_000 + n:09d}L01"


class EmployerFactory(factory.django.DjangoModelFactory[Employer]):
    class Meta:
        model = Employer
        django_get_or_create = ("payroll_tax_number",)

    name = factory.Sequence(lambda n: f"Werkgever {n} BV")
    payroll_tax_number = factory.Sequence(make_payroll_tax_number)


class JobFactory(factory.django.DjangoModelFactory[Job]):
    """A running permanent job at a regular employer since 2024-03-01."""

    class Meta:
        model = Job

    client = factory.SubFactory(ClientFactory)
    kind = Job.Kind.REGULAR
    employer = factory.SubFactory(EmployerFactory)
    contract = "permanent"
    hours_per_week = Decimal("24.0")
    started_on = datetime.date(2024, 3, 1)
    placed_by = Job.PlacedBy.UWV


class JobRenewalFactory(factory.django.DjangoModelFactory[JobRenewal]):
    """An extension of a temporary job (the job's own terms are left as they are)."""

    class Meta:
        model = JobRenewal

    job = factory.SubFactory(
        JobFactory, contract="temporary", planned_end_on=datetime.date(2025, 6, 1)
    )
    renewed_on = datetime.date(2024, 9, 1)
    new_planned_end_on = datetime.date(2025, 6, 1)
    previous_contract = "temporary"
    previous_planned_end_on = datetime.date(2024, 12, 31)


class ProvisionFactory(factory.django.DjangoModelFactory[Provision]):
    """A job coach applied for by the client, pending."""

    class Meta:
        model = Provision

    client = factory.SubFactory(ClientFactory)
    kind = Provision.Kind.JOB_COACH
    applicant = Provision.Applicant.CLIENT
    applied_on = datetime.date(2024, 4, 1)


class RungAssessmentFactory(factory.django.DjangoModelFactory[RungAssessment]):
    class Meta:
        model = RungAssessment
        skip_postgeneration_save = True

    client = factory.SubFactory(ClientFactory)
    rung = 3
    assessed_on = datetime.date(2024, 1, 10)

    @factory.post_generation
    def chained(assessment: RungAssessment, create: bool, extracted: object, **_: object) -> None:
        """As the services do: the client's assessments hold each up to the next (in a
        transaction, for the row locks, also in a test that commits)."""
        if create:
            with transaction.atomic():
                chain_rungs([assessment.client_id])
            assessment.refresh_from_db(fields=["superseded_on"])
