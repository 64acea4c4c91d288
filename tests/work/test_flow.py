"""The yearly flow figures of DOMAIN.md ("Work") on their boundaries: placements counted once per
client and start day, renewals dated in a year, retention a year after a placement, new work
after a job ends."""

import datetime

import pytest
from django.db import IntegrityError, transaction

from clients.models import Client
from tests.factories import ClientFactory, EmployerFactory, JobFactory, JobRenewalFactory
from work.flow import job_endings, passed_q, placements_started, renewals_dated
from work.flow import retention_of_placements as retained
from work.models import Job

pytestmark = pytest.mark.django_db
D = datetime.date
Y2024 = (D(2024, 1, 1), D(2024, 12, 31))


def ended(client: Client, started: datetime.date, last_day: datetime.date, **fields) -> Job:
    return JobFactory.create(
        client=client, started_on=started, ended_on=last_day, end_reason="dismissed", **fields
    )


def placed_in_2024(client: Client) -> list[datetime.date]:
    return [j.started_on for j in placements_started(*Y2024).filter(client=client)]


# Placements ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("previous_last_day", "placed"),
    [
        (D(2024, 6, 30), False),  # starts the day after: a job change
        (D(2024, 6, 29), True),  # a one-day gap (not working on 30 June)
        (D(2024, 6, 1), True),  # a month's gap
    ],
)
def test_a_job_is_a_placement_only_after_a_day_without_work(previous_last_day, placed):
    client = ClientFactory.create()
    ended(client, D(2023, 1, 1), previous_last_day)
    JobFactory.create(client=client, started_on=D(2024, 7, 1))

    assert placed_in_2024(client) == ([D(2024, 7, 1)] if placed else [])


def test_two_jobs_started_the_same_day_are_one_placement():
    client = ClientFactory.create()
    JobFactory.create(client=client, started_on=D(2024, 7, 1))
    JobFactory.create(client=client, started_on=D(2024, 7, 1), kind="sheltered")

    assert placements_started(*Y2024).filter(client=client).count() == 1


def test_self_employment_is_no_placement_and_placements_are_dated_in_their_year():
    client = ClientFactory.create()
    JobFactory.create(client=client, kind="self_employed", employer=None, contract="")
    first, last = ClientFactory.create_batch(2)
    JobFactory.create(client=first, started_on=D(2024, 1, 1))
    JobFactory.create(client=last, started_on=D(2024, 12, 31))
    JobFactory.create(started_on=D(2025, 1, 1))

    assert set(placements_started(*Y2024).values_list("client", flat=True)) == {
        first.pk,
        last.pk,
    }


# Renewals -----------------------------------------------------------------------------------


def test_renewals_made_permanent_or_extended_count_in_the_year_they_are_dated():
    job = JobFactory.create(contract="temporary", planned_end_on=D(2025, 6, 1))
    JobRenewalFactory.create(job=job, renewed_on=D(2023, 12, 31))
    permanent = JobRenewalFactory.create(
        job=job, renewed_on=D(2024, 1, 1), new_planned_end_on=None, made_permanent=True
    )
    extended = JobRenewalFactory.create(job=job, renewed_on=D(2024, 12, 31))
    JobRenewalFactory.create(job=job, renewed_on=D(2025, 1, 1))

    assert set(renewals_dated(*Y2024)) == {permanent, extended}


# Retention ----------------------------------------------------------------------------------


def status(job: Job, today: datetime.date) -> str | None:
    return (
        retained(*Y2024, today=today).filter(pk=job.pk).values_list("retention", flat=True).first()
    )


def test_a_leap_day_placement_has_its_mark_on_28_february_counted_from_that_day_on():
    job = JobFactory.create(started_on=D(2024, 2, 29))

    assert status(job, D(2025, 2, 27)) is None  # the mark is tomorrow: not yet counted
    assert status(job, D(2025, 2, 28)) == "same_employer"  # the mark is today


def test_working_on_the_mark_for_the_same_payroll_tax_number_is_same_employer():
    employer = EmployerFactory.create(payroll_tax_number="123456789L01")
    client = ClientFactory.create()
    first = ended(client, D(2024, 3, 1), D(2024, 9, 30), employer=employer)
    JobFactory.create(client=client, started_on=D(2025, 1, 1), employer=employer)

    assert status(first, D(2026, 1, 1)) == "same_employer"  # a new job, the same employer
    with pytest.raises(IntegrityError), transaction.atomic():  # one row per payroll number
        EmployerFactory._meta.model.objects.create(name="Ander", payroll_tax_number="123456789L01")


def test_self_employed_a_year_later_is_other_employer_and_nothing_is_not_working():
    moved, stopped = ClientFactory.create_batch(2)
    first = ended(moved, D(2024, 3, 1), D(2024, 9, 30))
    JobFactory.create(
        client=moved, kind="self_employed", employer=None, contract="", started_on=D(2025, 3, 1)
    )
    gone = ended(stopped, D(2024, 3, 1), D(2025, 2, 28))

    assert status(first, D(2026, 1, 1)) == "other_employer"
    assert status(gone, D(2026, 1, 1)) == "not_working"  # ended the day before the mark


def test_sheltered_placements_have_no_retention():
    job = JobFactory.create(kind="sheltered", started_on=D(2024, 3, 1))
    assert status(job, D(2026, 1, 1)) is None


# After a job ends ---------------------------------------------------------------------------

E = D(2024, 3, 31)  # the last day worked
LATER = D(2026, 1, 1)  # every window has passed


def ending(new_start: datetime.date | None, today: datetime.date = LATER) -> dict:
    client = ClientFactory.create()
    job = ended(client, D(2023, 1, 1), E)
    if new_start is not None:
        JobFactory.create(client=client, started_on=new_start)
    found = job_endings(*Y2024).filter(pk=job.pk)
    return {
        window: found.filter(passed_q(window, today))
        .values_list(f"new_{window}", flat=True)
        .first()
        for window in ("direct", "half_year", "year")
    }


@pytest.mark.parametrize(
    ("new_start", "direct", "half_year", "year"),
    [
        (D(2024, 4, 1), True, True, True),  # E+1: directly
        (D(2024, 4, 2), False, True, True),
        (D(2024, 9, 30), False, True, True),  # E plus six months: the last day of half a year
        (D(2024, 10, 1), False, False, True),
        (D(2025, 3, 31), False, False, True),  # E plus a year
        (D(2025, 4, 1), False, False, False),
        (None, False, False, False),
    ],
)
def test_new_work_after_a_job_ends_on_the_window_boundaries(new_start, direct, half_year, year):
    assert ending(new_start) == {"direct": direct, "half_year": half_year, "year": year}


def test_a_window_counts_only_once_its_last_day_is_today_or_earlier():
    assert ending(None, today=E) == {"direct": None, "half_year": None, "year": None}
    assert ending(None, today=D(2024, 4, 1)) == {"direct": False, "half_year": None, "year": None}
    assert ending(None, today=D(2024, 9, 30))["half_year"] is False
    assert ending(None, today=D(2025, 3, 30))["year"] is None
    assert ending(None, today=D(2025, 3, 31))["year"] is False


def test_an_ending_while_another_job_runs_on_is_not_counted():
    client = ClientFactory.create()
    job = ended(client, D(2023, 1, 1), E)
    JobFactory.create(client=client, started_on=D(2023, 6, 1))  # still running on E+1
    same_day = ClientFactory.create()
    first = ended(same_day, D(2023, 1, 1), E)
    ended(same_day, D(2023, 2, 1), E)  # two jobs ending the same day: one ending

    assert not job_endings(*Y2024).filter(pk=job.pk).exists()
    assert list(job_endings(*Y2024).filter(client=same_day)) == [first]
