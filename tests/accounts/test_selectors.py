"""`User.objects.caseworkers()`: the one selector for the caseworkers of a set of teams."""

import pytest

from accounts.models import Membership, Team, User
from tests.factories import CaseworkerFactory, TeamFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_the_caseworkers_of_some_teams_are_active_members_once_each_by_name():
    north, south, east = (TeamFactory.create(name=f"Team {n}") for n in ("N", "Z", "O"))
    both = CaseworkerFactory.create(username="both", last_name="Bakker", team=north)
    Membership.objects.create(user=both, team=south)
    only_south = CaseworkerFactory.create(username="south", last_name="Aalders", team=south)
    CaseworkerFactory.create(username="east", team=east)
    CaseworkerFactory.create(username="gone", team=north, is_active=False)
    UserFactory.create(username="manager", role="team_manager", team=north)

    caseworkers = User.objects.caseworkers(teams=Team.objects.filter(pk__in=[north.pk, south.pk]))

    assert list(caseworkers) == [only_south, both]


def test_without_teams_every_active_caseworker():
    worker = CaseworkerFactory.create(username="worker")
    CaseworkerFactory.create(username="gone", is_active=False)
    UserFactory.create(username="auditor", role="auditor")

    assert list(User.objects.caseworkers()) == [worker]
