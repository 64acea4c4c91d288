"""GET /api/v1/work-queue/ (API.md, "The caseworker's week"): items with kind, client, due_on
and ref, oldest first, scoped like the screen, with a 400 per malformed parameter."""

import datetime

import pytest
from django.utils import timezone

from audit.models import AccessLog
from tests.api_client import api_as
from tests.factories import (
    ClientFactory,
    ConversationFactory,
    SignalFactory,
    TeamFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

day = datetime.timedelta(days=1)
URL = "/api/v1/work-queue/"


def today() -> datetime.date:
    return timezone.localdate()


def week(**extra) -> dict:
    return {"from": today().isoformat(), "to": (today() + 6 * day).isoformat(), **extra}


@pytest.fixture
def work(client_file, caseworker):
    missed = ConversationFactory.create(
        client=client_file, caseworker=caseworker, held_on=today() - 2 * day, status="planned"
    )
    planned = ConversationFactory.create(
        client=client_file, caseworker=caseworker, held_on=today() + day, status="planned"
    )
    signal = SignalFactory.create(client=client_file, raised_on=today() - 5 * day)
    return missed, planned, signal


def test_the_items_of_the_requesting_caseworker_oldest_first(work, client_file, caseworker):
    missed, planned, signal = work

    response = api_as(caseworker).get(URL, week())

    assert response.status_code == 200
    assert response.json() == {
        "items": [
            {
                "kind": "signal",
                "client": client_file.pk,
                "due_on": str(today() - 5 * day),
                "ref": signal.pk,
            },
            {
                "kind": "missed",
                "client": client_file.pk,
                "due_on": str(today() - 2 * day),
                "ref": missed.pk,
            },
            {
                "kind": "planned",
                "client": client_file.pk,
                "due_on": str(today() + day),
                "ref": planned.pk,
            },
        ]
    }
    assert AccessLog.objects.filter(user=caseworker, client=client_file, action="list").exists()


def test_a_range_that_ends_before_the_plan_leaves_it_out(work, caseworker):
    response = api_as(caseworker).get(URL, {"from": today().isoformat(), "to": today().isoformat()})

    assert [item["kind"] for item in response.json()["items"]] == ["signal", "missed"]


def test_a_team_manager_asks_for_a_caseworker_of_the_team(work, caseworker, manager):
    response = api_as(manager).get(URL, week(caseworker=caseworker.pk))

    assert len(response.json()["items"]) == 3


def test_a_caseworker_of_another_team_is_refused_on_the_field(work, manager):
    stranger = UserFactory.create(username="cw.elders", role="caseworker", team=TeamFactory())

    response = api_as(manager).get(URL, week(caseworker=stranger.pk))

    assert response.status_code == 400
    assert "caseworker" in response.json()


def test_a_caseworker_cannot_read_a_colleagues_queue(work, caseworker, colleague):
    response = api_as(colleague).get(URL, week(caseworker=caseworker.pk))

    assert response.status_code == 400


@pytest.mark.parametrize(
    "params, field",
    [
        ({}, "from"),
        ({"from": "2026-13-01", "to": "2026-12-01"}, "from"),
        ({"from": "2026-12-10", "to": "2026-12-01"}, "to"),
        ({"from": "2024-01-01", "to": "2026-01-01"}, "to"),
        ({"from": "0001-01-01", "to": "0001-01-02"}, "from"),
        ({"from": "2026-12-01", "to": "2026-12-02", "caseworker": "x"}, "caseworker"),
    ],
)
def test_malformed_parameters_are_a_400_on_the_field(caseworker, params, field):
    response = api_as(caseworker).get(URL, params)

    assert response.status_code == 400
    assert field in response.json()


def test_an_auditor_has_no_work_queue(work):
    auditor = UserFactory.create(username="au.dit", role="auditor")

    assert api_as(auditor).get(URL, week()).status_code == 403


def test_clients_outside_the_users_teams_never_appear(caseworker):
    elsewhere = ClientFactory.create(team=TeamFactory(name="Team Elders"), caseworker=caseworker)
    SignalFactory.create(client=elsewhere, raised_on=today())

    assert api_as(caseworker).get(URL, week()).json() == {"items": []}


def test_an_ending_contract_is_served_as_kind_contract_ending(client_file, caseworker):
    signal = SignalFactory.create(
        client=client_file,
        kind="contract_ending",
        raised_on=today(),
        details={"employer": "Bakkerij Jansen", "planned_end_on": str(today() + 30 * day)},
    )

    response = api_as(caseworker).get(URL, week())

    assert response.json()["items"] == [
        {
            "kind": "contract_ending",
            "client": client_file.pk,
            "due_on": str(today() + 30 * day),
            "ref": signal.pk,
        }
    ]
