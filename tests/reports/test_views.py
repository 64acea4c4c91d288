"""The dashboard screens: who sees which figures, the clients behind them, and the exports."""

import datetime
import io
import re
import zipfile
from html import unescape

import pytest
from django.utils import timezone
from django.utils.html import escape

from audit.models import AccessLog
from reports.registry import PAGES, REPORTS
from tests.factories import (
    CaseworkerFactory,
    ClientFactory,
    ConversationFactory,
    PhasePeriodFactory,
    TeamFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def teams(team, caseworker, manager, colleague):
    """`team` (managed by `manager`) with clients of two caseworkers, and another team."""
    for worker, phase in ((caseworker, "2"), (caseworker, "3"), (colleague, "2")):
        client = ClientFactory.create(
            team=team, caseworker=worker, in_service_since=datetime.date(2015, 1, 1)
        )
        PhasePeriodFactory.create(client=client, phase=phase, started_on=datetime.date(2024, 1, 1))
    other = TeamFactory.create(name="Team Elders")
    outsider = ClientFactory.create(
        team=other, last_name="Buitenstaander", in_service_since=datetime.date(2015, 1, 1)
    )
    PhasePeriodFactory.create(client=outsider, phase="2", started_on=datetime.date(2024, 1, 1))
    return team, other, outsider


def section(response, key):
    return next(s["table"] for s in response.context["sections"] if s["table"].key == key)


def test_anonymous_is_sent_to_login(client):
    for url in ("/dashboard/", "/dashboard/clienten/", "/dashboard/caseload.csv"):
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith("/login/")


def test_a_team_manager_lands_on_the_dashboard(client, manager):
    client.force_login(manager)
    assert client.get("/").url == "/dashboard/"


def test_the_manager_sees_the_own_team_by_caseworker(client, manager, caseworker, teams):
    team, *_ = teams
    client.force_login(manager)

    response = client.get("/dashboard/")

    page = response.content.decode()
    assert response.status_code == 200
    assert f"Dashboard: {team.name}" in page
    assert escape(str(caseworker)) in page
    assert "Team Elders" not in page
    caseload = section(response, "caseload")
    assert caseload.value(str(caseworker), "phase_2") == 1
    assert [cell.value for cell in caseload.totals][2] == 3  # the other team's client is out


def test_another_teams_dashboard_is_refused(client, manager, teams):
    _, other, _ = teams
    client.force_login(manager)

    response = client.get("/dashboard/", {"team": other.pk})

    assert "Selecteer een geldige keuze" in response.content.decode()
    assert "Team Elders" not in [str(row[0].value) for row in section(response, "caseload").rows]


def test_a_caseworker_sees_only_their_own_figures(client, caseworker, colleague, teams):
    client.force_login(caseworker)
    page = client.get("/dashboard/").content.decode()
    assert escape(str(caseworker)) in page
    assert escape(str(colleague)) not in page


def test_an_auditor_sees_every_team(client, teams):
    client.force_login(UserFactory.create(username="audit", role="auditor"))
    caseload = section(client.get("/dashboard/"), "caseload")
    assert {row[0].value for row in caseload.rows} >= {"Team Utrecht 1", "Team Elders"}


def test_a_functional_administrator_sees_figures_but_no_clients(client, teams):
    team, _, _ = teams
    client.force_login(UserFactory.create(username="fb", role="functional_admin"))

    page = client.get("/dashboard/").content.decode()

    assert "Team Elders" in page
    assert "/dashboard/clienten/" not in page  # the figures are not links
    assert client.get("/dashboard/clienten/", {"team": team.pk}).status_code == 403


def test_without_a_role_the_dashboard_is_forbidden(client):
    client.force_login(UserFactory.create(username="niemand"))
    assert client.get("/dashboard/").status_code == 403


def test_a_drill_down_lists_the_clients_behind_the_figure(client, manager, caseworker, teams):
    team, _, outsider = teams
    client.force_login(manager)

    response = client.get(
        "/dashboard/clienten/", {"team": team.pk, "caseworker": caseworker.pk, "phase": "2"}
    )

    clients = list(response.context["page"])
    assert len(clients) == 1 and clients[0].caseworker == caseworker
    assert escape(outsider.last_name) not in response.content.decode()


def test_a_drill_down_into_another_team_is_not_found(client, manager, teams):
    _, other, _ = teams
    client.force_login(manager)
    assert client.get("/dashboard/clienten/", {"team": other.pk}).status_code == 404


def test_a_drill_down_without_a_team_stays_in_the_managers_teams(client, manager, teams):
    _, _, outsider = teams
    client.force_login(manager)
    response = client.get("/dashboard/clienten/", {"phase": "2"})
    assert outsider not in list(response.context["page"])
    assert len(response.context["page"]) == 2


def test_a_nonsense_drill_down_is_refused_in_dutch(client, manager, teams):
    client.force_login(manager)
    response = client.get("/dashboard/clienten/", {"phase": "7", "on": "9999-01-01"})
    assert response.status_code == 400
    assert "Ongeldige selectie" in response.content.decode()


@pytest.mark.parametrize(
    "query",
    [
        {"caseworker": "²"},
        {"service_type": "99999999999999999999", "start": "2025-01-01", "end": "2025-12-31"},
        {"spoken_by": "99999999999999999999", "start": "2025-01-01", "end": "2025-12-31"},
        {"team": "99999999999999999999"},
    ],
    ids=["superscript-digit", "huge-service-type", "huge-spoken-by", "huge-team"],
)
def test_a_drill_down_on_an_id_that_is_no_id_is_refused(client, manager, teams, query):
    client.raise_request_exception = False
    client.force_login(manager)

    response = client.get("/dashboard/clienten/", query)

    assert response.status_code == 400
    assert "Ongeldige selectie" in response.content.decode()


def test_exporting_the_clients_logs_each_and_masks_the_bsn(client, manager, caseworker, teams):
    team, _, _ = teams
    client.force_login(manager)

    response = client.get("/dashboard/clienten/", {"team": team.pk, "export": "csv"})

    text = response.content.decode("utf-8-sig")
    assert response["Content-Type"].startswith("text/csv")
    assert text.splitlines()[0].split(";")[:2] == ["Naam", "BSN"]
    assert len(text.splitlines()) == 4
    exported = AccessLog.objects.filter(user=manager, action="export")
    assert exported.count() == 3
    for log in exported.select_related("client"):
        assert log.client.bsn not in text and log.client.masked_bsn in text


def test_a_report_exports_as_csv_with_the_screens_numbers(client, manager, caseworker, teams):
    client.force_login(manager)

    response = client.get("/dashboard/caseload.csv")

    rows = [line.split(";") for line in response.content.decode("utf-8-sig").splitlines()]
    header, mine = rows[0], next(r for r in rows if r[0] == str(caseworker))
    assert mine[header.index("Fase 2")] == "1" and mine[header.index("Fase 3")] == "1"
    assert rows[-1][0] == "Totaal"
    assert mine[header.index("Fte")] == "1,0"  # decimal comma for Dutch Excel


def test_a_report_exports_as_xlsx(client, manager, teams):
    client.force_login(manager)

    response = client.get("/dashboard/contact_norm.xlsx")

    assert response["Content-Disposition"].endswith('.xlsx"')
    workbook = zipfile.ZipFile(io.BytesIO(response.content))
    sheet = workbook.read("xl/worksheets/sheet1.xml").decode()
    strings = workbook.read("xl/sharedStrings.xml").decode()
    assert "Aandeel gesproken" in strings and "<v>" in sheet


def test_an_unknown_report_is_not_found(client, manager):
    client.force_login(manager)
    assert client.get("/dashboard/geheim.csv").status_code == 404
    assert client.get("/dashboard/caseload.pdf").status_code == 404


def test_charts_are_inline_svg_with_a_title_and_escaped_names(client, manager, team, teams):
    CaseworkerFactory.create(username="cw.x", first_name="<script>", last_name="x", team=team)
    client.force_login(manager)

    page = client.get("/dashboard/").content.decode()

    assert '<svg xmlns="http://www.w3.org/2000/svg"' in page
    assert '<title id="chart-caseload-title">Caseload per casemanager</title>' in page
    assert "<script>" not in page.split("<svg", 1)[1]


def test_the_dashboard_costs_the_same_queries_for_more_clients(
    client, manager, caseworker, teams, django_assert_num_queries
):
    team, _, _ = teams
    client.force_login(manager)
    client.get("/dashboard/")  # warm up caches (content types, sessions)

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get("/dashboard/")
    for _ in range(10):
        new = ClientFactory.create(team=team, caseworker=caseworker)
        ConversationFactory.create(client=new, caseworker=caseworker, held_on=timezone.localdate())
    with CaptureQueriesContext(connection) as many:
        client.get("/dashboard/")

    assert len(many.captured_queries) == len(few.captured_queries)


def test_an_invalid_period_is_explained_in_dutch(client, manager, teams):
    client.force_login(manager)
    page = client.get("/dashboard/", {"year": "1999", "on": "2999-01-01"}).content.decode()
    assert "Kies een jaar van 2015" in page
    assert "De peildatum kan niet in de toekomst liggen." in page


PAGE_URLS = ["/dashboard/", *(f"/dashboard/{slug}/" for slug, *_ in PAGES[1:])]


@pytest.mark.parametrize("url", PAGE_URLS)
def test_every_page_has_a_chart_and_a_table_and_a_fixed_query_count(
    client, manager, caseworker, teams, url
):
    team, _, _ = teams
    client.force_login(manager)
    client.get(url)

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        response = client.get(url)
    for _ in range(5):
        new = ClientFactory.create(team=team, caseworker=caseworker)
        PhasePeriodFactory.create(client=new, phase="3", started_on=timezone.localdate())
        ConversationFactory.create(client=new, caseworker=caseworker, held_on=timezone.localdate())
    with CaptureQueriesContext(connection) as many:
        client.get(url)

    page = response.content.decode()
    assert response.status_code == 200
    assert page.count('<svg xmlns="http://www.w3.org/2000/svg"') == len(
        response.context["sections"]
    )
    assert page.count('<table class="data report-table">') == len(response.context["sections"])
    assert len(many.captured_queries) == len(few.captured_queries)


@pytest.mark.parametrize("report", list(REPORTS))
def test_every_report_exports(client, manager, teams, report):
    client.force_login(manager)
    for kind in ("csv", "xlsx"):
        response = client.get(f"/dashboard/{report}.{kind}")
        assert response.status_code == 200
        assert len(response.content) > 50


def test_an_unknown_page_is_not_found(client, manager):
    client.force_login(manager)
    assert client.get("/dashboard/geheim/").status_code == 404


def test_an_export_for_another_team_holds_only_the_managers_own_numbers(client, manager, teams):
    _, other, _ = teams
    client.force_login(manager)

    response = client.get("/dashboard/caseload.csv", {"team": other.pk})

    text = response.content.decode("utf-8-sig")
    assert "Team Elders" not in text
    assert text.splitlines()[-1].split(";")[2] == "3"  # the totals: the manager's 3 clients


def test_a_table_row_heads_with_its_name_and_links_each_count_to_its_clients(
    client, manager, caseworker, teams
):
    client.force_login(manager)
    page = client.get("/dashboard/").content.decode()

    name = escape(str(caseworker))
    row = re.search(rf'<tr><th scope="row">{re.escape(name)}</th>(.*?)</tr>', page)
    assert row is not None
    links = re.findall(r'<td class="num"><a href="([^"]+)">(\d+)</a></td>', row.group(1))
    assert links and all(href.startswith("/dashboard/clienten/?") for href, _n in links)
    href, count = next((href, n) for href, n in links if "phase=2" in href)
    assert "&amp;" in href and count == "1"  # the query's parts escaped, as in any attribute
    listed = client.get(unescape(href))
    assert listed.status_code == 200 and listed.context["page"].paginator.count == 1


def test_who_may_not_open_files_sees_the_counts_without_links(client, caseworker, teams):
    client.force_login(UserFactory.create(username="fb.tabel", role="functional_admin"))
    page = client.get("/dashboard/").content.decode()

    assert '<td class="num">' in page
    assert "/dashboard/clienten/?" not in page
