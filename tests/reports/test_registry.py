"""The one registry of reports: every page, export and chart reads its reports from it."""

import dataclasses

import pytest

from reports.charts import ChartSpec, Series, draw
from reports.registry import PAGES, REPORTS
from tests.factories import UserFactory
from tests.reports.conftest import D

pytestmark = pytest.mark.django_db


def test_every_report_is_on_a_page_and_every_page_has_reports():
    assert {report.page for report in REPORTS.values()} == {page.slug for page in PAGES}
    assert len({report.chart.chart_id for report in REPORTS.values()}) == len(REPORTS)


def test_the_overview_shows_its_reports_in_the_registrys_order(manager):
    overview = PAGES[0]
    assert overview.slug == ""
    assert [r.key for r in overview.reports(manager)] == [
        "key_figures",
        "caseload",
        "contact_norm",
        "contact_norm_trend",
        "phase_distribution",
    ]


def test_a_report_a_user_may_not_see_is_neither_shown_nor_exported(
    client, manager, team, monkeypatch
):
    hidden = dataclasses.replace(REPORTS["caseload"], may_see=lambda user: False)
    monkeypatch.setitem(REPORTS, "caseload", hidden)
    client.force_login(manager)

    response = client.get("/dashboard/")

    keys = [section["table"].key for section in response.context["sections"]]
    assert "caseload" not in keys and "key_figures" in keys
    assert client.get("/dashboard/caseload.csv").status_code == 403
    assert client.get("/dashboard/key_figures.csv").status_code == 200


def test_the_api_asks_the_registry_who_may_see_the_phase_distribution(client, manager, monkeypatch):
    client.force_login(manager)
    url = "/api/v1/reports/phase-distribution/"
    assert client.get(url, {"year": 2024}).status_code == 200

    hidden = dataclasses.replace(REPORTS["phase_distribution"], may_see=lambda user: False)
    monkeypatch.setitem(REPORTS, "phase_distribution", hidden)

    assert client.get(url, {"year": 2024}).status_code == 403


def test_a_chart_is_drawn_from_its_spec_not_from_the_reports_key(manager, team):
    from common.tables import Column, Table

    table = Table("anything", "Iets", [Column("name", "Naam", "text"), Column("n", "Aantal")])
    table.add("Ad", 3)
    table.add("Bo", 5)
    spec = ChartSpec(
        "chart-x",
        series=lambda t: [Series("Aantal", t.column("n"))],
        y_label="Cliënten",
        line=True,
    )

    svg = draw(spec, table)

    assert '<title id="chart-x-title">Iets</title>' in svg
    assert ">Naam</text>" in svg  # no x label in the spec: the first column's header
    assert "<path d=" in svg and "stroke-dasharray" in svg  # a line, not bars


def test_every_report_builds_its_table_under_its_key_and_draws_its_chart(rf, team, manager):
    from reports.period import Period

    UserFactory.create(username="cw.reg", role="caseworker", team=team)
    request = rf.get("/dashboard/", {"year": "2024", "on": D(2024, 6, 30).isoformat()})
    request.user = manager
    period = Period(request)

    for key, report in REPORTS.items():
        table = report.table(period)
        svg = draw(report.chart, table)
        assert table.key == key
        assert f'id="{report.chart.chart_id}-title"' in svg
    assert REPORTS["contact_norm"].filename(period) == "contact_norm-2024-06-30"
    assert REPORTS["caseload"].filename(period) == "caseload-2024"


@pytest.mark.parametrize(
    ("query", "named"),
    [
        ({"year": "2024", "on": "2024-06-30"}, "2024-06-30"),  # the chosen day
        ({"year": "2024"}, "2024-12-31"),  # the end of the chosen year
    ],
)
def test_an_export_about_one_day_is_named_by_that_day(rf, team, manager, query, named):
    from reports.period import Period

    request = rf.get("/dashboard/", query)
    request.user = manager
    period = Period(request)

    for key in ("ladder_distribution", "ladder_movement", "work_status", "phase_1_referred"):
        assert REPORTS[key].filename(period) == f"{key}-{named}"
    assert REPORTS["referrals_per_kind"].filename(period) == "referrals_per_kind-2024"
