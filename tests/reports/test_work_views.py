"""The work figures on the dashboard page "Werk", behind their counts, and over the API
(GET /api/v1/reports/work/): fields, scope, refusals."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from audit.models import AccessLog
from tests.factories import ClientFactory, JobFactory, ProvisionFactory, TeamFactory, UserFactory
from tests.query_counts.pins import session_reads_saved

pytestmark = pytest.mark.django_db
D = datetime.date
URL = "/api/v1/reports/work/"
ON = "2025-12-31"


@pytest.fixture
def working(team, caseworker):
    """In `team`: one client at a regular employer with a job coach, one in the Wsw, one not
    working; in another team one working client."""
    at_employer, in_wsw, idle = (
        ClientFactory.create(team=team, caseworker=caseworker, last_name=name)
        for name in ("Bakker", "Wever", "Visser")
    )
    JobFactory.create(client=at_employer, contract="temporary", planned_end_on=D(2026, 6, 30))
    ProvisionFactory.create(
        client=at_employer,
        decision="granted",
        decided_on=D(2024, 5, 1),
        valid_from=D(2024, 5, 1),
    )
    JobFactory.create(client=in_wsw, kind="sheltered")
    elsewhere = ClientFactory.create(team=TeamFactory.create(name="Team Elders"))
    JobFactory.create(client=elsewhere)
    return at_employer, in_wsw, idle


def test_the_contract_shape(client, manager, working):
    client.force_login(manager)

    body = client.get(URL, {"on": ON}).json()

    assert body == {
        "on": ON,
        "active": 3,
        "regular": 1,
        "sheltered": 1,
        "employed": 2,
        "employed_share": 66.7,
        "self_employed_only": 0,
        "self_employed_combined": 0,
        "contracts": {"permanent": 0, "temporary": 1, "agency": 0},
        "contract_shares": {"permanent": 0.0, "temporary": 100.0, "agency": 0.0},
        "provisions": {
            "job_coach": 1,
            "wage_dispensation": 0,
            "transport": 0,
            "other_provision": 0,
            "any_provision": 1,
        },
    }


def test_without_active_clients_the_shares_are_null(client, manager):
    client.force_login(manager)

    body = client.get(URL, {"on": ON}).json()

    assert (body["active"], body["employed_share"]) == (0, None)
    assert body["contract_shares"]["permanent"] is None


def test_an_auditor_gets_every_team_or_one(client, team, working):
    client.force_login(UserFactory.create(username="audit", role="auditor"))

    assert client.get(URL, {"on": ON}).json()["employed"] == 3
    assert client.get(URL, {"on": ON, "team": team.pk}).json()["employed"] == 2


def test_a_caseworker_gets_only_their_own_clients(client, caseworker, working):
    at_employer, *_ = working
    at_employer.caseworker = None
    at_employer.save()
    client.force_login(caseworker)

    body = client.get(URL, {"on": ON}).json()

    assert (body["active"], body["regular"], body["sheltered"]) == (2, 0, 1)


def test_another_teams_figures_are_not_found(client, manager, working):
    client.force_login(manager)
    other = TeamFactory.create(name="Team Ver")

    assert client.get(URL, {"on": ON, "team": other.pk}).status_code == 404


@pytest.mark.parametrize(
    "query, refused",
    [
        ({}, ["on"]),
        ({"on": ""}, ["on"]),
        ({"on": "31-12-2025"}, ["on"]),
        ({"on": "2025-02-30"}, ["on"]),
        ({"on": "1899-12-31"}, ["on"]),
        ({"on": (timezone.localdate() + datetime.timedelta(days=1)).isoformat()}, ["on"]),
        ({"on": ON, "team": "x"}, ["team"]),
        ({"on": ON, "team": "0"}, ["team"]),
        ({"team": ""}, ["on", "team"]),
    ],
)
def test_a_missing_or_malformed_parameter_is_a_400_on_it(client, manager, query, refused):
    client.force_login(manager)

    response = client.get(URL, query)

    assert response.status_code == 400
    assert sorted(response.json()) == refused


def test_anonymous_gets_401(client):
    assert client.get(URL, {"on": ON}).status_code == 401


# The dashboard page --------------------------------------------------------------------


def section(response, key):
    return next(s["table"] for s in response.context["sections"] if s["table"].key == key)


def test_the_work_page_shows_status_contracts_and_support_for_the_chosen_date(
    client, manager, working
):
    client.force_login(manager)

    response = client.get("/dashboard/werk/", {"on": ON})

    assert response.status_code == 200
    keys = [s["table"].key for s in response.context["sections"]]
    assert keys[:3] == ["work_status", "work_contracts", "work_provisions"]
    status = section(response, "work_status")
    assert status.column("employed") == [2]
    assert status.column("employed_share") == [pytest.approx(0.667)]
    assert section(response, "work_contracts").column("clients") == [0, 1, 0]
    assert section(response, "work_provisions").column("clients") == [1, 0, 0, 0, 1]


def test_for_a_past_year_the_work_page_counts_on_its_last_day(client, manager, team):
    ended = ClientFactory.create(team=team)
    JobFactory.create(client=ended, ended_on=D(2024, 12, 31), end_reason="resigned")
    client.force_login(manager)

    response = client.get("/dashboard/werk/", {"year": 2024})

    assert section(response, "work_status").column("regular") == [1]
    assert "31-12-2024" in section(response, "work_status").note


def test_all_teams_show_a_row_per_team_and_a_total(client, working):
    client.force_login(UserFactory.create(username="audit", role="auditor"))

    status = section(client.get("/dashboard/werk/", {"on": ON}), "work_status")

    assert status.column("name") == ["Team Elders", "Team Utrecht 1"]
    assert status.column("employed") == [1, 2]
    employed = [c.key for c in status.columns].index("employed")
    assert status.totals[employed].value == 3


def test_a_count_opens_the_clients_behind_it_and_logs_the_read(client, manager, team, working):
    at_employer, in_wsw, _idle = working
    client.force_login(manager)
    status = section(client.get("/dashboard/werk/", {"on": ON}), "work_status")
    employed = status.rows[0][[c.key for c in status.columns].index("employed")]

    response = client.get("/dashboard/clienten/", employed.filters)

    assert employed.filters == {"team": str(team.pk), "on": ON, "work": "employed"}
    assert {c.pk for c in response.context["page"]} == {at_employer.pk, in_wsw.pk}
    assert AccessLog.objects.filter(client__in=[at_employer, in_wsw]).count() == 2


def test_a_work_drill_down_needs_its_date(client, manager, team):
    client.force_login(manager)

    assert client.get("/dashboard/clienten/", {"work": "employed"}).status_code == 400
    assert client.get("/dashboard/clienten/", {"work": "other", "on": ON}).status_code == 400


@pytest.mark.parametrize(
    "work, period",
    [("employed", {}), ("placed", {"start": "2024-01-01", "end": "2024-12-31"})],
)
def test_a_norm_line_and_a_work_line_together_are_refused(
    client, manager, team, working, work, period
):
    client.force_login(manager)
    query = {"team": team.pk, "on": ON, "norm": "spoken", "work": work, **period}

    response = client.get("/dashboard/clienten/", query)

    assert response.status_code == 400
    assert "niet allebei" in response.content.decode()


def test_the_work_tables_export(client, manager, working):
    client.force_login(manager)

    response = client.get("/dashboard/work_status.csv", {"on": ON})

    assert response.status_code == 200
    assert "Werkend in loondienst" in response.content.decode("utf-8-sig")


def test_the_api_costs_the_same_queries_for_more_clients(client, manager, team, working):
    client.force_login(manager)
    client.get(URL, {"on": ON})  # warm up caches (content types, sessions)
    with CaptureQueriesContext(connection) as few:
        client.get(URL, {"on": ON})
    for _ in range(5):
        JobFactory.create(client=ClientFactory.create(team=team), kind="sheltered")
    with CaptureQueriesContext(connection) as many:
        client.get(URL, {"on": ON})

    assert len(many.captured_queries) == len(few.captured_queries) == 8 - session_reads_saved()


def test_the_work_page_counts_once_for_its_three_tables(client, manager, working):
    client.force_login(manager)

    with CaptureQueriesContext(connection) as page:
        client.get("/dashboard/werk/", {"on": ON})

    # the three tables' one count is the page's only query reading provisions (the yearly
    # placement tables beside them read jobs, not provisions)
    assert sum('"work_provision"' in query["sql"] for query in page.captured_queries) == 1
