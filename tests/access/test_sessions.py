"""Sessions: a 12-hour absolute lifetime, and a user sees and ends their other sessions."""

import datetime
import time

import pytest
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.test import Client
from django.utils import timezone

from access.models import UserSession
from access.sessions import LOGIN_AT
from common.middleware import SEEN
from tests.factories import CaseworkerFactory

pytestmark = pytest.mark.django_db
PASSWORD = "correct-horse-battery"
FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0"
CHROME = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/141.0 Safari/537.36"


def sign_in(user, *, agent: str = FIREFOX, address: str = "10.1.2.3") -> Client:
    browser = Client(HTTP_USER_AGENT=agent, REMOTE_ADDR=address)
    response = browser.post("/login/", {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302
    return browser


def signed_in(browser: Client) -> bool:
    return browser.get("/clienten/").status_code == 200


def age_login(browser: Client, seconds: float) -> None:
    session = browser.session
    session[LOGIN_AT] = int(time.time() - seconds)
    session[SEEN] = int(time.time())  # active all along: only the absolute lifetime counts
    session.save()


def test_a_session_ends_twelve_hours_after_the_login_however_active(caseworker):
    assert settings.SESSION_MAX_AGE == 12 * 60 * 60
    browser = sign_in(caseworker)
    age_login(browser, 12 * 60 * 60 + 1)

    response = browser.get("/clienten/")

    assert response.status_code == 302 and response["Location"].startswith("/login/")
    assert SESSION_KEY not in browser.session
    assert not UserSession.objects.exists()


def test_a_session_just_inside_twelve_hours_goes_on(caseworker):
    browser = sign_in(caseworker)
    age_login(browser, 12 * 60 * 60 - 5)

    assert signed_in(browser)


def test_an_api_request_on_an_expired_session_is_refused(caseworker):
    browser = sign_in(caseworker)
    age_login(browser, 12 * 60 * 60 + 1)

    assert browser.get("/api/v1/signals/").status_code == 401


def test_the_login_records_where_and_since_when(caseworker):
    before = timezone.now()
    browser = sign_in(caseworker, agent=CHROME, address="192.0.2.10")

    row = UserSession.objects.get()
    assert (row.user, row.user_agent, row.ip) == (caseworker, CHROME, "192.0.2.10")
    assert row.session_key == browser.session.session_key
    assert before <= row.created == row.last_seen <= timezone.now()


def test_last_seen_moves_on_with_activity(caseworker):
    browser = sign_in(caseworker)
    session = browser.session
    session[SEEN] = int(time.time()) - 61
    session.save()
    UserSession.objects.update(last_seen=timezone.now() - datetime.timedelta(minutes=5))

    browser.get("/clienten/")

    assert timezone.now() - UserSession.objects.get().last_seen < datetime.timedelta(seconds=5)


def test_signing_out_removes_the_session_from_the_list(caseworker):
    browser = sign_in(caseworker)

    browser.post("/logout/")

    assert not UserSession.objects.exists()


def test_my_sessions_lists_each_browser_with_its_address_and_marks_this_one(caseworker):
    sign_in(caseworker, agent=CHROME, address="192.0.2.10")
    browser = sign_in(caseworker, agent=FIREFOX, address="198.51.100.7")
    sign_in(
        CaseworkerFactory.create(username="ad.ander", team=caseworker.teams.get()),
        agent="Opera/9.80 Ander",
        address="203.0.113.5",
    )

    page = browser.get("/account/sessies/").content.decode()

    assert "Mijn sessies" in page
    assert CHROME in page and "192.0.2.10" in page
    assert FIREFOX in page and "198.51.100.7" in page
    assert "Opera/9.80 Ander" not in page and "203.0.113.5" not in page
    assert page.count("deze sessie") == 1
    assert "Andere sessies beëindigen" in page


def test_ending_the_other_sessions_signs_them_out_and_keeps_this_one(caseworker):
    other = sign_in(caseworker, agent=CHROME)
    colleague = CaseworkerFactory.create(username="ad.ander", team=caseworker.teams.get())
    colleagues_browser = sign_in(colleague)
    browser = sign_in(caseworker)

    response = browser.post("/account/sessies/beeindigen/", follow=True)

    assert "1 andere sessie beëindigd" in response.content.decode()
    assert not signed_in(other)
    assert signed_in(browser) and signed_in(colleagues_browser)
    assert set(UserSession.objects.values_list("user__username", flat=True)) == {
        caseworker.username,
        colleague.username,
    }


@pytest.mark.parametrize("engine", ["cache", "cached_db"])
def test_ending_sessions_works_with_sessions_in_the_cache(caseworker, settings, engine):
    settings.SESSION_ENGINE = f"django.contrib.sessions.backends.{engine}"
    other = sign_in(caseworker, agent=CHROME)
    browser = sign_in(caseworker)

    browser.post("/account/sessies/beeindigen/")

    assert not signed_in(other)
    assert signed_in(browser)


def test_the_nightly_housekeeping_forgets_sessions_that_ran_out(caseworker):
    from access.tasks import clear_expired_access

    for _ in range(3):
        sign_in(caseworker)
    idle, old, live = UserSession.objects.order_by("pk")
    idle.last_seen = timezone.now() - datetime.timedelta(minutes=31)
    idle.save()
    old.created = timezone.now() - datetime.timedelta(hours=12, minutes=1)
    old.save()

    clear_expired_access()

    assert list(UserSession.objects.all()) == [live]


def test_behind_the_proxy_a_session_shows_the_address_the_proxy_added(settings, caseworker):
    settings.BEHIND_TLS_PROXY = True
    browser = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 192.0.2.44")
    browser.post("/login/", {"username": caseworker.username, "password": PASSWORD})

    assert UserSession.objects.get(user=caseworker).ip == "192.0.2.44"


def test_with_redis_a_page_reads_its_session_from_the_cache_not_the_database(caseworker):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    browser = sign_in(caseworker)
    with CaptureQueriesContext(connection) as queries:
        assert signed_in(browser)

    read_session = any('"django_session"' in q["sql"] for q in queries.captured_queries)
    assert read_session == (settings.SESSION_ENGINE == "django.contrib.sessions.backends.db")
    if settings.CACHES["default"]["BACKEND"].endswith("RedisCache"):
        assert settings.SESSION_ENGINE == "django.contrib.sessions.backends.cached_db"
