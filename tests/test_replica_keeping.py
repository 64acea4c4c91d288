"""What the cache keeps is never read from a replica that lags (common/replica.py:
reads_to_keep), decided without a replica: where it stands is faked here.

tests/production/test_replica.py checks the same against a real streaming replica, whose
replay it pauses.
"""

from dataclasses import dataclass

import pytest
from django.utils import timezone

from clients.models import Client
from common.cache import KeptPerUser
from common.replica import REPLICA, read_alias, reads_from_replica, reads_to_keep
from reports.kept_sections import kept_section
from reports.today_cache import per_team
from tests.test_replica_router import router


@dataclass
class FakeReplica:
    caught_up: bool = True
    asked: int = 0


@pytest.fixture
def replica(monkeypatch) -> FakeReplica:
    """A configured replica, caught up with the primary or behind it."""
    fake = FakeReplica()

    def caught_up() -> bool:
        fake.asked += 1
        return fake.caught_up

    monkeypatch.setattr("common.replica._replica_routed", lambda: True)
    monkeypatch.setattr("common.replica.replica_caught_up", caught_up)
    return fake


def test_a_read_to_keep_waits_for_a_replica_that_is_behind_by_reading_the_primary(replica):
    replica.caught_up = False
    with reads_from_replica():
        with reads_to_keep():
            assert read_alias(Client) == "default"
        assert read_alias(Client) == REPLICA  # what is not kept may lag a moment
    replica.caught_up = True
    with reads_from_replica(), reads_to_keep():
        assert read_alias(Client) == REPLICA


def test_a_read_to_keep_asks_the_replica_nothing_where_the_primary_answers_anyway(replica):
    with reads_to_keep():  # no report: the primary
        assert read_alias(Client) == "default"
    with reads_from_replica():
        router.db_for_write(Client)  # read your own write: the primary from now on
        with reads_to_keep():
            assert read_alias(Client) == "default"
    assert replica.asked == 0


def test_a_value_kept_per_user_is_read_where_a_read_to_keep_may_read(replica, own_cache):
    replica.caught_up = False
    kept = KeptPerUser("test:replica", seconds=lambda: 60)
    with reads_from_replica():
        assert kept.get(1, lambda: read_alias(Client)) == "default"
    assert replica.asked == 1


@pytest.mark.django_db
def test_a_team_figure_kept_for_today_is_counted_where_a_read_to_keep_may_read(
    replica, own_cache, settings, team
):
    settings.DASHBOARD_CACHE_SECONDS = 600
    replica.caught_up = False
    with reads_from_replica():
        counted = per_team(
            "test-replica:1",
            [team.pk],
            timezone.localdate(),
            lambda teams: {team: read_alias(Client) for team in teams},
            empty=str,
        )
    assert counted == {team.pk: "default"}
    assert replica.asked == 1


@pytest.mark.django_db
def test_the_dashboards_kept_sections_are_drawn_where_a_read_to_keep_may_read(
    replica, own_cache, settings, client, manager, client_file, monkeypatch
):
    settings.DASHBOARD_CACHE_SECONDS = 600
    drawn_from: list[str] = []

    def drawing(report, period, render):
        def recording():
            drawn_from.append(read_alias(Client))
            return render()

        return kept_section(report, period, recording)

    monkeypatch.setattr("reports.views.kept_section", drawing)
    client.force_login(manager)
    replica.caught_up = False

    assert client.get("/dashboard/").status_code == 200

    assert drawn_from and set(drawn_from) == {"default"}


def test_a_write_while_the_replica_is_behind_still_sends_the_rest_of_the_request_to_the_primary(
    replica,
):
    replica.caught_up = False
    with reads_from_replica():
        with reads_to_keep():
            router.db_for_write(Client)
        assert read_alias(Client) == "default"  # read your own write
