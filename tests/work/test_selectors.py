"""The work rules of DOMAIN.md on their boundaries: working on a day, placements, the contract
on a day after renewals, the strongest contract, retention a year after a placement."""

import datetime

import pytest

from clients.models import Client
from tests.factories import ClientFactory, EmployerFactory, JobFactory, JobRenewalFactory
from work.models import Job
from work.selectors import (
    clients_working_on,
    contract_on,
    is_working_on,
    jobs_running_on,
    placements,
    retained_placements,
    retention_status,
    with_contract_on,
    with_placement,
    with_strongest_contract_on,
)

pytestmark = pytest.mark.django_db
D = datetime.date


def is_placement(job: Job) -> bool:
    return with_placement(Job.objects.filter(pk=job.pk)).get().is_placement


# Working on a day ---------------------------------------------------------------------------


def test_a_job_runs_from_its_first_day_up_to_and_including_its_last_day_worked():
    client = ClientFactory.create()
    JobFactory.create(
        client=client, started_on=D(2024, 3, 1), ended_on=D(2024, 6, 30), end_reason="resigned"
    )

    assert not is_working_on(client=client, day=D(2024, 2, 29))
    assert is_working_on(client=client, day=D(2024, 3, 1))
    assert is_working_on(client=client, day=D(2024, 6, 30))  # the end day is worked
    assert not is_working_on(client=client, day=D(2024, 7, 1))


def test_working_clients_and_running_jobs_in_one_query_each(django_assert_num_queries):
    working, ended, self_employed = ClientFactory.create_batch(3)
    JobFactory.create(client=working)
    JobFactory.create(client=ended, ended_on=D(2024, 5, 31), end_reason="dismissed")
    JobFactory.create(client=self_employed, kind="self_employed", employer=None, contract="")

    with django_assert_num_queries(2):
        clients = set(clients_working_on(D(2024, 6, 1)))
        jobs = list(jobs_running_on(D(2024, 6, 1)))

    assert clients == {working, self_employed}
    assert {job.client for job in jobs} == {working, self_employed}


# Placements -------------------------------------------------------------------------------


def _ended(client: Client, last_day: datetime.date, **fields) -> Job:
    return JobFactory.create(
        client=client,
        started_on=D(2023, 1, 1),
        ended_on=last_day,
        end_reason="contract_ended",
        **fields,
    )


def test_a_first_employer_job_is_a_placement():
    assert is_placement(JobFactory.create())


def test_a_job_starting_the_day_after_another_ended_is_a_job_change_not_a_placement():
    client = ClientFactory.create()
    first = _ended(client, D(2024, 6, 30))
    change = JobFactory.create(client=client, started_on=D(2024, 7, 1))

    assert is_placement(first)
    assert not is_placement(change)


def test_a_job_starting_on_the_day_another_ended_is_no_placement_either():
    client = ClientFactory.create()
    _ended(client, D(2024, 7, 1))
    assert not is_placement(JobFactory.create(client=client, started_on=D(2024, 7, 1)))


def test_one_day_without_work_before_the_start_makes_a_placement():
    client = ClientFactory.create()
    _ended(client, D(2024, 6, 30))
    assert is_placement(JobFactory.create(client=client, started_on=D(2024, 7, 2)))


def test_a_job_after_a_months_gap_is_a_placement():
    client = ClientFactory.create()
    _ended(client, D(2024, 6, 30))
    assert is_placement(JobFactory.create(client=client, started_on=D(2024, 8, 1)))


def test_a_sheltered_job_can_be_a_placement_and_self_employment_never_is():
    sheltered = JobFactory.create(kind="sheltered")
    business = JobFactory.create(kind="self_employed", employer=None, contract="")

    assert is_placement(sheltered)
    assert not is_placement(business)


def test_a_business_running_the_day_before_makes_an_employer_job_no_placement():
    client = ClientFactory.create()
    JobFactory.create(
        client=client, kind="self_employed", employer=None, contract="", started_on=D(2022, 1, 1)
    )
    assert not is_placement(JobFactory.create(client=client, started_on=D(2024, 7, 1)))


def test_a_job_beside_a_later_job_does_not_count_against_the_earlier_one():
    client = ClientFactory.create()
    earlier = JobFactory.create(client=client, started_on=D(2024, 1, 1))
    JobFactory.create(client=client, started_on=D(2024, 5, 1))  # a second job beside it

    assert is_placement(earlier)
    assert set(placements(Job.objects.filter(client=client))) == {earlier}


def test_placements_of_many_clients_in_one_query(django_assert_num_queries):
    for n in range(5):
        client = ClientFactory.create()
        _ended(client, D(2024, 6, 30))
        JobFactory.create(client=client, started_on=D(2024, 7, 1 + n))
    with django_assert_num_queries(1):
        found = list(placements())
    # The first job of each, and the later jobs after a gap of at least a day (n >= 1).
    assert len(found) == 5 + 4


# The contract on a day --------------------------------------------------------------------


def _temporary(**fields) -> Job:
    return JobFactory.create(
        contract="temporary", started_on=D(2024, 1, 1), planned_end_on=D(2024, 6, 30), **fields
    )


def _made_permanent(job: Job, on: datetime.date) -> None:
    JobRenewalFactory.create(
        job=job,
        renewed_on=on,
        new_planned_end_on=None,
        made_permanent=True,
        previous_contract=job.contract,
        previous_planned_end_on=job.planned_end_on,
    )
    Job.objects.filter(pk=job.pk).update(contract="permanent", planned_end_on=None)


def test_made_permanent_on_r_counts_permanent_from_r_on_and_temporary_before():
    job = _temporary()
    _made_permanent(job, D(2024, 5, 1))

    assert contract_on(job=job, day=D(2024, 4, 30)) == "temporary"
    assert contract_on(job=job, day=D(2024, 5, 1)) == "permanent"
    assert contract_on(job=job, day=D(2030, 1, 1)) == "permanent"


def test_the_planned_end_on_a_day_follows_the_extensions_made_by_then():
    job = _temporary()
    JobRenewalFactory.create(
        job=job,
        renewed_on=D(2024, 6, 1),
        new_planned_end_on=D(2024, 12, 31),
        previous_contract="temporary",
        previous_planned_end_on=D(2024, 6, 30),
    )
    JobRenewalFactory.create(
        job=job,
        renewed_on=D(2024, 12, 1),
        new_planned_end_on=D(2025, 12, 31),
        previous_contract="temporary",
        previous_planned_end_on=D(2024, 12, 31),
    )
    Job.objects.filter(pk=job.pk).update(planned_end_on=D(2025, 12, 31))

    def planned_end(day):
        return with_contract_on(Job.objects.filter(pk=job.pk), day).get().planned_end_then

    assert planned_end(D(2024, 5, 31)) == D(2024, 6, 30)
    assert planned_end(D(2024, 6, 1)) == D(2024, 12, 31)
    assert planned_end(D(2024, 11, 30)) == D(2024, 12, 31)
    assert planned_end(D(2024, 12, 1)) == D(2025, 12, 31)


def test_a_client_with_two_regular_jobs_counts_under_the_strongest_contract():
    permanent_and_agency, temporary_and_agency, agency_only, business = ClientFactory.create_batch(
        4
    )
    JobFactory.create(client=permanent_and_agency, contract="permanent")
    for client in (permanent_and_agency, temporary_and_agency, agency_only):
        JobFactory.create(client=client, contract="agency", planned_end_on=D(2025, 1, 1))
    JobFactory.create(
        client=temporary_and_agency, contract="temporary", planned_end_on=D(2025, 1, 1)
    )
    JobFactory.create(client=business, kind="self_employed", employer=None, contract="")

    found = dict(
        with_strongest_contract_on(Client.objects.all(), D(2024, 6, 1)).values_list(
            "pk", "strongest_contract"
        )
    )

    assert found == {
        permanent_and_agency.pk: "permanent",
        temporary_and_agency.pk: "temporary",
        agency_only.pk: "agency",
        business.pk: None,  # no regular employer
    }


def test_the_strongest_contract_is_the_one_that_stood_on_the_day():
    client = ClientFactory.create()
    job = _temporary(client=client)
    JobFactory.create(client=client, contract="agency", planned_end_on=D(2024, 12, 31))
    _made_permanent(job, D(2024, 5, 1))

    def strongest(day):
        return with_strongest_contract_on(Client.objects.filter(pk=client.pk), day).get()

    assert strongest(D(2024, 4, 30)).strongest_contract == "temporary"
    assert strongest(D(2024, 5, 1)).strongest_contract == "permanent"


# Retention a year after a placement ----------------------------------------------------------


@pytest.mark.parametrize(
    "start, mark",
    [
        (D(2024, 2, 29), D(2025, 2, 28)),  # a leap day's one-year mark
        (D(2023, 3, 31), D(2024, 3, 31)),
        (D(2023, 2, 28), D(2024, 2, 28)),
    ],
)
def test_the_one_year_mark_is_one_calendar_year_later(start, mark):
    JobFactory.create(started_on=start)
    found = retained_placements(as_of=D(2030, 1, 1)).get()
    assert found.one_year_on == mark


def test_a_leap_day_placement_still_at_the_employer_on_its_mark_is_retained():
    employer = EmployerFactory.create()
    job = JobFactory.create(
        employer=employer, started_on=D(2024, 2, 29), ended_on=D(2025, 2, 28), end_reason="resigned"
    )

    assert retention_status(job=job, as_of=D(2025, 2, 28)) == "same_employer"
    assert retention_status(job=job, as_of=D(2025, 2, 27)) is None  # the mark has not passed


def test_a_placement_ended_the_day_before_its_mark_is_not_working():
    job = JobFactory.create(
        started_on=D(2024, 2, 29), ended_on=D(2025, 2, 27), end_reason="dismissed"
    )
    assert retention_status(job=job, as_of=D(2025, 6, 1)) == "not_working"


def test_another_job_at_the_same_payroll_tax_number_is_the_same_employer():
    client, employer = ClientFactory.create(), EmployerFactory.create()
    job = JobFactory.create(
        client=client,
        employer=employer,
        started_on=D(2023, 5, 1),
        ended_on=D(2023, 12, 31),
        end_reason="contract_ended",
    )
    JobFactory.create(client=client, employer=employer, started_on=D(2024, 1, 1))
    assert retention_status(job=job, as_of=D(2025, 1, 1)) == "same_employer"


@pytest.mark.parametrize("kind", ["regular", "sheltered", "self_employed"])
def test_working_elsewhere_or_for_oneself_on_the_mark_is_another_employer(kind):
    client = ClientFactory.create()
    job = JobFactory.create(
        client=client, started_on=D(2023, 5, 1), ended_on=D(2023, 12, 31), end_reason="other_job"
    )
    other = {"employer": None, "contract": ""} if kind == "self_employed" else {}
    JobFactory.create(client=client, kind=kind, started_on=D(2024, 5, 1), **other)
    assert retention_status(job=job, as_of=D(2025, 1, 1)) == "other_employer"


def test_retention_counts_only_placements_at_a_regular_employer():
    client = ClientFactory.create()
    _ended(client, D(2024, 6, 30))
    change = JobFactory.create(client=client, started_on=D(2024, 7, 1))
    sheltered = JobFactory.create(kind="sheltered", started_on=D(2023, 1, 1))

    assert retention_status(job=change, as_of=D(2026, 1, 1)) is None
    assert retention_status(job=sheltered, as_of=D(2026, 1, 1)) is None


def test_retention_of_many_placements_in_one_query(django_assert_num_queries):
    for n in range(4):
        JobFactory.create(started_on=D(2023, 1, 1 + n))
    with django_assert_num_queries(1):
        statuses = list(
            retained_placements(as_of=D(2024, 6, 1)).values_list("retention", flat=True)
        )
    assert statuses == ["same_employer"] * 4
