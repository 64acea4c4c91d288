"""Selectors for the yearly flow figures of DOMAIN.md ("Work"): placements, contract renewals,
retention a year after a placement (figure 5.2) and new work after a job ends. Each is one
set-based query over the jobs; the reports count them per team or caseworker.

- A placement is counted once per client and start day: two employer jobs a client starts on
  the same day, not working the day before, are one placement (DOMAIN.md: "the start of an
  employer job by a client not working the day before"). The job with the lowest id stands for
  the day.
- Retention: for a counted placement at a regular employer on S, the status on S plus one
  calendar year: working for an employer with the payroll tax number of a regular job started
  on S (`same_employer`), else working at all, self-employed too (`other_employer`), else
  `not_working`.
- After a job ends: an employer job ending on E (its last day worked) while no other job that
  had started by E is still running on E+1. New work is a job of any kind starting after E:
  on E+1 (directly), by E plus six months, by E plus twelve months. A window counts only once
  it has passed (its last day is today or earlier); a client whose jobs end on the same day
  counts once.
"""

from datetime import date

from django.db.models import (
    Case,
    CharField,
    Exists,
    F,
    OuterRef,
    Q,
    QuerySet,
    Value,
    When,
)

from common.sql_dates import AddDays, AddMonths

from .models import Job, JobRenewal
from .querysets import running_on_q
from .selectors import EMPLOYED, Retention, placements

# The windows after a job ends: name -> months after E (0: the day after E).
WINDOWS = {"direct": 0, "half_year": 6, "year": 12}


def _first_of_its_day(
    jobs: QuerySet[Job], kinds: tuple[str, ...], start: date, end: date
) -> QuerySet[Job]:
    """The jobs (started in [start, end]) that stand for their (client, start day): no job of
    `kinds` of the same client started that day with a lower id."""
    return jobs.exclude(
        Exists(
            Job.objects.filter(
                client=OuterRef("client_id"),
                started_on=OuterRef("started_on"),
                started_on__range=(start, end),  # the same day; lets the planner use the index
                kind__in=kinds,
                pk__lt=OuterRef("pk"),
            )
        )
    )


def placements_started(start: date, end: date, jobs: QuerySet[Job] | None = None) -> QuerySet:
    """The placements starting in [start, end], one per client and start day."""
    jobs = (jobs if jobs is not None else Job.objects.all()).filter(
        started_on__range=(start, end), kind__in=EMPLOYED
    )
    return _first_of_its_day(placements(jobs), EMPLOYED, start, end)


def renewals_dated(start: date, end: date, renewals: QuerySet | None = None) -> QuerySet:
    """The renewals (extended or made permanent) dated in [start, end]."""
    found = renewals if renewals is not None else JobRenewal.objects.all()
    return found.filter(renewed_on__range=(start, end))


def retention_of_placements(
    start: date, end: date, *, today: date, jobs: QuerySet[Job] | None = None
) -> QuerySet:
    """The placements at a regular employer starting in [start, end] whose one-year mark is
    `today` or earlier, one per client and start day, each with its `retention`."""
    regular = (jobs if jobs is not None else Job.objects.all()).filter(
        started_on__range=(start, end), kind=Job.Kind.REGULAR
    )
    found = _first_of_its_day(placements(regular), (Job.Kind.REGULAR,), start, end)
    mark = AddMonths(OuterRef("started_on"), 12)
    working = Job.objects.filter(running_on_q(mark), client=OuterRef("client_id"))
    started_that_day = Job.objects.filter(
        client=OuterRef(OuterRef("client_id")),
        started_on=OuterRef(OuterRef("started_on")),
        kind=Job.Kind.REGULAR,
        # One employer row per payroll tax number (unique): the same row is the same number.
        employer=OuterRef("employer_id"),
    )
    same = working.filter(Exists(started_that_day))
    return (
        found.annotate(one_year_on=AddMonths(F("started_on"), 12))
        .filter(one_year_on__lte=today)
        .annotate(
            retention=Case(
                When(Exists(same.values("pk")), then=Value(Retention.SAME_EMPLOYER)),
                When(Exists(working.values("pk")), then=Value(Retention.OTHER_EMPLOYER)),
                default=Value(Retention.NOT_WORKING),
                output_field=CharField(),
            )
        )
    )


def window_end(months: int, ended_on: F | OuterRef | None = None) -> AddDays | AddMonths:
    """The last day of a window after the job's end E: E+1, or E plus `months`."""
    ended = ended_on if ended_on is not None else F("ended_on")
    return AddDays(ended, 1) if months == 0 else AddMonths(ended, months)


def job_endings(start: date, end: date, jobs: QuerySet[Job] | None = None) -> QuerySet:
    """The employer jobs ending in [start, end] with no other job that had started by the end
    still running the day after, one per client and end day; each with `new_<window>`: a job
    of any kind started after the end, up to the window's last day, and `<window>_passed`:
    that day is known (see `passed_q`)."""
    found = (jobs if jobs is not None else Job.objects.all()).filter(
        ended_on__range=(start, end), kind__in=EMPLOYED
    )
    day_after = AddDays(OuterRef("ended_on"), 1)
    others = Job.objects.filter(client=OuterRef("client_id")).exclude(pk=OuterRef("pk"))
    still_running = others.filter(started_on__lte=OuterRef("ended_on")).filter(
        Q(ended_on__isnull=True) | Q(ended_on__gte=day_after)
    )
    same_day = Job.objects.filter(
        client=OuterRef("client_id"),
        ended_on=OuterRef("ended_on"),
        ended_on__range=(start, end),  # the same day; lets the planner use the index
        kind__in=EMPLOYED,
        pk__lt=OuterRef("pk"),
    )
    found = found.exclude(Exists(still_running)).exclude(Exists(same_day))
    later = Job.objects.filter(client=OuterRef("client_id"), started_on__gt=OuterRef("ended_on"))
    return found.annotate(
        **{
            f"new_{name}": Exists(
                later.filter(started_on__lte=window_end(months, OuterRef("ended_on"))).values("pk")
            )
            for name, months in WINDOWS.items()
        },
        **{f"{name}_until": window_end(months) for name, months in WINDOWS.items()},
    )


def passed_q(window: str, today: date) -> Q:
    """The endings whose `window` has passed by `today`: its last day is today or earlier."""
    return Q(**{f"{window}_until__lte": today})
