"""Every page's title is translated: shown in English, no word of its Dutch title is left
(other than names and the words both languages share)."""

import html
import re

import pytest

from reports.registry import PAGES
from tests.factories import ClientFactory, UserFactory

pytestmark = pytest.mark.django_db

# Words a title may hold in both languages: names of people and teams, and words English shares.
SAME_IN_BOTH = {
    "Wajong",
    "per",
    "Agenda",
    "Dashboard",
    "Team",
    "Utrecht",
    "1",
    "Sanne",
    "Visser",
    "Ad",
    "Jansen",
}


def title(client, url: str, language: str) -> str:
    client.cookies["django_language"] = language
    response = client.get(url)
    assert response.status_code in (200, 403, 404, 405), (url, response.status_code)
    found = re.search(r"<title>(.*?)</title>", response.content.decode(), re.S)
    assert found, url
    return " ".join(html.unescape(found.group(1)).split())


def words(text: str) -> set[str]:
    return set(re.findall(r"[\w']+", text)) - SAME_IN_BOTH


def assert_translated(client, urls: list[str]) -> None:
    left = {}
    for url in urls:
        dutch, english = title(client, url, "nl"), title(client, url, "en")
        if words(dutch) & words(english):
            left[url] = (dutch, english)
    assert left == {}


@pytest.fixture
def people(team):
    caseworker = UserFactory.create(
        username="ad.jansen", first_name="Ad", last_name="Jansen", role="caseworker", team=team
    )
    manager = UserFactory.create(username="tm", role="team_manager", team=team)
    team.manager = manager
    team.save()
    client_file = ClientFactory.create(
        team=team, caseworker=caseworker, first_name="Sanne", last_name="Visser"
    )
    return caseworker, manager, client_file


def test_the_caseworkers_page_titles_are_translated(client, people):
    caseworker, _manager, client_file = people
    pk = client_file.pk
    client.force_login(caseworker)

    assert_translated(
        client,
        [
            "/werk/",
            "/agenda/",
            "/clienten/",
            "/clienten/?team=on",
            f"/clienten/{pk}/",
            f"/clienten/{pk}/historie/",
            f"/clienten/{pk}/werkplan/",
            f"/clienten/{pk}/trajecten/",
            f"/clienten/{pk}/vrijstellingen/",
            f"/clienten/{pk}/fase/",
            f"/clienten/{pk}/contactgegevens/",
            "/gesprekken/zoeken/",
            "/meldingen/",
            "/account/sessies/",
            "/account/wachtwoord/",
            "/account/verificatie/instellen/",
            "/inzagelog/",  # 403
            "/bestaat-niet/",  # 404
            f"/clienten/{pk}/bsn/",  # 405
        ],
    )


def test_the_managers_page_titles_are_translated(client, people):
    caseworker, manager, _client_file = people
    client.force_login(manager)
    dashboards = [f"/dashboard/{page.slug}/" if page.slug else "/dashboard/" for page in PAGES]

    assert_translated(
        client,
        [
            *dashboards,
            "/dashboard/clienten/",
            "/clienten/overdracht/",
            f"/werk/?caseworker={caseworker.pk}",
        ],
    )


def test_the_auditors_and_administrators_page_titles_are_translated(client, people):
    client.force_login(UserFactory.create(username="au", role="auditor"))
    assert_translated(client, ["/inzagelog/", "/wijzigingen/", "/clienten/"])

    client.force_login(UserFactory.create(username="fb", role="functional_admin", is_staff=True))
    assert_translated(client, ["/", "/clienten/import/", "/admin/", "/admin/accounts/user/"])


def test_the_login_page_title_is_translated(client, db):
    assert_translated(client, ["/login/"])


def test_a_title_left_in_dutch_is_found(client, people):
    """The check itself: a title the same in both languages, beyond the shared words, fails."""
    caseworker, _manager, client_file = people
    client.force_login(caseworker)

    dutch = title(client, f"/clienten/{client_file.pk}/werkplan/", "nl")

    assert words(dutch) == {"Werkplan", "van", "dossier"}
