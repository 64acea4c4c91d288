import datetime

import pytest

from tests.factories import CaseworkerFactory, ClientFactory, TeamFactory, UserFactory


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix, tmp_path_factory):
    """On SQLite the test database is a file, not Django's in-memory default: a Celery worker
    started by a test (tests/signals/test_celery_worker.py) must open the same database.

    The file lives in this run's own temporary folder, so two runs side by side (or xdist
    workers, each with its own folder) never share or delete each other's database.
    """
    from django.conf import settings

    for alias, db_settings in settings.DATABASES.items():
        if db_settings["ENGINE"] == "django.db.backends.sqlite3":
            test_settings = db_settings.setdefault("TEST", {})
            test_settings["NAME"] = str(tmp_path_factory.mktemp("db") / f"test_{alias}.sqlite3")


@pytest.fixture(scope="session", autouse=True)
def plain_http():
    """Tests run with DEBUG off, as production does, but over plain HTTP: no redirect to TLS.

    Session-wide and before any server starts: the live server's middleware reads it once.
    """
    from django.conf import settings

    settings.SECURE_SSL_REDIRECT = False


@pytest.fixture(autouse=True)
def no_read_ceiling(settings):
    """The hourly ceiling of clients read counts per user id across tests in the shared cache;
    tests/audit/test_bulk_reading.py tests it with a cache of its own."""
    settings.CLIENT_READS_PER_HOUR = 10**9


@pytest.fixture(autouse=True)
def no_second_factor(settings):
    """Tests run with DEBUG off, where a second factor is required; tests/access/test_mfa.py
    turns it on again. Everywhere else a signed-in test user needs no code."""
    settings.MFA_REQUIRED = False


@pytest.fixture(autouse=True)
def no_dashboard_cache(settings):
    """The dashboard's cached counts outlive a test's database in a shared Redis;
    tests/reports/test_today_figures.py turns the cache on with a cache of its own."""
    settings.DASHBOARD_CACHE_SECONDS = 0


@pytest.fixture
def own_cache(settings):
    """An empty cache of this test's own, for a test that counts or keeps in it: another
    test, or another xdist worker on the shared Redis, then cannot reach it."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def no_user_cache(settings):
    """Roles, teams and unread counts kept by user id would outlive a test's database in a
    shared Redis; the tests of those caches turn them on with a cache of their own."""
    settings.USER_CACHE_SECONDS = 0


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Tests make many users; the production hasher costs about 0.3 s per password."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def team(db):
    return TeamFactory(name="Team Utrecht 1")


@pytest.fixture
def caseworker(team):
    return CaseworkerFactory(username="ad.jansen", team=team)


@pytest.fixture
def manager(team):
    user = UserFactory(username="tm.devries", role="team_manager", team=team)
    team.manager = user
    team.save()
    return user


@pytest.fixture
def client_file(team, caseworker):
    """A client in `team` whose fixed contact person is `caseworker`."""
    return ClientFactory(
        team=team, caseworker=caseworker, in_service_since=datetime.date(2015, 1, 1)
    )


@pytest.fixture
def colleague(team):
    """A second caseworker in `team`, to hand clients over to."""
    return CaseworkerFactory(username="aid.bakker", function="aid", team=team)


@pytest.fixture(autouse=True)
def reference_data(request):
    """Transactional tests (live server, Celery worker) start from flushed tables: put back the
    rows migrations create (role groups with their permissions, the default norm version)."""
    marker = request.node.get_closest_marker("django_db")
    if marker and marker.kwargs.get("transaction"):
        request.getfixturevalue("transactional_db")
        ensure_reference_data()


def ensure_reference_data() -> None:
    from django.contrib.auth.models import Group

    from accounts.permissions import sync_role_permissions
    from accounts.roles import Role
    from norms.models import NormVersion

    for role in Role:
        Group.objects.get_or_create(name=role.value)
    sync_role_permissions()
    NormVersion.objects.get_or_create(effective_from=datetime.date(2018, 1, 1))


@pytest.fixture(autouse=True)
def reads_from_the_primary(request, settings):
    """With DATABASE_REPLICA_URL set, the replica alias of a test database is a second
    connection to it (TEST MIRROR), which cannot see a test's uncommitted rows. Only the tests
    marked `replica` route reads there; all others read the primary, as without a replica."""
    if "replica" in settings.DATABASES and not request.node.get_closest_marker("replica"):
        settings.DATABASE_ROUTERS = []


def _today_is(monkeypatch, day: datetime.date) -> datetime.date:
    """`timezone.localdate()` gives `day` for the rest of the test (when it is not today)."""
    from django.utils import timezone

    real = timezone.localdate
    if day != real():
        monkeypatch.setattr(
            "django.utils.timezone.localdate",
            lambda value=None, timezone=None: day if value is None else real(value, timezone),
        )
    return day


@pytest.fixture
def mid_month(monkeypatch) -> datetime.date:
    """Today, or in a month's first days the 15th of the month before: for tests whose counts
    differ then (a write dated a few days back lands before the last month-end, and marks the
    stored figures out of date)."""
    from django.utils import timezone

    today = timezone.localdate()
    if today.day <= 5:
        today = (today.replace(day=1) - datetime.timedelta(days=1)).replace(day=15)
    return _today_is(monkeypatch, today)


@pytest.fixture
def on_a_month_end(monkeypatch) -> datetime.date:
    """Today as the last month-end on or before it: for tests of what a page counts when
    today's figures are also a month-end's (the trend's last point is today)."""
    from django.utils import timezone

    from common.dates import months_back

    return _today_is(monkeypatch, months_back(timezone.localdate(), 1)[0])
