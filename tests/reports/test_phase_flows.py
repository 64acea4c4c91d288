"""The flow through the client phases on the dashboard (figures 5.9 and 5.10), behind its
counts, and over the API (GET /api/v1/reports/phase-flows/): fields, scope, refusals."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from audit.models import AccessLog
from tests.factories import ClientFactory, PhasePeriodFactory, TeamFactory, UserFactory

pytestmark = pytest.mark.django_db
D = datetime.date
URL = "/api/v1/reports/phase-flows/"
PAGE = "/dashboard/doorstroom/"
QUERY = {"phase": "1", "from": "2023-01-01", "to": "2024-12-31", "on": "2025-12-31"}


def client_with(*periods, team, **fields):
    client = ClientFactory.create(team=team, **fields)
    for index, (day, phase) in enumerate(periods):
        ended = periods[index + 1][0] if index + 1 < len(periods) else None
        PhasePeriodFactory.create(client=client, phase=phase, started_on=day, ended_on=ended)
    return client


@pytest.fixture
def flows(team):
    """In `team`: one client staying in phase 1, one moving 1-2-3, one 1-2 then out of
    service; in another team one staying in phase 1."""
    clients = {
        "stayed": client_with((D(2023, 3, 1), "1"), team=team),
        "moved": client_with(
            (D(2023, 3, 1), "1"), (D(2024, 1, 1), "2"), (D(2025, 1, 1), "3"), team=team
        ),
        "left": client_with(
            (D(2024, 2, 1), "1"), (D(2024, 6, 1), "2"), team=team, out_of_service_on=D(2025, 3, 1)
        ),
    }
    client_with((D(2023, 5, 1), "1"), team=TeamFactory.create(name="Team Elders"))
    return clients


def test_the_contract_shape(client, manager, flows):
    client.force_login(manager)

    body = client.get(URL, QUERY).json()

    assert {k: body[k] for k in ("phase", "from", "to", "on", "started")} == {
        "phase": "1",
        "from": "2023-01-01",
        "to": "2024-12-31",
        "on": "2025-12-31",
        "started": 3,
    }
    assert len(body["flows"]) == 4 * 5
    assert [f for f in body["flows"] if f["clients"]] == [
        {"switches": "none", "end": "1", "clients": 1},
        {"switches": "one", "end": "out", "clients": 1},
        {"switches": "few", "end": "3", "clients": 1},
    ]


def test_the_end_date_defaults_to_today_and_all_teams_count_every_team(client, flows):
    client.force_login(UserFactory.create(username="audit", role="auditor"))

    body = client.get(URL, {k: v for k, v in QUERY.items() if k != "on"}).json()

    assert body["on"] == timezone.localdate().isoformat()
    assert body["started"] == 4


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"phase": None}, "phase"),
        ({"phase": "3"}, "phase"),
        ({"from": None}, "from"),
        ({"from": "2023-13-01"}, "from"),
        ({"from": "2025-01-01"}, "from"),
        ({"to": "2026-01-01"}, "to"),
        ({"on": "2999-01-01"}, "on"),
        ({"on": ""}, "on"),
    ],
)
def test_bad_input_is_refused_in_dutch(client, manager, query, field):
    client.force_login(manager)
    params = {k: v for k, v in (QUERY | query).items() if v is not None}

    response = client.get(URL, params)

    assert response.status_code == 400
    assert field in response.json()
    if query == {"phase": "3"}:
        assert response.json()["phase"] == ["Kies fase 1 of 2."]


def test_another_teams_figures_are_not_found(client, manager, flows):
    other = TeamFactory.create(name="Team Ander")
    client.force_login(manager)

    assert client.get(URL, QUERY | {"team": other.pk}).status_code == 404


def test_the_api_costs_the_same_queries_for_more_clients(client, manager, team, flows):
    client.force_login(manager)
    client.get(URL, QUERY)
    with CaptureQueriesContext(connection) as few:
        client.get(URL, QUERY)
    for _ in range(5):
        client_with((D(2023, 3, 1), "1"), (D(2024, 3, 1), "4"), team=team)
    with CaptureQueriesContext(connection) as many:
        body = client.get(URL, QUERY).json()

    assert body["started"] == 8
    assert len(many.captured_queries) == len(few.captured_queries)
    flow_reads = [q for q in many.captured_queries if "phases_phaseperiod" in q["sql"]]
    assert len(flow_reads) == 1


def section(response, key):
    return next(s for s in response.context["sections"] if s["table"].key == key)


def test_the_page_draws_the_flow_and_shows_the_tables(client, manager, flows):
    client.force_login(manager)

    with CaptureQueriesContext(connection) as queries:
        response = client.get(PAGE, QUERY)

    assert response.status_code == 200
    flow_reads = [q for q in queries.captured_queries if "phases_phaseperiod" in q["sql"]]
    assert len(flow_reads) == 1  # both tables share one count
    flow = section(response, "phase_flows")
    table = flow["table"]
    assert table.column("1") == [1, 0, 0, 0]
    assert table.column("out") == [0, 1, 0, 0]
    assert table.column("started") == [1, 1, 1, 0]
    assert table.totals[-1].value == 3
    assert 'class="chart flow-chart" role="img"' in flow["html"]
    assert "Gestart in fase 1: 3" in flow["html"]
    teams = section(response, "phase_flows_teams")["table"]
    assert teams.column("started") == [3]
    page = response.content.decode()
    assert 'name="phase"' in page and 'name="from"' in page and 'name="year"' not in page


def test_the_page_refuses_a_start_after_its_end_in_dutch(client, manager):
    client.force_login(manager)

    page = client.get(PAGE, QUERY | {"from": "2025-01-01"}).content.decode()

    assert "De begindatum ligt na de einddatum." in page


@pytest.mark.parametrize(
    ("row", "key", "expected"),
    [(0, "1", {"stayed"}), (1, "out", {"left"}), (1, "started", {"left"})],
)
def test_a_count_opens_the_clients_behind_it_and_logs_the_read(
    client, manager, flows, row, key, expected
):
    client.force_login(manager)
    table = section(client.get(PAGE, QUERY), "phase_flows")["table"]
    cell = table.rows[row][[c.key for c in table.columns].index(key)]

    response = client.get("/dashboard/clienten/", cell.filters)

    found = {c.pk for c in response.context["page"]}
    assert found == {flows[name].pk for name in expected}
    assert AccessLog.objects.filter(client__in=found, action="list").count() == len(found)


def test_the_totals_open_every_client_who_started(client, manager, flows):
    client.force_login(manager)
    table = section(client.get(PAGE, QUERY), "phase_flows")["table"]

    response = client.get("/dashboard/clienten/", table.totals[-1].filters)

    assert {c.pk for c in response.context["page"]} == {c.pk for c in flows.values()}


def test_a_flow_drill_down_needs_its_dates(client, manager):
    client.force_login(manager)
    dates = {"start": "2023-01-01", "end": "2024-12-31"}

    assert client.get("/dashboard/clienten/", {"flow": "1.all.all"} | dates).status_code == 400
    assert (
        client.get("/dashboard/clienten/", {"flow": "1.all.all", "on": "2025-12-31"}).status_code
        == 400
    )
    bad = {"flow": "3.few.out", "on": "2025-12-31"} | dates
    assert client.get("/dashboard/clienten/", bad).status_code == 400


@pytest.mark.parametrize("export", ["csv", "xlsx"])
@pytest.mark.parametrize("report", ["phase_flows", "phase_flows_teams"])
def test_the_flow_tables_export(client, manager, flows, report, export):
    client.force_login(manager)

    response = client.get(f"/dashboard/{report}.{export}", QUERY)

    assert response.status_code == 200
    if export == "csv":
        assert "Uit beeld" in response.content.decode("utf-8-sig")
