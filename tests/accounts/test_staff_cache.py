"""A user's roles and teams are kept between requests, and no change of them outlives its own
commit: each test reads them as a new request would (a fresh user object), writes, and reads
them again."""

import pytest
from django.contrib.auth.models import Group, update_last_login
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from accounts.models import Membership, User
from accounts.roles import Role
from accounts.selectors import roles_of, team_ids_of
from accounts.services import set_role_and_teams
from tests.commits import RolledBack, committing
from tests.factories import TeamFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def kept(settings, own_cache):
    """The staff cache on, in a cache of this test's own."""
    settings.USER_CACHE_SECONDS = 3600


def as_a_request(user: User) -> tuple[list[Role], list[int]]:
    """The roles and teams a new request of `user` sees."""
    fresh = User.objects.get(pk=user.pk)
    return roles_of(fresh), team_ids_of(fresh)


@pytest.fixture
def worker(team):
    with committing():
        return UserFactory.create(username="ad.kept", role=Role.CASEWORKER, team=team)


def test_a_second_request_reads_roles_and_teams_from_the_cache(worker, team):
    first = as_a_request(worker)
    fresh = User.objects.get(pk=worker.pk)

    with CaptureQueriesContext(connection) as second:
        assert (roles_of(fresh), team_ids_of(fresh)) == first

    assert first == ([Role.CASEWORKER], [team.pk])
    assert len(second) == 0


def test_a_role_taken_away_holds_no_longer_than_its_commit(worker, team):
    as_a_request(worker)

    with committing():
        set_role_and_teams(user=worker, role=None, teams=[], by=None, change_reason="Uit dienst")

    assert as_a_request(worker) == ([], [])


def _take_the_role(worker, team, other):
    worker.groups.clear()


def _delete_the_group(worker, team, other):
    Group.objects.get(name=Role.CASEWORKER.value).delete()


def _leave_the_team(worker, team, other):
    Membership.objects.get(user=worker, team=team).delete()


def _join_another_team(worker, team, other):
    worker.teams.add(other)


def _stop_managing(worker, team, other):
    other.manager = None
    other.save()


@pytest.mark.parametrize(
    ("write", "seen"),
    [
        (_take_the_role, ([], ["team"])),
        (_delete_the_group, ([], ["team"])),
        (_leave_the_team, ([Role.CASEWORKER], [])),
        (_join_another_team, ([Role.CASEWORKER], ["team", "other"])),
        (_stop_managing, ([Role.CASEWORKER], ["team"])),
    ],
    ids=["role taken", "group deleted", "team left", "team joined", "management ended"],
)
def test_each_change_of_roles_or_teams_holds_no_longer_than_its_commit(worker, team, write, seen):
    """Each kind of write on its own: the first bump would hide a missing second one."""
    with committing():
        other = TeamFactory.create(
            name="Team Elders", manager=worker if write is _stop_managing else None
        )
    as_a_request(worker)

    with committing():
        write(worker, team, other)

    roles, team_names = seen
    ids = {"team": team.pk, "other": other.pk}
    assert as_a_request(worker) == (roles, sorted(ids[name] for name in team_names))


def test_a_sign_in_keeps_what_is_kept(worker):
    as_a_request(worker)

    with committing():
        update_last_login(User, worker)
    with CaptureQueriesContext(connection) as after_sign_in:
        as_a_request(worker)

    assert len(after_sign_in) == 1  # the user itself, as on every request


def test_without_a_shared_cache_every_request_reads_them(worker, settings):
    settings.USER_CACHE_SECONDS = 0
    as_a_request(worker)

    with CaptureQueriesContext(connection) as again:
        as_a_request(worker)

    assert len(again) == 3


def test_a_change_shows_at_once_in_its_own_transaction_and_a_rollback_keeps_nothing(worker, team):
    """The transaction that changes a role reads past the cache: what it sees may roll back."""
    as_a_request(worker)

    with pytest.raises(RolledBack), transaction.atomic():
        set_role_and_teams(
            user=worker, role=Role.TEAM_MANAGER, teams=[team], by=None, change_reason="Bevorderd"
        )
        assert roles_of(worker) == [Role.TEAM_MANAGER]
        assert as_a_request(worker)[0] == [Role.TEAM_MANAGER]
        raise RolledBack

    assert as_a_request(worker)[0] == [Role.CASEWORKER]
