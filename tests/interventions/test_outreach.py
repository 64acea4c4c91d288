"""Planning an outreach: one planned conversation with each of many clients, with the life
cycle's rule of one plan per client, set-based and with a history row for each write."""

import datetime
from typing import Any
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from interventions.models import Conversation
from interventions.services.outreach import plan_outreach
from tests.factories import ClientFactory, ConversationFactory

pytestmark = pytest.mark.django_db

PLANNED = Conversation.Status.PLANNED
day = datetime.timedelta(days=1)


def today() -> datetime.date:
    return timezone.localdate()


@pytest.fixture
def clients(team, caseworker):
    return [
        ClientFactory.create(team=team, caseworker=caseworker, last_name=name)
        for name in ("Aalders", "Boersma", "Claassen")
    ]


def plan(client, caseworker, on) -> Conversation:
    return ConversationFactory.create(
        client=client, caseworker=caseworker, held_on=on, status=PLANNED, summary=""
    )


def outreach(clients, by, on=None, **changes):
    fields: dict[str, Any] = {
        "on": on or today() + 7 * day,
        "kind": "monitoring",
        "channel": "phone",
    }
    fields.update(changes)
    return plan_outreach(clients=clients, by=by, **fields)


def plans_of(client) -> list[datetime.date]:
    return sorted(client.conversations.filter(status=PLANNED).values_list("held_on", flat=True))


def test_each_client_gets_one_planned_conversation_held_by_the_planner(clients, caseworker):
    on = today() + 7 * day

    done = outreach(clients, caseworker, on, kind="coaching", channel="video")

    assert done.planned == clients and done.booked == [] and done.inactive == []
    made = Conversation.objects.filter(client__in=clients)
    assert made.count() == 3
    assert set(made.values_list("status", "held_on", "kind", "channel", "caseworker")) == {
        (PLANNED, on, "coaching", "video", caseworker.pk)
    }


def test_every_new_plan_has_a_history_row_with_who_and_why(clients, caseworker):
    outreach(clients, caseworker)

    history = Conversation.history.filter(client_id__in=[c.pk for c in clients])
    assert history.count() == 3
    assert set(history.values_list("history_type", "history_user", "history_change_reason")) == {
        ("+", caseworker.pk, "Gesprek gepland voor een groep cliënten")
    }


def test_a_client_with_a_plan_on_or_after_the_day_is_skipped(clients, caseworker):
    on = today() + 7 * day
    plan(clients[0], caseworker, on)
    plan(clients[1], caseworker, on + 30 * day)

    done = outreach(clients, caseworker, on)

    assert done.booked == clients[:2] and done.planned == [clients[2]]
    assert plans_of(clients[0]) == [on]
    assert plans_of(clients[1]) == [on + 30 * day]


def test_a_client_with_an_earlier_plan_still_to_come_is_skipped_too(clients, caseworker):
    """One plan per client: a conversation planned today or before the day stands; the client
    is spoken sooner than the outreach would."""
    plan(clients[0], caseworker, today())
    plan(clients[1], caseworker, today() + 2 * day)

    done = outreach(clients, caseworker, today() + 7 * day)

    assert done.booked == clients[:2]
    assert plans_of(clients[0]) == [today()]
    assert plans_of(clients[1]) == [today() + 2 * day]


def test_a_missed_plan_is_moved_to_the_day_and_the_history_keeps_the_old_one(clients, caseworker):
    on = today() + 7 * day
    missed = plan(clients[0], caseworker, today() - 3 * day)
    older = plan(clients[0], caseworker, today() - 40 * day)

    done = outreach(clients, caseworker, on, kind="coaching", channel="in_person")

    assert done.moved == [clients[0]] and clients[0] in done.planned
    older.refresh_from_db()
    missed.refresh_from_db()
    assert (older.held_on, older.kind, older.channel) == (on, "coaching", "in_person")
    assert missed.held_on == today() - 3 * day  # only the earliest moves, as planning does
    changes = older.history.order_by("history_id")
    assert [h.held_on for h in changes] == [today() - 40 * day, on]
    assert changes.last().history_user_id == caseworker.pk
    assert changes.last().history_type == "~"
    assert Conversation.objects.filter(client=clients[0]).count() == 2  # none added


def test_a_client_not_in_service_on_the_day_is_skipped(clients, caseworker):
    on = today() + 7 * day
    clients[0].out_of_service_on = on
    clients[0].save()
    clients[1].capacity_decisions.update(outcome="lasting_none")

    done = outreach(clients, caseworker, on)

    assert done.inactive == clients[:2] and done.planned == [clients[2]]
    assert plans_of(clients[0]) == [] and plans_of(clients[1]) == []


def test_a_client_leaving_service_after_the_day_is_planned(clients, caseworker):
    on = today() + 7 * day
    clients[0].out_of_service_on = on + day
    clients[0].save()

    assert outreach(clients, caseworker, on).planned == clients


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"kind": "chat"}, "kind"),
        ({"channel": "pigeon"}, "channel"),
    ],
)
def test_an_unknown_kind_or_channel_is_refused(clients, caseworker, changes, field):
    with pytest.raises(ValidationError) as refused:
        outreach(clients, caseworker, **changes)

    assert field in refused.value.message_dict
    assert not Conversation.objects.exists()


def test_a_day_in_the_past_is_refused_today_is_not(clients, caseworker):
    with pytest.raises(ValidationError) as refused:
        outreach(clients, caseworker, today() - day)
    assert refused.value.message_dict["on"] == ["Plan een gesprek op vandaag of later."]
    assert not Conversation.objects.exists()

    assert len(outreach(clients, caseworker, today()).planned) == 3


def test_a_day_more_than_two_years_ahead_is_refused(clients, caseworker):
    with pytest.raises(ValidationError) as refused:
        outreach(clients, caseworker, today() + 2 * 366 * day + day)

    assert "on" in refused.value.message_dict
    assert not Conversation.objects.exists()


def test_no_clients_is_refused(caseworker):
    with pytest.raises(ValidationError) as refused:
        outreach([], caseworker)

    assert "clients" in refused.value.message_dict


def test_a_failure_half_way_plans_nothing(clients, caseworker):
    plan(clients[0], caseworker, today() - 3 * day)  # to be moved first
    with (
        mock.patch(
            "interventions.services.outreach.bulk_create_with_history",
            side_effect=RuntimeError("a later step failed"),
        ),
        pytest.raises(RuntimeError),
    ):
        outreach(clients, caseworker)

    assert plans_of(clients[0]) == [today() - 3 * day]
    assert Conversation.objects.count() == 1
    assert Conversation.history.count() == 1  # the factory's own


@pytest.mark.usefixtures("mid_month")
def test_the_queries_do_not_grow_with_the_clients(team, caseworker):
    few = [ClientFactory.create(team=team) for _ in range(3)]
    many = [ClientFactory.create(team=team) for _ in range(30)]
    for client in (few[0], many[0]):
        plan(client, caseworker, today() - 3 * day)  # one missed plan to move in each
    outreach(few[1:2], caseworker)  # the first call fills caches (content types)

    with CaptureQueriesContext(connection) as three:
        outreach(few, caseworker)
    with CaptureQueriesContext(connection) as thirty:
        outreach(many, caseworker)

    assert len(three) == len(thirty)
