"""The project runs on the database and broker the environment names, for real."""

import os

from django.conf import settings
from django.core.cache import cache, caches
from django.db import connection
from kombu import Connection

from tests.processes import settings_under
from wajong.celery import app as celery_app


def test_database_is_the_one_configured():
    expected = (
        "postgresql" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "sqlite"
    )
    assert connection.vendor == expected


def test_broker_accepts_a_message_and_gives_it_back():
    """A round trip through the configured broker: Redis in CI, the filesystem transport locally."""
    with Connection(
        celery_app.conf.broker_url, transport_options=celery_app.conf.broker_transport_options
    ) as conn:
        queue = conn.SimpleQueue(f"ci-smoke-{os.getpid()}")
        queue.put({"hello": "wajong"})
        message = queue.get(timeout=5)
        assert message.payload == {"hello": "wajong"}
        message.ack()
        queue.close()


def test_ci_runs_on_postgresql_and_redis_and_the_cache_works():
    if os.environ.get("REQUIRE_SERVICES"):  # set by .ci/run: these must be real, never skipped
        assert connection.vendor == "postgresql"
        assert settings.REDIS_URL.startswith("redis://")
    cache.set("ci-smoke", "ok", 10)
    assert cache.get("ci-smoke") == "ok"


def test_the_redis_cache_shares_one_client_per_server():
    """Building a Redis client per operation cost more than the operation (common.cache);
    building one needs no server, using it does."""
    from common.cache import SharedClientRedisCache

    backend = SharedClientRedisCache("redis://127.0.0.1:6379/0", {})._cache
    assert backend.get_client() is backend.get_client(write=True)
    if settings.REDIS_URL:
        assert isinstance(caches["default"], SharedClientRedisCache)
        cache.set("shared-client", [1, 2], 10)
        assert cache.get("shared-client") == [1, 2]


def test_deployments_sharing_a_redis_never_meet_in_it():
    """Acceptance beside production on one Redis: each deployment's cache keys and Celery
    queues start with the name of the database it serves, unless REDIS_KEY_PREFIX says
    otherwise. Processes of one deployment agree however they write its address."""
    keys = "[s.CACHES['default']['KEY_PREFIX'], s.CELERY_BROKER_TRANSPORT_OPTIONS]"
    redis = "redis://127.0.0.1:6379/0"

    def prefixes(database_url: str, **env: str) -> tuple[str, str]:
        found = settings_under(keys, DATABASE_URL=database_url, REDIS_URL=redis, **env)
        return found[0], found[1]["global_keyprefix"]

    assert prefixes("postgres://app@db:5432/wajong") == ("wajong", "wajong:")
    assert prefixes("postgres://app@10.0.0.5/wajong") == ("wajong", "wajong:")
    assert prefixes("postgres://app@db:5432/wajong_acceptatie")[0] == "wajong_acceptatie"
    named = prefixes("postgres://app@db:5432/wajong", REDIS_KEY_PREFIX="wajong-acceptatie")
    assert named == ("wajong-acceptatie", "wajong-acceptatie:")


def test_anonymous_visitor_gets_the_login_page(client, db):
    response = client.get("/", follow=True)
    assert response.redirect_chain[-1][0].startswith("/login/")
    assert "Inloggen" in response.content.decode()


def test_a_caseworker_starts_on_their_work_queue(client, caseworker):
    client.force_login(caseworker)
    response = client.get("/", follow=True)
    assert response.redirect_chain[-1][0] == "/werk/"
    assert "Mijn werkvoorraad" in response.content.decode()


def test_a_user_without_a_role_gets_the_start_page(client, db):
    from tests.factories import UserFactory

    client.force_login(UserFactory.create(username="nobody"))
    response = client.get("/")
    assert "geen rol" in response.content.decode()


def test_pages_are_dutch_even_for_an_english_browser(client, db):
    response = client.get("/login/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert "Inloggen" in response.content.decode()
    assert response.headers["Content-Language"] == "nl"


def test_the_language_switch_gives_english(client, db):
    client.post("/i18n/setlang/", {"language": "en", "next": "/login/"})
    response = client.get("/login/")
    assert "Log in" in response.content.decode()


def test_date_fields_render_iso_dates_the_browser_accepts():
    import datetime

    from common.widgets import DatePicker

    html = DatePicker().render("day", datetime.date(2026, 11, 24))
    assert 'type="date"' in html
    assert 'value="2026-11-24"' in html


def test_make_test_sets_up_chromium_before_the_tests():
    import subprocess

    steps = subprocess.run(
        ["make", "-n", "test"], capture_output=True, text=True, check=True
    ).stdout
    assert "chromium" in steps and steps.index("chromium") < steps.index("pytest")


def test_without_root_or_apt_make_browser_names_the_command_at_once(tmp_path):
    import shutil
    import subprocess

    (tmp_path / "id").symlink_to(shutil.which("id") or "/usr/bin/id")  # no apt-get on PATH
    result = subprocess.run(
        [shutil.which("make") or "/usr/bin/make", "browser", "CHROMIUM=/nonexistent/chromium"],
        capture_output=True,
        text=True,
        env={"PATH": str(tmp_path)},
    )

    assert result.returncode != 0
    assert "sudo apt-get install chromium" in result.stderr


def test_messages_fixed_at_start_up_follow_the_language_of_each_request(client, db):
    """Texts set when a module loads are translated per request, not frozen in the language of
    whoever came first."""
    from tests.api_client import api_as
    from tests.factories import CaseworkerFactory, TeamFactory

    caseworker = CaseworkerFactory.create(username="ad.taal", team=TeamFactory.create())
    api = api_as(caseworker)

    dutch = api.post("/api/v1/teams/", {"name": "X"}, format="json").json()["detail"]
    api.cookies["django_language"] = "en"
    english = api.post("/api/v1/teams/", {"name": "X"}, format="json").json()["detail"]

    assert dutch == "Alleen een functioneel beheerder mag teams toevoegen."
    assert english == "Only a functional administrator may add teams."


def test_the_drill_down_export_heads_its_columns_in_the_users_language(client, db):
    from tests.factories import UserFactory

    manager = UserFactory.create(username="tm.taal", role="team_manager")
    client.force_login(manager)
    client.cookies["django_language"] = "en"

    response = client.get("/dashboard/clienten/?export=csv")
    text = (b"".join(response) if response.streaming else response.content).decode("utf-8-sig")

    assert "Regular contact person" in text.splitlines()[0]


def test_the_dashboard_names_its_pages_and_charts_in_the_users_language(client, db):
    from tests.factories import UserFactory

    client.force_login(UserFactory.create(username="tm.pagina", role="team_manager"))
    client.cookies["django_language"] = "en"

    html = client.get("/dashboard/").content.decode()

    for title in ("Overview", "Conversations per phase", "Phase transitions", "Production"):
        assert f">{title}</a>" in html
    assert "Share spoken (%)" in html
