import datetime

import pytest

from tests.factories import ClientFactory, PhasePeriodFactory, UserFactory

from .pins import World


@pytest.fixture(autouse=True)
def active_once(monkeypatch):
    """A signed-in session is marked active at most once a minute (common.middleware): the
    warm-up request does it, and a slow test must not have it done again in a counted one."""
    monkeypatch.setattr("common.middleware.TOUCH_EVERY_SECONDS", 24 * 60 * 60)


@pytest.fixture(autouse=True)
def lists_built(settings):
    """The pins count what building a list costs: a caseworker's list kept in the cache
    (clients.stamps) costs less when nothing changed, as tests/clients/test_stamps.py pins."""
    settings.STAMPED_CACHE_SECONDS = 0


@pytest.fixture
def world(team, caseworker, manager, admin_user) -> World:
    client = ClientFactory.create(team=team, caseworker=caseworker)
    PhasePeriodFactory.create(client=client, phase="2", started_on=datetime.date(2020, 1, 1))
    return World(
        team=team,
        caseworker=caseworker,
        manager=manager,
        auditor=UserFactory.create(username="auditor", role="auditor"),
        admin=admin_user,
        client=client,
    )
