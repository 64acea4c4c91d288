"""Dated team periods: in which team a client was when, kept in step with `Client.team`."""

import datetime
import importlib

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.utils import timezone

from accounts.models import Membership
from clients.models import Client, Regime, TeamAssignment
from clients.services import create_client, move_to_team, update_client
from tests.factories import CaseworkerFactory, ClientFactory, TeamFactory

pytestmark = pytest.mark.django_db
D = datetime.date


def periods(client: Client) -> list[tuple[int, datetime.date, datetime.date | None]]:
    return list(
        TeamAssignment.objects.filter(client=client)
        .order_by("started_on", "id")
        .values_list("team_id", "started_on", "ended_on")
    )


@pytest.fixture
def other_team(caseworker):
    team = TeamFactory.create(name="Team Zwolle 1")
    Membership.objects.create(user=caseworker, team=team)
    return team


def test_create_client_opens_a_team_period_from_the_day_in_service(team, caseworker):
    client = create_client(
        bsn="111222333",
        first_name="Sanne",
        last_name="de Boer",
        date_of_birth=D(1998, 3, 14),
        regime=Regime.WAJONG2010,
        in_service_since=D(2016, 9, 1),
        team=team,
        by=caseworker,
    )

    assert periods(client) == [(team.pk, D(2016, 9, 1), None)]


def test_changing_the_team_ends_the_period_today_and_opens_one_today(
    client_file, caseworker, team, other_team
):
    today = timezone.localdate()

    update_client(
        client=client_file,
        expected_version=client_file.version,
        changes={"team": other_team},
        by=caseworker,
        change_reason="Verhuisd",
    )

    assert periods(client_file) == [(team.pk, D(2015, 1, 1), today), (other_team.pk, today, None)]
    new = TeamAssignment.objects.get(client=client_file, ended_on__isnull=True)
    assert new.history.get().history_change_reason == "Verhuisd"


def test_a_move_on_a_past_day_splits_the_period_on_that_day(
    client_file, caseworker, team, other_team
):
    move_to_team(client=client_file, team=other_team, on=D(2023, 4, 1), by=caseworker)

    assert periods(client_file) == [
        (team.pk, D(2015, 1, 1), D(2023, 4, 1)),
        (other_team.pk, D(2023, 4, 1), None),
    ]
    row = Client.objects.get(pk=client_file.pk)
    assert (row.team, row.version) == (other_team, client_file.version)


def test_a_move_before_the_current_period_started_is_refused(client_file, caseworker, other_team):
    with pytest.raises(ValidationError) as excinfo:
        move_to_team(client=client_file, team=other_team, on=D(2014, 12, 31), by=caseworker)

    assert "on" in excinfo.value.message_dict
    assert len(periods(client_file)) == 1


def test_a_move_dated_tomorrow_is_refused(client_file, caseworker, other_team):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)

    with pytest.raises(ValidationError):
        move_to_team(client=client_file, team=other_team, on=tomorrow, by=caseworker)

    assert Client.objects.get(pk=client_file.pk).team_id != other_team.pk


def test_a_move_to_the_same_team_is_refused(client_file, caseworker, team):
    with pytest.raises(ValidationError) as excinfo:
        move_to_team(client=client_file, team=team, on=D(2023, 1, 1), by=caseworker)

    assert "team" in excinfo.value.message_dict


def test_a_move_to_a_team_the_caseworker_is_not_in_is_refused(client_file, caseworker):
    stranger = TeamFactory.create(name="Team Elders")

    with pytest.raises(ValidationError) as excinfo:
        move_to_team(client=client_file, team=stranger, on=D(2023, 1, 1), by=caseworker)

    assert "caseworker" in excinfo.value.message_dict
    assert len(periods(client_file)) == 1


def test_changing_the_team_of_a_client_not_yet_in_service_changes_its_first_period(
    caseworker, team, other_team
):
    later = timezone.localdate() + datetime.timedelta(days=30)
    client = ClientFactory.create(team=team, in_service_since=later)

    update_client(
        client=client, expected_version=client.version, changes={"team": other_team}, by=caseworker
    )

    assert periods(client) == [(other_team.pk, later, None)]


def test_the_migration_gives_every_client_one_period_with_its_current_team(team):
    worker = CaseworkerFactory.create(team=team)
    clients = ClientFactory.create_batch(3, team=team, caseworker=worker)
    TeamAssignment.objects.all().delete()
    migration = importlib.import_module("clients.migrations.0008_team_periods_from_clients")

    migration.first_team_periods(apps, None)

    for client in clients:
        assert periods(client) == [(team.pk, client.in_service_since, None)]
    assert TeamAssignment.history.filter(client_id=clients[0].pk).count() >= 1
