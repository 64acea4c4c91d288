"""A user's roles and teams are kept between requests, and no change of them outlives its own
commit: each test reads them as a new request would (a fresh user object), writes, and reads
them again."""

import pytest
from django.contrib.auth.models import Group, update_last_login
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import Membership, User
from accounts.roles import Role
from accounts.selectors import roles_of, team_ids_of
from accounts.services import set_role_and_teams
from tests.factories import TeamFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def kept(settings):
    """The staff cache on, in a cache of this test's own."""
    settings.STAFF_CACHE_SECONDS = 3600
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "staff-cache-test",
        }
    }
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """The write commits: a test's transaction never does, so run what waits for it."""
    return django_capture_on_commit_callbacks


def as_a_request(user: User) -> tuple[list[Role], list[int]]:
    """The roles and teams a new request of `user` sees."""
    fresh = User.objects.get(pk=user.pk)
    return roles_of(fresh), team_ids_of(fresh)


@pytest.fixture
def worker(team):
    return UserFactory.create(username="ad.kept", role=Role.CASEWORKER, team=team)


def test_a_second_request_reads_roles_and_teams_from_the_cache(worker, team):
    first = as_a_request(worker)
    fresh = User.objects.get(pk=worker.pk)

    with CaptureQueriesContext(connection) as second:
        assert (roles_of(fresh), team_ids_of(fresh)) == first

    assert first == ([Role.CASEWORKER], [team.pk])
    assert len(second) == 0


def test_a_role_taken_away_holds_no_longer_than_its_commit(worker, team, committed):
    as_a_request(worker)

    with committed(execute=True):
        set_role_and_teams(user=worker, role=None, teams=[], by=None, change_reason="Uit dienst")

    assert as_a_request(worker) == ([], [])


def test_a_role_removed_by_hand_or_with_its_group_holds_no_longer(worker, team, committed):
    second = UserFactory.create(username="ad.tweede", role=Role.CASEWORKER, team=team)
    as_a_request(worker), as_a_request(second)

    with committed(execute=True):
        worker.groups.clear()
    with committed(execute=True):
        Group.objects.get(name=Role.CASEWORKER.value).delete()

    assert as_a_request(worker)[0] == [] and as_a_request(second)[0] == []


def test_leaving_a_team_or_its_management_holds_no_longer(worker, team, committed):
    other = TeamFactory.create(name="Team Elders", manager=worker)
    assert as_a_request(worker)[1] == sorted([team.pk, other.pk])

    with committed(execute=True):
        Membership.objects.get(user=worker, team=team).delete()
        other.manager = None
        other.save()

    assert as_a_request(worker)[1] == []


def test_a_sign_in_keeps_what_is_kept(worker, committed):
    as_a_request(worker)

    with committed(execute=True):
        update_last_login(User, worker)
    with CaptureQueriesContext(connection) as after_sign_in:
        as_a_request(worker)

    assert len(after_sign_in) == 1  # the user itself, as on every request


def test_without_a_shared_cache_every_request_reads_them(worker, settings):
    settings.STAFF_CACHE_SECONDS = 0
    as_a_request(worker)

    with CaptureQueriesContext(connection) as again:
        as_a_request(worker)

    assert len(again) == 3


def test_a_change_shows_at_once_in_its_own_transaction(worker, team):
    """Before the commit the cache still holds the old roles; the user changed sees the new."""
    as_a_request(worker)

    set_role_and_teams(
        user=worker, role=Role.TEAM_MANAGER, teams=[team], by=None, change_reason="Bevorderd"
    )

    assert roles_of(worker) == [Role.TEAM_MANAGER]
    assert as_a_request(worker)[0] == [Role.CASEWORKER]  # other requests: once it commits
