"""Who works on a day (tables 1b-1d, 5.1-5.3) and with which support (table 3.7): every rule
of DOMAIN.md "Work" on its boundary, counted per team in one query."""

import datetime

import pytest

from clients.models import Client
from tests.factories import (
    ClientFactory,
    JobFactory,
    JobRenewalFactory,
    ProvisionFactory,
    TeamFactory,
)
from work.status_figures import LINES, clients_on_line, summed_counts, work_status_counts

pytestmark = pytest.mark.django_db
D = datetime.date
ON = D(2025, 12, 31)


def counts(on: datetime.date = ON) -> dict[str, int]:
    return summed_counts(work_status_counts(Client.objects.all(), on))


def regular(client, **fields):
    return JobFactory.create(client=client, **fields)


def temporary(client, **fields):
    return JobFactory.create(
        client=client, contract="temporary", planned_end_on=D(2026, 6, 30), **fields
    )


def sheltered(client):
    return JobFactory.create(client=client, kind="sheltered")


def self_employed(client):
    return JobFactory.create(client=client, kind="self_employed", employer=None, contract="")


# Working on the day ---------------------------------------------------------------------


def test_a_job_ending_on_the_day_counts_and_one_starting_the_day_after_does_not():
    ending, starting = ClientFactory.create_batch(2)
    regular(ending, ended_on=ON, end_reason="resigned")
    regular(starting, started_on=ON + datetime.timedelta(days=1))

    figures = counts()

    assert figures["active"] == 2
    assert figures["regular"] == 1
    assert counts(ON + datetime.timedelta(days=1))["regular"] == 1  # the other one now


def test_a_client_at_a_regular_employer_and_in_the_wsw_counts_once_as_employed():
    both, wsw = ClientFactory.create_batch(2)
    regular(both)
    sheltered(both)
    sheltered(wsw)

    figures = counts()

    assert (figures["regular"], figures["sheltered"], figures["employed"]) == (1, 2, 2)


def test_two_regular_jobs_count_the_client_once():
    client = ClientFactory.create()
    regular(client)
    temporary(client)

    assert counts()["regular"] == 1


def test_self_employed_only_and_self_employed_beside_a_job_are_told_apart():
    alone, beside_job, beside_wsw = ClientFactory.create_batch(3)
    for client in (alone, beside_job, beside_wsw):
        self_employed(client)
    regular(beside_job)
    sheltered(beside_wsw)

    figures = counts()

    assert figures["self_employed_only"] == 1
    assert figures["self_employed_combined"] == 2
    assert figures["employed"] == 2  # self-employment alone is not paid employment


def test_only_active_clients_count():
    for client in (
        ClientFactory.create(has_work_capacity=False),
        ClientFactory.create(out_of_service_on=ON),  # out of service from that day
        ClientFactory.create(in_service_since=ON + datetime.timedelta(days=1)),
    ):
        regular(client)
    still_in = ClientFactory.create(out_of_service_on=ON + datetime.timedelta(days=1))
    regular(still_in)

    figures = counts()

    assert (figures["active"], figures["regular"]) == (1, 1)


def test_counts_come_per_team_in_one_query(django_assert_num_queries):
    north, south = TeamFactory.create_batch(2)
    regular(ClientFactory.create(team=north))
    ClientFactory.create(team=north)
    sheltered(ClientFactory.create(team=south))

    with django_assert_num_queries(1):
        per_team = work_status_counts(Client.objects.all(), ON)

    assert (per_team[north.pk]["active"], per_team[north.pk]["regular"]) == (2, 1)
    assert (per_team[south.pk]["active"], per_team[south.pk]["sheltered"]) == (1, 1)


# The strongest contract, as it stood on the day ------------------------------------------


@pytest.mark.parametrize(
    "contracts, strongest",
    [
        (["temporary", "agency"], "temporary"),
        (["agency", "permanent"], "permanent"),
        (["agency", "agency"], "agency"),
    ],
)
def test_two_regular_jobs_count_under_the_strongest_contract(contracts, strongest):
    client = ClientFactory.create()
    for contract in contracts:
        planned = None if contract == "permanent" else D(2026, 6, 30)
        regular(client, contract=contract, planned_end_on=planned)

    figures = counts()

    assert figures[strongest] == 1
    assert sum(figures[c] for c in ("permanent", "temporary", "agency")) == 1


def test_a_job_made_permanent_counts_permanent_from_that_day_and_temporary_before():
    client = ClientFactory.create()
    job = regular(client, started_on=D(2024, 1, 1))  # permanent now, after the renewal
    JobRenewalFactory.create(
        job=job,
        renewed_on=ON,
        made_permanent=True,
        new_planned_end_on=None,
        previous_contract="temporary",
        previous_planned_end_on=D(2025, 12, 31),
    )

    before = counts(ON - datetime.timedelta(days=1))
    on_the_day = counts(ON)

    assert (before["temporary"], before["permanent"]) == (1, 0)
    assert (on_the_day["temporary"], on_the_day["permanent"]) == (0, 1)


def test_an_agency_job_made_permanent_later_was_agency_before():
    client = ClientFactory.create()
    job = regular(client, started_on=D(2024, 1, 1))
    JobRenewalFactory.create(
        job=job,
        renewed_on=ON + datetime.timedelta(days=1),
        made_permanent=True,
        new_planned_end_on=None,
        previous_contract="agency",
        previous_planned_end_on=D(2026, 1, 31),
    )

    assert (counts()["agency"], counts()["permanent"]) == (1, 0)


def test_an_extended_temporary_job_stays_temporary_before_and_after_the_renewal():
    job = temporary(ClientFactory.create(), started_on=D(2024, 1, 1))
    JobRenewalFactory.create(
        job=job,
        renewed_on=ON,
        new_planned_end_on=D(2026, 6, 30),
        previous_contract="temporary",
        previous_planned_end_on=D(2026, 1, 31),
    )

    assert counts(ON - datetime.timedelta(days=1))["temporary"] == 1
    assert counts(ON)["temporary"] == 1


# Table 3.7: support in the past two (wage dispensation: five) years ----------------------


def provision(client, kind="other", **fields):
    values = {
        "applied_on": D(2015, 1, 1),
        "decision": "granted",
        "decided_on": D(2015, 1, 1),
        "valid_from": D(2015, 1, 1),
    }
    if kind == "wage_dispensation":
        values["wage_value_percent"] = 60
    return ProvisionFactory.create(client=client, kind=kind, **(values | fields))


def worker(**provision_fields):
    client = ClientFactory.create()
    regular(client)
    provision(client, **provision_fields)
    return client


TWO_YEARS_BACK = D(2023, 12, 31)
FIVE_YEARS_BACK = D(2020, 12, 31)
DAY = datetime.timedelta(days=1)


@pytest.mark.parametrize(
    "fields, counted",
    [
        ({"valid_until": TWO_YEARS_BACK}, True),  # valid on the first day of the window
        ({"valid_until": TWO_YEARS_BACK - DAY}, False),
        ({"valid_until": None}, True),
        ({"valid_from": ON, "decided_on": ON}, True),
        ({"valid_from": ON + DAY, "decided_on": ON}, False),  # not yet valid
        ({"valid_from": ON, "decided_on": ON + DAY, "applied_on": ON}, False),  # not yet decided
    ],
)
def test_a_provision_counts_when_its_validity_overlaps_the_two_years_up_to_the_day(fields, counted):
    worker(kind="job_coach", **fields)

    assert counts()["job_coach"] == int(counted)
    assert counts()["any_provision"] == int(counted)


@pytest.mark.parametrize(
    "decided_on, counted",
    [(FIVE_YEARS_BACK, True), (FIVE_YEARS_BACK - DAY, False), (ON, True), (ON + DAY, False)],
)
def test_a_wage_dispensation_counts_when_granted_in_the_five_years_up_to_the_day(
    decided_on, counted
):
    worker(kind="wage_dispensation", applied_on=FIVE_YEARS_BACK - DAY, decided_on=decided_on)

    assert counts()["wage_dispensation"] == int(counted)


def test_a_refused_provision_does_not_count():
    worker(decision="refused", valid_from=None)

    assert counts()["other_provision"] == 0


def test_support_counts_only_for_those_at_a_regular_employer():
    in_wsw = ClientFactory.create()
    sheltered(in_wsw)
    provision(in_wsw, kind="transport")
    worker(kind="transport")
    worker(kind="no_risk_policy")
    worker(kind="workplace_adaptation")

    figures = counts()

    assert figures["transport"] == 1
    assert figures["other_provision"] == 2
    assert (figures["any_provision"], figures["regular"]) == (3, 3)


def test_a_client_with_two_kinds_of_support_counts_once_in_any():
    client = worker(kind="job_coach")
    provision(client, kind="wage_dispensation", decided_on=D(2024, 1, 1))

    figures = counts()

    assert (figures["job_coach"], figures["wage_dispensation"], figures["any_provision"]) == (
        1,
        1,
        1,
    )


# The clients behind each count ------------------------------------------------------------


def test_every_line_lists_exactly_the_clients_it_counts():
    both = ClientFactory.create()
    regular(both, contract="agency", planned_end_on=D(2026, 3, 1))
    sheltered(both)
    self_employed(both)
    worker(kind="job_coach")
    worker(kind="wage_dispensation", decided_on=D(2024, 1, 1))
    temporary(ClientFactory.create())
    self_employed(ClientFactory.create())
    ClientFactory.create()

    figures = counts()

    for line in LINES:
        listed = clients_on_line(Client.objects.all(), ON, line)
        assert listed.count() == figures[line], line
