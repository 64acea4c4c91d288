"""The work rules of DOMAIN.md ("Work"), as reads: each one query, set-based (Exists and
subqueries, no loop over clients), so that figures for 110,000 clients can use them.

- Working on D: a job with `started_on <= D` and no `ended_on` or `ended_on >= D`.
- A placement: an employer job (regular or sheltered) whose client was not working on the day
  before it started. A job that starts the day after another ended is a job change.
- The contract on D: as it stood on D. A renewal on R changed the terms from R on; before R
  they were the renewal's `previous_contract` and `previous_planned_end_on`.
- Retention: for a placement at a regular employer starting on S, the status on S plus one
  calendar year (2024-02-29 gives 2025-02-28).
"""

from datetime import date

from django.db.models import (
    Case,
    CharField,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from clients.models import Client
from common.sql_dates import AddDays, AddMonths

from .models import Contract, Job, JobRenewal
from .querysets import JobQuerySet, running_on_q

EMPLOYED = (Job.Kind.REGULAR, Job.Kind.SHELTERED)  # employer jobs: those that can be placements
# Which contract counts when a client has several regular jobs on one day.
STRENGTH = {Contract.PERMANENT: 3, Contract.TEMPORARY: 2, Contract.AGENCY: 1}


class Retention:
    SAME_EMPLOYER = "same_employer"
    OTHER_EMPLOYER = "other_employer"
    NOT_WORKING = "not_working"


def jobs_running_on(day: date, jobs: JobQuerySet | None = None) -> JobQuerySet:
    """The jobs running on `day` (on its last day worked too)."""
    return (jobs if jobs is not None else Job.objects.all()).running_on(day)


def clients_working_on(day: date, clients: QuerySet[Client] | None = None) -> QuerySet[Client]:
    """The clients with a job of any kind running on `day`."""
    running = Job.objects.filter(running_on_q(day), client=OuterRef("pk"))
    return (clients if clients is not None else Client.objects.all()).filter(Exists(running))


def is_working_on(*, client: Client, day: date) -> bool:
    return Job.objects.filter(client=client).running_on(day).exists()


def _working_the_day_before() -> Exists:
    """The job's client had a job running on the day before this one started."""
    day_before = AddDays(OuterRef("started_on"), -1)
    return Exists(
        Job.objects.filter(client=OuterRef("client_id"), started_on__lt=OuterRef("started_on"))
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=day_before))
        .values("pk")
    )


def with_placement(jobs: QuerySet[Job]) -> QuerySet:
    """Each job with `is_placement`."""
    placement = Q(kind__in=EMPLOYED) & ~_working_the_day_before()
    return jobs.annotate(is_placement=Case(When(placement, then=Value(True)), default=Value(False)))


def placements(jobs: QuerySet[Job] | None = None) -> QuerySet:
    """The jobs that are placements."""
    return with_placement(jobs if jobs is not None else Job.objects.all()).filter(is_placement=True)


def with_contract_on(jobs: QuerySet[Job], day: date) -> QuerySet:
    """Each job with `contract_then` and `planned_end_then`: its terms as they stood on `day`
    (empty contract for self-employment)."""
    first_later = JobRenewal.objects.filter(job=OuterRef("pk"), renewed_on__gt=day).order_by(
        "renewed_on", "id"
    )
    return jobs.annotate(
        contract_then=Coalesce(
            Subquery(first_later.values("previous_contract")[:1]),
            F("contract"),
            output_field=CharField(),
        ),
        planned_end_then=Coalesce(
            Subquery(first_later.values("previous_planned_end_on")[:1]), F("planned_end_on")
        ),
    )


def contract_on(*, job: Job, day: date) -> str:
    """The job's contract on `day` ("" for self-employment)."""
    return str(
        with_contract_on(Job.objects.filter(pk=job.pk), day)
        .values_list("contract_then", flat=True)
        .get()
    )


def with_strongest_contract_on(clients: QuerySet[Client], day: date) -> QuerySet:
    """Each client with `strongest_contract`: of the regular-employer jobs running on `day`,
    the strongest contract then (permanent, then temporary, then agency); None without one."""
    strength = Case(
        *(When(contract_then=contract, then=Value(rank)) for contract, rank in STRENGTH.items()),
        default=Value(0),
        output_field=IntegerField(),
    )
    regular = Job.objects.filter(client=OuterRef("pk"), kind=Job.Kind.REGULAR).running_on(day)
    strongest = (
        with_contract_on(regular, day).annotate(strength=strength).order_by("-strength", "id")
    )
    return clients.annotate(strongest_contract=Subquery(strongest.values("contract_then")[:1]))


def with_retention(jobs: QuerySet[Job]) -> QuerySet:
    """Each job with `one_year_on` (its start plus one calendar year) and `retention`: on that
    day working for the same employer (the same payroll tax number: one employer row each),
    else for another employer or self-employed, else not working."""
    mark = AddMonths(OuterRef("started_on"), 12)
    working = Job.objects.filter(running_on_q(mark), client=OuterRef("client_id"))
    same = working.filter(employer_id=OuterRef("employer_id"))
    return jobs.annotate(
        one_year_on=AddMonths(F("started_on"), 12),
        retention=Case(
            When(Exists(same.values("pk")), then=Value(Retention.SAME_EMPLOYER)),
            When(Exists(working.values("pk")), then=Value(Retention.OTHER_EMPLOYER)),
            default=Value(Retention.NOT_WORKING),
            output_field=CharField(),
        ),
    )


def retained_placements(*, as_of: date, jobs: QuerySet[Job] | None = None) -> QuerySet:
    """The placements at a regular employer whose one-year mark is `as_of` or earlier, each
    with its `retention` (figure 5.2)."""
    regular = (jobs if jobs is not None else Job.objects.all()).filter(kind=Job.Kind.REGULAR)
    return with_retention(placements(regular)).filter(one_year_on__lte=as_of)


def retention_status(*, job: Job, as_of: date) -> str | None:
    """The job's retention status, or None when it is no placement at a regular employer or
    its one-year mark lies after `as_of`."""
    found = retained_placements(as_of=as_of, jobs=Job.objects.filter(pk=job.pk))
    return found.values_list("retention", flat=True).first()
