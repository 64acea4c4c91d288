"""The ladder figures: the distribution on a day with unknown, and movement between two days."""

import datetime

import pytest

from clients.models import Client
from participation.figures import (
    clients_on_rung,
    empty_distribution,
    movement_counts,
    rung_counts,
    with_movement,
)
from tests.factories import ClientFactory, RungAssessmentFactory

pytestmark = pytest.mark.django_db
D = datetime.date
FROM, TO = D(2024, 1, 1), D(2025, 1, 1)


def client_with(*rungs, team, **fields):
    client = ClientFactory.create(team=team, **fields)
    for day, rung in rungs:
        RungAssessmentFactory.create(client=client, assessed_on=day, rung=rung)
    return client


def test_the_distribution_counts_unknown_and_only_active_clients(team):
    client_with((D(2023, 5, 1), 3), team=team)
    client_with((D(2024, 5, 1), 3), team=team)  # assessed after the day: unknown then
    client_with(team=team)
    client_with((D(2023, 5, 1), 5), team=team, has_work_capacity=False)  # not active
    client_with((D(2023, 5, 1), 5), team=team, out_of_service_on=D(2023, 12, 31))  # left

    counts = rung_counts(Client.objects.all(), FROM)

    assert counts[team.pk] == empty_distribution() | {"3": 1, "unknown": 2, "active": 3}


def test_the_distribution_takes_the_assessment_of_the_day_itself(team):
    client = client_with((D(2023, 5, 1), 2), (FROM, 4), team=team)

    assert rung_counts(Client.objects.all(), FROM)[team.pk]["4"] == 1
    assert list(clients_on_rung(Client.objects.all(), FROM, "4")) == [client]
    assert not clients_on_rung(Client.objects.all(), FROM - datetime.timedelta(days=1), "4")


def test_movement_up_same_down_and_left(team):
    up = client_with((D(2023, 5, 1), 2), (D(2024, 6, 1), 4), team=team)
    same = client_with((D(2023, 5, 1), 3), (D(2024, 6, 1), 3), team=team)
    down = client_with((D(2023, 5, 1), 5), (D(2024, 6, 1), 4), team=team)
    left = client_with((D(2023, 5, 1), 4), team=team, out_of_service_on=D(2024, 9, 1))
    client_with((D(2024, 5, 1), 4), team=team)  # unknown on FROM: not counted
    client_with(team=team)  # never assessed: not counted

    moved = {c.pk: c.movement for c in with_movement(Client.objects.all(), FROM, TO)}

    assert moved == {up.pk: "up", same.pk: "same", down.pk: "down", left.pk: "left"}
    assert movement_counts(Client.objects.all(), FROM, TO)[team.pk] == {
        "up": 1,
        "same": 1,
        "down": 1,
        "left": 1,
        "counted": 4,
    }


def test_a_client_who_leaves_on_the_last_day_has_left(team):
    client_with((D(2023, 5, 1), 4), team=team, out_of_service_on=TO)

    assert movement_counts(Client.objects.all(), FROM, TO)[team.pk]["left"] == 1


def test_a_client_who_leaves_the_day_after_is_still_counted_by_rung(team):
    client_with((D(2023, 5, 1), 4), team=team, out_of_service_on=TO + datetime.timedelta(days=1))

    assert movement_counts(Client.objects.all(), FROM, TO)[team.pk]["same"] == 1
