"""One Dutch style and context everywhere: one date and number format, removable filter chips,
titles that say what is shown, empty states that say what to do, and search forms that do not
speak of saving."""

import datetime
import re
from decimal import Decimal

import pytest
from django.http import QueryDict
from django.template import Context, Template
from django.utils import translation
from django.utils.html import escape

from casework.forms import CaseloadFilterForm
from casework.templatetags.caseload import time_since
from common.chips import filter_chips
from common.tables import display
from phases.models import Phase
from tests.factories import SignalFactory, UserFactory

pytestmark = pytest.mark.django_db

DAY = datetime.date(2026, 12, 12)
MARCH = datetime.date(2026, 3, 5)


def render(source: str, **context) -> str:
    return Template(source).render(Context(context))


@pytest.mark.parametrize(
    ("language", "text", "short"),
    [("nl", "12 december 2026", "12-12-2026"), ("en", "12 December 2026", "12/12/2026")],
)
def test_a_day_reads_in_full_in_text_and_short_in_tables(language, text, short):
    with translation.override(language):
        assert render("{{ day|day_text }}|{{ day|day_short }}", day=DAY) == f"{text}|{short}"


def test_no_capitalised_month_abbreviation_anywhere():
    with translation.override("nl"):
        shown = render("{{ day|day_text }} {{ day|day_short }} {{ day }}", day=MARCH)
    assert shown == "5 maart 2026 05-03-2026 5 maart 2026"
    assert "Mrt" not in shown


def test_a_moment_keeps_the_local_time():
    moment = datetime.datetime(2026, 12, 12, 13, 30, tzinfo=datetime.UTC)
    with translation.override("nl"):
        assert render("{{ at|moment_short }}", at=moment) == "12-12-2026 14:30"
        assert render("{{ at|moment_text }}", at=moment) == "12 december 2026 14:30"


def test_money_and_numbers_have_dutch_separators():
    with translation.override("nl"):
        assert render("{{ cost|money }}", cost=Decimal("4250")) == "€\u00a04.250,00"
        assert render("{{ n|number }}", n=2000) == "2.000"
        assert display(Decimal("9409.7"), "decimal") == "9.409,7"
    with translation.override("en"):
        assert render("{{ cost|money }}", cost=Decimal("4250")) == "€\u00a04,250.00"


def test_less_than_a_month_in_a_phase_is_said_so():
    with translation.override("nl"):
        assert time_since(DAY - datetime.timedelta(days=10), DAY) == "minder dan een maand"
        assert time_since(DAY - datetime.timedelta(days=40), DAY) == "1 maand"


def test_each_chip_removes_only_its_own_filter():
    query = QueryDict("q=jan&phase=2&overdue=on&sort=name&page=3")
    chips = filter_chips(CaseloadFilterForm(query), query)

    assert [(c.label, c.value) for c in chips] == [
        ("Zoek op naam of volledig BSN", "jan"),
        ("Fase", str(Phase("2").label)),
        ("Alleen met verlopen afspraken", ""),
    ]
    by_label = {c.label: QueryDict(c.query) for c in chips}
    phase_gone = by_label["Fase"]
    assert "phase" not in phase_gone and "page" not in phase_gone
    assert (
        phase_gone["q"] == "jan" and phase_gone["overdue"] == "on" and phase_gone["sort"] == "name"
    )


def test_the_caseload_shows_its_filters_as_chips_and_says_why_it_is_empty(client, caseworker):
    client.force_login(caseworker)
    html = client.get("/clienten/", {"q": "niemand-heet-zo", "overdue": "on"}).content.decode()

    assert 'class="filter-chips"' in html
    removes = re.findall(r'<a href="\?([^"]*)" class="filter-chip__remove"', html)
    left = sorted(str(QueryDict(q.replace("&amp;", "&")).dict()) for q in removes)
    assert left == [str({"overdue": "on"}), str({"q": "niemand-heet-zo"})]
    assert "Geen cliënten met deze filters." in html
    assert 'href="/clienten/">Wis de filters</a>' in html


def test_an_unfiltered_caseload_shows_no_chips(client, caseworker, client_file):
    client.force_login(caseworker)
    html = client.get("/clienten/").content.decode()
    assert 'class="filter-chips"' not in html
    assert "<h1>Mijn cliënten</h1>" in html


def test_the_auditors_start_page_is_titled_for_all_clients(client, client_file):
    client.force_login(UserFactory.create(username="audit.titel", role="auditor"))
    html = client.get("/", follow=True).content.decode()
    assert "<h1>Alle cliënten</h1>" in html
    assert "<title>Alle cliënten" in html
    assert "Cliënten van mijn team" not in html


def test_a_team_manager_still_sees_their_team(client, manager):
    client.force_login(manager)
    html = client.get("/clienten/?team=on").content.decode()
    assert "<h1>Cliënten van mijn team</h1>" in html


def test_the_functional_administrators_start_page_links_to_what_they_manage(client):
    admin = UserFactory.create(username="fb.start", role="functional_admin", is_staff=True)
    client.force_login(admin)
    html = client.get("/").content.decode()
    for href in (
        "/admin/accounts/user/",
        "/admin/accounts/team/",
        "/admin/norms/normversion/",
        "/import/",
        "/admin/interventions/servicetype/",
        "/admin/interventions/provider/",
    ):
        assert f'href="{href}' in html or href in html, href
    assert "Wat u beheert" in html


def test_the_read_log_of_one_client_says_so_and_links_back_to_all(client, client_file):
    client.force_login(UserFactory.create(username="audit.een", role="auditor"))
    html = client.get("/inzagelog/", {"client": client_file.pk}).content.decode()
    name = escape(f"{client_file.last_name}, {client_file.first_name}")
    assert f"<h1>Inzagelog van {name}</h1>" in html
    assert f"<title>Inzagelog van {name}" in html
    assert 'href="?">Toon het inzagelog van alle cliënten</a>' in html


def test_a_search_form_asks_to_check_the_search_fields_not_to_save(client):
    client.force_login(UserFactory.create(username="audit.zoek", role="auditor"))
    html = client.get("/inzagelog/", {"bsn": "12"}).content.decode()
    assert "Controleer de zoekvelden:" in html
    assert "Niet opgeslagen" not in html
    html = client.get("/wijzigingen/", {"since": "2026-01-02", "until": "2026-01-01"}).content
    assert "Controleer de zoekvelden:" in html.decode()


def test_an_empty_notification_list_says_what_will_come(client, caseworker):
    client.force_login(caseworker)
    html = client.get("/meldingen/").content.decode()
    assert "U heeft geen meldingen. Een melding komt hier als" in html


def test_a_record_names_its_day_in_words_not_iso():
    """What the admin's messages and lists say ("… (2026-11-26)" before)."""
    signal = SignalFactory.create(raised_on=DAY)
    with translation.override("nl"):
        assert str(signal).endswith("(12 december 2026)")
        assert "2026-12-12" not in str(signal)


def test_a_report_search_that_finds_nothing_says_what_to_try(client, caseworker):
    client.force_login(caseworker)
    html = client.get("/gesprekken/zoeken/", {"q": "xyzzy"}).content.decode()
    assert "0 gesprekken gevonden." in html
    assert "Probeer minder of andere woorden." in html
