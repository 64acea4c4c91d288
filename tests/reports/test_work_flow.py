"""Table 2 (placements against the norm share, renewals), figure 5.2 (retention) and new work
after a job ends: on the dashboard page `werk`, drilling down to the same clients, and over
GET /api/v1/reports/placements/."""

import pytest
from django.utils import timezone

from norms.models import NormVersion
from reports.catalogue.after_job_end import after_job_end
from reports.catalogue.placements import placements
from reports.catalogue.retention import retention
from reports.drilldown import Event, drilldown_clients
from tests.factories import (
    CaseworkerFactory,
    ClientFactory,
    JobFactory,
    JobRenewalFactory,
    TeamFactory,
    UserFactory,
)
from tests.query_counts.pins import session_reads_saved
from tests.reports.conftest import D, all_scope, team_scope

pytestmark = pytest.mark.django_db
URL = "/api/v1/reports/placements/"
TODAY = D(2026, 1, 1)


@pytest.fixture
def world(team, caseworker, manager):
    """In `team`: four active clients of `caseworker`, two placed at a regular employer in
    2024 (one still there a year later; one whose job ended in 2024 and who is self-employed
    from five weeks later), one renewal made permanent in 2024; in another team four active
    clients, one placed in 2024."""
    mine = ClientFactory.create_batch(4, team=team, caseworker=caseworker)
    JobFactory.create(client=mine[0], started_on=D(2024, 3, 1))
    JobFactory.create(
        client=mine[1], started_on=D(2024, 5, 1), ended_on=D(2024, 8, 31), end_reason="resigned"
    )
    JobFactory.create(
        client=mine[1], started_on=D(2024, 10, 6), kind="self_employed", employer=None, contract=""
    )
    temporary = JobFactory.create(
        client=mine[2], started_on=D(2022, 1, 1), contract="temporary", planned_end_on=D(2025, 1, 1)
    )
    JobRenewalFactory.create(
        job=temporary, renewed_on=D(2024, 6, 1), new_planned_end_on=None, made_permanent=True
    )
    other = TeamFactory.create(name="Team Elders")
    theirs = ClientFactory.create_batch(4, team=other)
    JobFactory.create(client=theirs[0], started_on=D(2024, 2, 1))
    return mine, theirs


def test_the_team_is_placed_against_its_share_of_the_norm(world, team, caseworker):
    NormVersion.objects.create(effective_from=D(2024, 7, 1), placements_per_year=1000)

    table = placements(team_scope(team), year=2024, today=TODAY)

    # 1000 × 4 active in the team / 8 active in all teams on 31 December 2024
    assert table.value(str(caseworker), "norm_share") == 500
    assert table.value(str(caseworker), "placements") == 2
    assert table.value(str(caseworker), "of_norm") == pytest.approx(2 / 500)
    assert (
        table.value(str(caseworker), "renewals"),
        table.value(str(caseworker), "made_permanent"),
    ) == (1, 1)
    assert [c.value for c in table.totals or []][1:4] == [4, 500, 2]


def test_the_team_total_counts_every_client_and_every_contact_person_has_a_row(
    world, team, caseworker
):
    """Rows per caseworker of the team, one without a contact person, and one for a contact
    person counted who is not in the team (moved to another); the total is the team's."""
    nobody = ClientFactory.create(team=team, caseworker=None)
    JobFactory.create(client=nobody, started_on=D(2024, 4, 1))
    moved = CaseworkerFactory.create(team=TeamFactory.create(name="Team Verhuisd"))
    left_behind = ClientFactory.create(team=team, caseworker=moved)
    JobFactory.create(client=left_behind, started_on=D(2024, 4, 1))
    JobRenewalFactory.create(job__client=left_behind, renewed_on=D(2024, 9, 1))

    table = placements(team_scope(team), year=2024, today=TODAY)

    assert table.value("Zonder vaste contactpersoon", "placements") == 1
    assert table.value(str(moved), "placements") == 1
    totals = [c.value for c in table.totals or []]
    assert (totals[1], totals[3], totals[5]) == (6, 4, 2)  # active, placements, renewals


def test_the_norm_share_of_the_current_year_is_taken_on_today(world, team):
    ClientFactory.create(team=team, in_service_since=D(2026, 6, 1))  # active from June on
    before = placements(all_scope(), year=2026, today=D(2026, 5, 31))
    after = placements(all_scope(), year=2026, today=D(2026, 6, 1))
    assert [c.value for c in before.totals or []][2] == 8000
    assert [c.value for c in after.totals or []][1] == 9


def test_retention_counts_and_shares_a_year_after_the_placements(world, team):
    table = retention(team_scope(team), year=2024, today=TODAY)
    totals = {c.key: cell.value for c, cell in zip(table.columns, table.totals or [], strict=True)}

    # the second left after four months and is self-employed on the mark
    assert (totals["placements"], totals["same_employer"], totals["other_employer"]) == (2, 1, 1)
    assert totals["same_employer_share"] == 0.5


def test_after_a_job_ends_counts_new_work_within_each_window(world, team):
    table = after_job_end(team_scope(team), year=2024, today=TODAY)

    assert table.column("counted") == [1, 1, 1]
    assert table.column("new_work") == [0, 1, 1]  # five weeks after: not directly


@pytest.mark.parametrize(
    ("report", "column"),
    [
        (placements, "placements"),
        (placements, "renewals"),
        (placements, "made_permanent"),
        (retention, "placements"),
        (retention, "same_employer"),
        (retention, "not_working"),
        (after_job_end, "counted"),
        (after_job_end, "new_work"),
    ],
)
def test_every_count_drills_down_to_as_many_clients(world, team, report, column):
    table = report(team_scope(team), year=2024, today=TODAY)
    index = [c.key for c in table.columns].index(column)
    auditor = UserFactory.create(username="audit.w", role="auditor")
    for row in table.rows:
        cell = row[index]
        filters = cell.filters or {}
        found = drilldown_clients(
            team_scope(team),
            user=auditor,
            today=TODAY,
            caseworker=filters.get("caseworker", ""),
            event=Event(work=filters["work"]),
            start=D.fromisoformat(filters["start"]),
            end=D.fromisoformat(filters["end"]),
        )
        assert found.count() == cell.value, (column, filters)


def test_the_werk_page_answers_the_team_managers_question(client, manager, world):
    client.force_login(manager)
    page = client.get("/dashboard/werk/", {"year": 2024})
    keys = [s["table"].key for s in page.context["sections"]]
    assert keys[-3:] == ["placements", "retention", "after_job_end"]  # after who works
    drill = client.get(
        "/dashboard/clienten/", {"start": "2024-01-01", "end": "2024-12-31", "work": "placed"}
    )
    assert drill.status_code == 200
    assert drill.context["page"].paginator.count == 2


# The API -------------------------------------------------------------------------------------


def test_the_api_contract_shape(client, manager, world):
    client.force_login(manager)

    body = client.get(URL, {"year": 2024}).json()

    assert body["year"] == 2024
    assert (body["placements"], body["renewals"], body["norm"]) == (2, 1, 8000)
    assert set(body["retention"]) == {
        "placements",
        "same_employer",
        "other_employer",
        "not_working",
    }
    assert body["retention"]["placements"] == 2


def test_a_year_before_the_first_norm_version_has_no_norm_share(client, manager, world):
    client.force_login(manager)

    body = client.get(URL, {"year": 2015}).json()

    assert (body["norm"], body["norm_share"], body["placements"]) == (None, None, 0)


def test_the_api_scope_is_the_users(client, world, team, caseworker):
    auditor = UserFactory.create(username="audit.p", role="auditor")
    client.force_login(auditor)
    assert client.get(URL, {"year": 2024}).json()["placements"] == 3
    assert client.get(URL, {"year": 2024, "team": team.pk}).json()["placements"] == 2
    colleague = CaseworkerFactory.create(username="cw.other", team=team)
    client.force_login(colleague)
    assert client.get(URL, {"year": 2024}).json()["placements"] == 0  # their own caseload
    client.force_login(caseworker)
    assert client.get(URL, {"year": 2024}).json()["placements"] == 2


def test_another_teams_placements_are_not_found(client, manager, world):
    client.force_login(manager)
    other = TeamFactory.create(name="Team Ver")
    assert client.get(URL, {"year": 2024, "team": other.pk}).status_code == 404


@pytest.mark.parametrize(
    "query",
    [
        {},
        {"year": ""},
        {"year": "twintig"},
        {"year": "2014"},
        {"year": str(timezone.localdate().year + 1)},
        {"year": "2024", "team": "nul"},
        {"year": "2024", "team": "0"},
    ],
)
def test_a_missing_or_malformed_parameter_is_a_400_per_field(client, manager, query):
    client.force_login(manager)
    response = client.get(URL, query)
    assert response.status_code == 400
    assert set(response.json()) <= {"year", "team"}


def test_the_api_costs_the_same_queries_for_more_placements(client, manager, world, team):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(manager)
    client.get(URL, {"year": 2024})
    with CaptureQueriesContext(connection) as few:
        client.get(URL, {"year": 2024})
    for placed in ClientFactory.create_batch(5, team=team):
        JobFactory.create(client=placed, started_on=D(2024, 4, 1))
    with CaptureQueriesContext(connection) as many:
        client.get(URL, {"year": 2024})
    assert len(many.captured_queries) == len(few.captured_queries) == 13 - session_reads_saved()
