"""How the application fails (ASVS level 2, "Failure"): clear answers, never a hang or a crash."""

import os
import threading
from unittest import mock

import pytest
from django.db import OperationalError, connection, connections
from django.test import override_settings
from django.urls import path

from clients.models import Client
from tests.api_client import api_as
from wajong import urls as site_urls

pytestmark = pytest.mark.django_db


def test_the_health_check_answers_503_when_the_database_is_down(client):
    # The database going away is outside the system: its connection is replaced by one that
    # cannot connect.
    with mock.patch("common.views.connection") as down:
        down.cursor.side_effect = OperationalError("connection refused")
        response = client.get("/healthz/")

    assert response.status_code == 503
    assert response.content == b"database unavailable"


@pytest.mark.parametrize(
    "language, text", [("nl", "Pagina niet gevonden"), ("en", "Page not found")]
)
def test_an_unknown_page_is_a_page_of_the_site(client, caseworker, language, text):
    client.force_login(caseworker)
    client.cookies["django_language"] = language

    response = client.get("/dashboard/bestaat-niet/")

    assert response.status_code == 404
    html = response.content.decode()
    assert text in html and 'class="site-header"' in html and 'href="/"' in html


def test_a_forbidden_page_says_so_in_the_layout_with_a_way_back(client, caseworker):
    client.force_login(caseworker)

    response = client.get("/inzagelog/")

    assert response.status_code == 403
    assert "Geen toegang" in response.content.decode()
    assert 'href="/"' in response.content.decode()


def test_reloading_a_button_address_is_a_page_not_an_empty_405(client, caseworker, client_file):
    client.force_login(caseworker)

    response = client.get(f"/clienten/{client_file.pk}/bsn/")

    assert response.status_code == 405
    assert response["Allow"] == "POST"
    assert "via een knop" in response.content.decode()


def test_a_plain_refusal_keeps_its_message_inside_the_layout(client, manager):
    client.force_login(manager)

    response = client.get("/dashboard/clienten/?phase=9")

    assert response.status_code == 400
    html = response.content.decode()
    assert "Ongeldige selectie" in html and 'class="site-header"' in html


@pytest.mark.parametrize("path", ["/api/v1/bestaat-niet/", "/api/v1/clients/abc/"])
def test_errors_under_the_api_are_json(caseworker, path):
    response = api_as(caseworker).get(path)

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json()["detail"]


def broken(request):
    raise RuntimeError("boom")


urlpatterns = [path("kapot/", broken), path("api/kapot/", broken), *site_urls.urlpatterns]
handler500 = "common.views.server_error"  # as in wajong/urls.py


@override_settings(ROOT_URLCONF="tests.test_failure")
def test_a_server_error_is_a_page_that_needs_no_database(caseworker):
    from django.test import Client as TestClient

    browser = TestClient(raise_request_exception=False)
    browser.force_login(caseworker)
    with mock.patch("django.template.context_processors.csrf", side_effect=AssertionError):
        page = browser.get("/kapot/")
        api = browser.get("/api/kapot/")

    assert page.status_code == 500 and "Er ging iets mis" in page.content.decode()
    assert api.status_code == 500 and api.json()["detail"]


def test_a_failed_csrf_check_explains_itself(caseworker, client_file):
    from django.test import Client as TestClient

    browser = TestClient(enforce_csrf_checks=True)
    browser.force_login(caseworker)

    response = browser.post(f"/clienten/{client_file.pk}/bsn/")

    assert response.status_code == 403
    assert "Het formulier was verlopen" in response.content.decode()


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks with a timeout")
def test_a_row_held_by_someone_else_is_a_try_again_not_a_hang(client, caseworker, client_file):
    client.force_login(caseworker)
    holding, release = threading.Event(), threading.Event()

    def colleague_saving():
        other = connections.create_connection("default")
        try:
            with other.cursor() as cursor:
                cursor.execute("BEGIN")
                cursor.execute(
                    "SELECT 1 FROM clients_client WHERE id = %s FOR UPDATE", [client_file.pk]
                )
                holding.set()
                release.wait(10)
                cursor.execute("ROLLBACK")
        finally:
            other.close()

    colleague = threading.Thread(target=colleague_saving)
    colleague.start()
    holding.wait(5)
    with connection.cursor() as cursor:
        cursor.execute("SET lock_timeout = '300ms'")
    try:
        response = client.post(
            f"/clienten/{client_file.pk}/fase/",
            {
                "phase": "2",
                "started_on": "2024-01-01",
                "reason": "Test",
                "version": client_file.version,
            },
        )
    finally:
        release.set()
        colleague.join()

    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert "probeer het over een paar seconden opnieuw" in response.content.decode()
    assert Client.objects.get(pk=client_file.pk).version == client_file.version


def test_web_processes_on_postgresql_get_lock_and_statement_timeouts():
    import subprocess
    import sys

    show = "from django.conf import settings; print(settings.DATABASES['default']['OPTIONS'])"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "wajong.settings",
        "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/wajong",
    }
    web = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {show}"],
        env={**env, "DB_REQUEST_TIMEOUTS": "true"},
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    job = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {show}"],
        env={k: v for k, v in env.items() if k != "DB_REQUEST_TIMEOUTS"},
        capture_output=True,
        text=True,
        check=True,
    ).stdout

    assert "lock_timeout=5000" in web and "statement_timeout=30000" in web
    assert "lock_timeout" not in job


def test_the_production_web_server_turns_the_request_timeouts_on():
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k != "DB_REQUEST_TIMEOUTS"}
    shown = subprocess.run(
        [
            sys.executable,
            "-c",
            "import os, runpy; runpy.run_path('gunicorn.conf.py');"
            " print(os.environ['DB_REQUEST_TIMEOUTS'])",
        ],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout

    assert shown.strip() == "true"
