"""Hardening: login lockout, idle sessions, strong passwords, CSP, deploy checks, the admin
for staff roles only, and no BSN in log lines."""

import logging
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from common.logging import RedactBsn
from common.middleware import SEEN
from tests.factories import CaseworkerFactory, UserFactory

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[1]
PASSWORD = "correct-horse-battery"


def attempt(client, username, password):
    return client.post("/login/", {"username": username, "password": password})


def test_five_failed_logins_lock_the_account_for_that_address(client, caseworker):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert attempt(client, caseworker.username, "fout").status_code == 200
    assert attempt(client, caseworker.username, "fout").status_code == 429  # the fifth

    response = attempt(client, caseworker.username, PASSWORD)  # the right one, too late

    assert response.status_code == 429
    assert "Tijdelijk geblokkeerd" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_good_login_before_the_limit_resets_the_count(client, caseworker):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        attempt(client, caseworker.username, "fout")
    assert attempt(client, caseworker.username, PASSWORD).status_code == 302
    client.logout()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        attempt(client, caseworker.username, "fout")
    assert attempt(client, caseworker.username, PASSWORD).status_code == 302


def test_sessions_end_after_thirty_idle_minutes(client, caseworker):
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert attempt(client, caseworker.username, PASSWORD).status_code == 302
    session = client.session
    assert 0 <= time.time() - session[SEEN] < 5  # the idle clock starts at the login
    assert session.get_expiry_age() == 30 * 60


def test_an_active_session_is_kept_alive_once_a_minute(client, caseworker):
    client.force_login(caseworker)
    session = client.session
    session[SEEN] = int(time.time()) - 61
    session.save()

    client.get("/clienten/")

    assert time.time() - client.session[SEEN] < 5


def test_an_expired_session_is_signed_out(client, caseworker):
    from django.contrib.sessions.models import Session
    from django.utils import timezone

    client.force_login(caseworker)
    session = client.session
    session.set_expiry(-1)  # through the store: with Redis the session is read from the cache
    session.save()
    assert not Session.objects.filter(expire_date__gt=timezone.now()).exists()

    response = client.get("/clienten/")

    assert response.status_code == 302 and response.url.startswith("/login/")


def test_passwords_need_twelve_characters_and_may_not_be_common():
    with pytest.raises(ValidationError):
        validate_password("Kort-1234")
    with pytest.raises(ValidationError):
        validate_password("password1234")
    validate_password("lang-en-eigen-zinnetje")


def test_pages_carry_a_policy_without_inline_scripts(client, caseworker):
    client.force_login(caseworker)
    policy = client.get("/clienten/")["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
    assert directives["script-src"] == "'self'"
    assert "unsafe-inline" not in policy
    assert directives["frame-ancestors"] == "'none'"


def test_the_admin_is_for_functional_administrators_only(client):
    staff_caseworker = CaseworkerFactory.create(username="ad.staf", is_staff=True)
    client.force_login(staff_caseworker)
    assert client.get("/admin/").status_code == 302  # to the admin's login

    client.force_login(UserFactory.create(username="fb", role="functional_admin", is_staff=True))
    assert client.get("/admin/").status_code == 200


def test_log_lines_never_hold_a_bsn():
    record = logging.LogRecord(
        "django.request",
        logging.WARNING,
        __file__,
        1,
        "Not Found: %s",
        ("/clienten/?q=123456782",),
        None,
    )
    RedactBsn().filter(record)
    assert record.getMessage() == "Not Found: /clienten/?q=*********"


def test_the_deploy_check_is_clean_with_production_settings(tmp_path):
    env = {
        **os.environ,
        "DEBUG": "false",
        "SECRET_KEY": "x" * 20 + "-production-secret-that-is-long-and-random-k3y",
        "ALLOWED_HOSTS": "wajong.uwv.example",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }
    env.pop("REDIS_URL", None)
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_the_healthcheck_answers_over_plain_http_without_data(client, settings):
    response = client.get("/healthz/")
    assert (response.status_code, response.content) == (200, b"ok")
    assert settings.SECURE_REDIRECT_EXEMPT == [r"^healthz/$"]  # not sent to HTTPS
