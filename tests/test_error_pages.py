"""Every refusal a person can meet (400, 403, 404, 405, 429, 500) is a page in the site's layout
and the user's language with a way back; the same status under /api/ is JSON. Run with DEBUG
off, as production is (tests/conftest.py), so Django's own debug pages never answer."""

import re

import pytest
from django.test import Client as Browser
from django.test import override_settings

from tests.api_client import api_as
from tests.factories import ClientFactory, TrajectoryFactory, UserFactory

pytestmark = pytest.mark.django_db

# The title and the way back each error page shows, per language.
TITLES = {
    "nl": {
        400: "Dit verzoek klopt niet",
        403: "Geen toegang",
        404: "Pagina niet gevonden",
        405: "Dit kan zo niet",
        429: "Even rustig aan",
        500: "Er ging iets mis",
    },
    "en": {
        400: "This request is not right",
        403: "No access",
        404: "Page not found",
        405: "This cannot be done this way",
        429: "Slow down",
        500: "Something went wrong",
    },
}
WAY_BACK = {"nl": "Naar de startpagina", "en": "To the start page"}


def assert_error_page(response, status: int, language: str = "nl") -> str:
    assert response.status_code == status
    assert response["Content-Type"].startswith("text/html")
    html = response.content.decode()
    title = re.search(r"<title>(.*?)</title>", html, re.S)
    assert title and title.group(1).strip().startswith(TITLES[language][status]), html[:500]
    assert f'<a href="/">{WAY_BACK[language]}</a>' in html
    assert "Traceback" not in html and "Django" not in html  # no debug page
    return html


def assert_json_error(response, status: int) -> None:
    assert response.status_code == status
    assert response["Content-Type"] == "application/json"
    assert response.json()["detail"]


@pytest.fixture
def auditor(db):
    return UserFactory.create(username="au.smit", role="auditor")


@pytest.fixture
def speaks(client):
    def choose(language: str) -> Browser:
        client.cookies["django_language"] = language
        return client

    return choose


# 400 ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["nl", "en"])
def test_400_a_bad_selection_is_a_page(speaks, manager, language):
    browser = speaks(language)
    browser.force_login(manager)

    assert_error_page(browser.get("/dashboard/clienten/?phase=9"), 400, language)


def test_400_under_the_api_is_json(caseworker):
    response = api_as(caseworker).post(
        "/api/v1/conversations/", "{", content_type="application/json"
    )

    assert_json_error(response, 400)


# 403 ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["nl", "en"])
def test_403_the_auditor_writing_to_a_file_gets_a_page_with_a_way_back(
    speaks, auditor, client_file, language
):
    browser = speaks(language)
    browser.force_login(auditor)

    assert_error_page(browser.post(f"/clienten/{client_file.pk}/gesprek/", {}), 403, language)


def test_403_the_auditor_opening_the_handover_gets_a_page(client, auditor):
    client.force_login(auditor)

    html = assert_error_page(client.get("/clienten/overdracht/"), 403)

    assert "functioneel beheerder" in html  # whom to ask


def test_403_under_the_api_is_json(auditor, client_file):
    response = api_as(auditor).post(
        "/api/v1/conversations/", {"client": client_file.pk}, format="json"
    )

    assert_json_error(response, 403)


# 404 ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("path", ["/dashboard/bestaat-niet/", "/rapportages/bestaat-niet/"])
def test_404_an_unknown_report_page_is_our_page(speaks, manager, path, language):
    browser = speaks(language)
    browser.force_login(manager)

    assert_error_page(browser.get(path), 404, language)


def test_404_under_the_api_is_json(caseworker):
    assert_json_error(api_as(caseworker).get("/api/v1/bestaat-niet/"), 404)


# 405 ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["nl", "en"])
def test_405_reloading_a_trajectory_action_is_a_page(speaks, caseworker, client_file, language):
    trajectory = TrajectoryFactory.create(client=client_file)
    browser = speaks(language)
    browser.force_login(caseworker)

    response = browser.get(f"/clienten/{client_file.pk}/trajecten/{trajectory.pk}/pauzeren/")

    assert_error_page(response, 405, language)
    assert response["Allow"] == "POST"


def test_405_reloading_a_work_queue_action_is_a_page(client, caseworker):
    client.force_login(caseworker)

    assert_error_page(client.get("/werk/signaal/1/terzijde/"), 405)


def test_405_under_the_api_is_json(caseworker):
    response = api_as(caseworker).delete("/api/v1/clients/")

    assert_json_error(response, 405)
    assert "Allow" in response


# 429 ---------------------------------------------------------------------------------------


@pytest.fixture
def low_ceiling(settings, own_cache, team, caseworker):
    settings.CLIENT_READS_PER_HOUR = 1
    ClientFactory.create_batch(2, team=team, caseworker=caseworker)


@pytest.mark.parametrize("language", ["nl", "en"])
def test_429_too_many_clients_read_is_a_page(speaks, caseworker, low_ceiling, language):
    browser = speaks(language)
    browser.force_login(caseworker)

    response = browser.get("/clienten/")

    assert_error_page(response, 429, language)
    assert int(response["Retry-After"]) > 0


def test_429_under_the_api_is_json(caseworker, low_ceiling):
    response = api_as(caseworker).get("/api/v1/clients/")

    assert_json_error(response, 429)
    assert "Retry-After" in response


# 500 ---------------------------------------------------------------------------------------


@override_settings(ROOT_URLCONF="tests.test_failure")  # with /kapot/ and /api/kapot/ that fail
@pytest.mark.parametrize("language", ["nl", "en"])
def test_500_is_a_page_and_json_under_the_api(caseworker, language):
    browser = Browser(raise_request_exception=False)
    browser.force_login(caseworker)
    browser.cookies["django_language"] = language

    html = assert_error_page(browser.get("/kapot/"), 500, language)
    assert_json_error(browser.get("/api/kapot/"), 500)

    assert "boom" not in html


# The API's documentation is a page for people -----------------------------------------------


def test_the_api_docs_send_a_signed_out_browser_to_the_login(client):
    response = client.get("/api/docs/")

    assert response.status_code == 302
    assert response["Location"] == "/login/?next=/api/docs/"
