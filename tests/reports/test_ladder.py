"""The participation ladder on the dashboard (figures 5.7 and 5.8), behind its counts, and over
the API (GET /api/v1/reports/ladder/): fields, scope, refusals."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from audit.models import AccessLog
from tests.factories import ClientFactory, RungAssessmentFactory, TeamFactory, UserFactory

pytestmark = pytest.mark.django_db
D = datetime.date
URL = "/api/v1/reports/ladder/"
FROM, TO = "2024-12-31", "2025-12-31"


def client_with(*rungs, team, **fields):
    client = ClientFactory.create(team=team, **fields)
    for day, rung in rungs:
        RungAssessmentFactory.create(client=client, assessed_on=day, rung=rung)
    return client


@pytest.fixture
def ladder(team):
    """In `team`: one client up (2 to 4), one the same (3), one down (5 to 4), one who left
    (4, out of service in 2025) and one never assessed; in another team one client up."""
    clients = {
        "up": client_with((D(2024, 3, 1), 2), (D(2025, 6, 1), 4), team=team),
        "same": client_with((D(2024, 3, 1), 3), team=team),
        "down": client_with((D(2024, 3, 1), 5), (D(2025, 6, 1), 4), team=team),
        "left": client_with((D(2024, 3, 1), 4), team=team, out_of_service_on=D(2025, 9, 1)),
        "unknown": client_with(team=team),
    }
    elsewhere = TeamFactory.create(name="Team Elders")
    client_with((D(2024, 3, 1), 1), (D(2025, 3, 1), 2), team=elsewhere)
    return clients


def test_the_contract_shape(client, manager, ladder):
    client.force_login(manager)

    body = client.get(URL, {"from": FROM, "to": TO}).json()

    assert body == {
        "from": FROM,
        "to": TO,
        "on_to": {"1": 0, "2": 0, "3": 1, "4": 2, "5": 0, "6": 0, "unknown": 1},
        "movement": {"up": 1, "same": 1, "down": 1, "left": 1},
    }


def test_all_teams_count_every_team(client, ladder):
    client.force_login(UserFactory.create(username="audit", role="auditor"))

    body = client.get(URL, {"from": FROM, "to": TO}).json()

    assert body["movement"] == {"up": 2, "same": 1, "down": 1, "left": 1}
    assert body["on_to"]["2"] == 1


@pytest.mark.parametrize(
    "query",
    [
        {"to": TO},
        {"from": FROM},
        {"from": "2025-13-01", "to": TO},
        {"from": TO, "to": FROM},
        {"from": FROM, "to": "2999-01-01"},
    ],
)
def test_a_missing_or_malformed_date_is_refused(client, manager, query):
    client.force_login(manager)

    response = client.get(URL, query)

    assert response.status_code == 400


def test_another_teams_figures_are_not_found(client, manager, ladder):
    other = TeamFactory.create(name="Team Ander")
    client.force_login(manager)

    assert client.get(URL, {"from": FROM, "to": TO, "team": other.pk}).status_code == 404


def section(response, key):
    return next(s["table"] for s in response.context["sections"] if s["table"].key == key)


def test_the_ladder_page_shows_the_distribution_and_the_movement(client, manager, ladder):
    client.force_login(manager)

    response = client.get("/dashboard/participatieladder/", {"on": TO})

    assert response.status_code == 200
    distribution = section(response, "ladder_distribution")
    assert [distribution.column(key) for key in ("3", "4", "unknown", "active")] == [
        [1],
        [2],
        [1],
        [4],
    ]
    movement = section(response, "ladder_movement")
    assert [movement.column(key) for key in ("up", "same", "down", "left", "counted")] == [
        [1],
        [1],
        [1],
        [1],
        [4],
    ]
    assert "31-12-2024" in movement.note


def test_all_teams_show_a_row_per_team_and_a_total(client, ladder):
    client.force_login(UserFactory.create(username="audit", role="auditor"))

    movement = section(client.get("/dashboard/participatieladder/", {"on": TO}), "ladder_movement")

    assert movement.column("name") == ["Team Elders", "Team Utrecht 1"]
    assert movement.column("up") == [1, 1]
    up = [c.key for c in movement.columns].index("up")
    assert movement.totals[up].value == 2


@pytest.mark.parametrize(
    ("table", "key", "expected"),
    [("ladder_movement", "left", "left"), ("ladder_distribution", "4", "up")],
)
def test_a_count_opens_the_clients_behind_it_and_logs_the_read(
    client, manager, ladder, table, key, expected
):
    client.force_login(manager)
    shown = section(client.get("/dashboard/participatieladder/", {"on": TO}), table)
    cell = shown.rows[0][[c.key for c in shown.columns].index(key)]

    response = client.get("/dashboard/clienten/", cell.filters)

    found = {c.pk for c in response.context["page"]}
    if key == "4":
        assert found == {ladder["up"].pk, ladder["down"].pk}
    else:
        assert found == {ladder[expected].pk}
    assert AccessLog.objects.filter(client__in=found, action="list").count() == len(found)


def test_a_ladder_drill_down_needs_its_dates(client, manager):
    client.force_login(manager)

    assert client.get("/dashboard/clienten/", {"ladder": "3"}).status_code == 400
    assert client.get("/dashboard/clienten/", {"ladder": "up", "on": TO}).status_code == 400
    assert client.get("/dashboard/clienten/", {"ladder": "7", "on": TO}).status_code == 400


@pytest.mark.parametrize("export", ["csv", "xlsx"])
def test_the_ladder_tables_export(client, manager, ladder, export):
    client.force_login(manager)

    response = client.get(f"/dashboard/ladder_movement.{export}", {"on": TO})

    assert response.status_code == 200
    if export == "csv":
        assert "Uit beeld" in response.content.decode("utf-8-sig")


def test_the_api_costs_the_same_queries_for_more_clients(client, manager, team, ladder):
    client.force_login(manager)
    client.get(URL, {"from": FROM, "to": TO})  # warm up caches (content types, sessions)
    with CaptureQueriesContext(connection) as few:
        client.get(URL, {"from": FROM, "to": TO})
    for _ in range(5):
        client_with((D(2024, 3, 1), 2), (D(2025, 3, 1), 3), team=team)
    with CaptureQueriesContext(connection) as many:
        client.get(URL, {"from": FROM, "to": TO})

    assert len(many.captured_queries) == len(few.captured_queries)
    ladder_reads = [q for q in many.captured_queries if "participation_rungassessment" in q["sql"]]
    assert len(ladder_reads) == 2  # one query per figure
