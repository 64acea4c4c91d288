"""The rules of the phase flows (figures 5.9 and 5.10), each on its boundaries: who is in the
cohort, how switches are counted, where a client is on the end date, and by which team."""

import datetime

import pytest

from clients.capacity import record_capacity_decision
from clients.models import Client
from clients.services import move_to_team
from phases.flows import flow_counts, summed, switch_category
from tests.factories import ClientFactory, PhasePeriodFactory, TeamFactory

pytestmark = pytest.mark.django_db
D = datetime.date
FROM, TO, ON = D(2023, 1, 1), D(2024, 12, 31), D(2025, 12, 31)


def client_with(*periods, team=None, **fields):
    """A client with phase periods [(day, phase), ...], each ending where the next begins."""
    client = ClientFactory.create(**({"team": team} if team else {}), **fields)
    for index, (day, phase) in enumerate(periods):
        ended = periods[index + 1][0] if index + 1 < len(periods) else None
        PhasePeriodFactory.create(client=client, phase=phase, started_on=day, ended_on=ended)
    return client


def flows(phase="1", start=FROM, end=TO, on=ON, clients=None):
    """Every client's (switch category, end state) counted, over all teams."""
    clients = clients if clients is not None else Client.objects.with_team_on(on)
    return summed(flow_counts(clients, phase=phase, start=start, end=end, on=on, by="team_then"))


@pytest.mark.parametrize(
    ("switches", "category"),
    [(0, "none"), (1, "one"), (2, "few"), (3, "few"), (4, "many"), (9, "many")],
)
def test_switches_fall_in_their_category(switches, category):
    assert switch_category(switches) == category


@pytest.mark.parametrize(
    ("started", "counted"),
    [(FROM, True), (TO, True), (FROM - datetime.timedelta(days=1), False), (D(2025, 1, 1), False)],
)
def test_a_start_on_the_windows_first_or_last_day_counts_the_day_outside_not(started, counted):
    client_with((started, "1"))

    assert flows() == ({("none", "1"): 1} if counted else {})


def test_only_a_start_in_the_chosen_phase_counts():
    client_with((D(2023, 3, 1), "2"))

    assert flows(phase="1") == {}
    assert flows(phase="2") == {("none", "2"): 1}


@pytest.mark.parametrize(
    ("phases", "expected"),
    [
        ([], ("none", "1")),
        (["2"], ("one", "2")),
        (["2", "3"], ("few", "3")),
        (["2", "3", "2"], ("few", "2")),
        (["2", "3", "4", "3"], ("many", "3")),
    ],
)
def test_switches_after_the_start_are_counted(phases, expected):
    days = [D(2023, 6, 1 + index) for index in range(len(phases))]
    client_with((D(2023, 3, 1), "1"), *zip(days, phases, strict=True))

    assert flows() == {expected: 1}


def test_a_transition_on_the_end_date_counts_one_after_it_does_not():
    client_with((D(2023, 3, 1), "1"), (ON, "2"))
    client_with((D(2023, 3, 1), "1"), (ON + datetime.timedelta(days=1), "3"))

    assert flows() == {("one", "2"): 1, ("none", "1"): 1}


def test_a_phase_corrected_the_day_it_began_is_no_switch():
    # Moved to phase 2 on 1 June, corrected to phase 3 that same day: one switch, to phase 3.
    client_with((D(2023, 3, 1), "1"), (D(2023, 6, 1), "2"), (D(2023, 6, 1), "3"))

    assert flows() == {("one", "3"): 1}


def test_a_phase_corrected_back_the_day_it_began_is_no_switch():
    # Moved to phase 2 on 1 June, put back in phase 1 that same day: no switch at all.
    client_with((D(2023, 3, 1), "1"), (D(2023, 6, 1), "2"), (D(2023, 6, 1), "1"))

    assert flows() == {("none", "1"): 1}


def test_a_phase_before_the_start_is_no_switch():
    client_with((D(2021, 1, 1), "2"), (D(2023, 3, 1), "1"))

    assert flows() == {("none", "1"): 1}


def test_a_client_who_started_the_phase_twice_counts_once_from_the_first_start():
    client_with((D(2023, 3, 1), "1"), (D(2023, 9, 1), "2"), (D(2024, 3, 1), "1"))

    assert flows() == {("few", "1"): 1}


def test_a_client_out_of_service_before_the_end_date_is_out():
    client_with((D(2023, 3, 1), "1"), (D(2024, 3, 1), "2"), out_of_service_on=D(2025, 6, 1))

    assert flows() == {("one", "out"): 1}


def test_a_client_out_of_service_the_day_after_the_end_date_is_still_in():
    client_with((D(2023, 3, 1), "1"), out_of_service_on=ON + datetime.timedelta(days=1))

    assert flows() == {("none", "1"): 1}


def test_a_lasting_none_decision_before_the_end_date_makes_the_client_out():
    client = client_with((D(2023, 3, 1), "1"))
    record_capacity_decision(
        client=client, decided_on=D(2025, 6, 1), outcome="lasting_none", by=None
    )

    assert flows() == {("none", "out"): 1}
    assert flows(on=D(2025, 5, 31)) == {("none", "1"): 1}


def test_a_client_counts_in_its_team_on_the_end_date():
    first, second = TeamFactory.create(name="Team Een"), TeamFactory.create(name="Team Twee")
    client = client_with((D(2023, 3, 1), "1"), team=first, in_service_since=D(2020, 1, 1))
    move_to_team(client=client, team=second, on=D(2025, 6, 1), by=None)
    clients = Client.objects.with_team_on

    before = flow_counts(
        clients(D(2025, 5, 31)), phase="1", start=FROM, end=TO, on=D(2025, 5, 31), by="team_then"
    )
    after = flow_counts(clients(ON), phase="1", start=FROM, end=TO, on=ON, by="team_then")

    assert before == {first.pk: {("none", "1"): 1}}
    assert after == {second.pk: {("none", "1"): 1}}


def test_counting_takes_one_query_for_any_number_of_clients(django_assert_num_queries):
    for index in range(5):
        client_with((D(2023, 3, 1 + index), "1"), (D(2024, 1, 1), str(2 + index % 3)))

    with django_assert_num_queries(1):
        counted = flows()

    assert sum(counted.values()) == 5
