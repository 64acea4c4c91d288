"""Conversations and contact exemptions through their services."""

import datetime
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from interventions.models import ContactExemption, Conversation
from interventions.services.conversations import log_conversation, update_conversation
from interventions.services.exemptions import record_contact_exemption

pytestmark = pytest.mark.django_db

HELD = Conversation.Status.HELD
PLANNED = Conversation.Status.PLANNED
NO_SHOW = Conversation.Status.NO_SHOW
IN_PERSON = Conversation.Channel.IN_PERSON


def today() -> datetime.date:
    return timezone.localdate()


def days(n: int) -> datetime.timedelta:
    return datetime.timedelta(days=n)


# Conversations ---------------------------------------------------------------------------


def log(client, by, **overrides: Any) -> Conversation:
    fields: dict[str, Any] = {
        "client": client,
        "held_on": today(),
        "status": HELD,
        "channel": IN_PERSON,
        "by": by,
    }
    fields.update(overrides)
    return log_conversation(**fields)


def test_held_conversation_dated_today_is_accepted(client_file, caseworker):
    conversation = log(client_file, caseworker, held_on=today())

    assert Conversation.objects.get(pk=conversation.pk).held_on == today()


def test_held_conversation_dated_tomorrow_is_refused(client_file, caseworker):
    with pytest.raises(ValidationError) as excinfo:
        log(client_file, caseworker, held_on=today() + days(1))

    assert "held_on" in excinfo.value.message_dict
    assert not Conversation.objects.exists()


def test_planned_conversation_dated_tomorrow_is_accepted(client_file, caseworker):
    conversation = log(client_file, caseworker, status=PLANNED, held_on=today() + days(1))

    assert Conversation.objects.get(pk=conversation.pk).status == PLANNED


def test_no_show_dated_tomorrow_is_refused(client_file, caseworker):
    with pytest.raises(ValidationError) as excinfo:
        log(client_file, caseworker, status=NO_SHOW, held_on=today() + days(1))

    assert "held_on" in excinfo.value.message_dict
    assert not Conversation.objects.exists()


def test_next_contact_on_the_conversation_date_is_refused(client_file, caseworker):
    held_on = datetime.date(2024, 5, 13)

    with pytest.raises(ValidationError) as excinfo:
        log(client_file, caseworker, held_on=held_on, next_contact_on=held_on)

    assert "next_contact_on" in excinfo.value.message_dict
    assert not Conversation.objects.exists()


def test_next_contact_the_day_after_the_conversation_is_accepted(client_file, caseworker):
    held_on = datetime.date(2024, 5, 13)

    conversation = log(client_file, caseworker, held_on=held_on, next_contact_on=held_on + days(1))

    assert Conversation.objects.get(pk=conversation.pk).next_contact_on == held_on + days(1)


def test_conversation_caseworker_defaults_to_the_user_who_logs_it(client_file, caseworker):
    conversation = log(client_file, caseworker)

    assert Conversation.objects.get(pk=conversation.pk).caseworker == caseworker


def test_conversation_logged_for_a_colleague_keeps_that_colleague(
    client_file, caseworker, colleague
):
    conversation = log(client_file, caseworker, caseworker=colleague)

    assert Conversation.objects.get(pk=conversation.pk).caseworker == colleague


def test_logged_conversation_has_a_history_row_with_the_user_and_the_reason(
    client_file, caseworker
):
    conversation = log(client_file, caseworker, change_reason="Jaarlijks monitoringsgesprek")

    row = conversation.history.get()
    assert row.history_type == "+"
    assert row.history_user == caseworker
    assert row.history_change_reason == "Jaarlijks monitoringsgesprek"


def test_planned_conversation_can_be_marked_held_on_its_day(client_file, caseworker):
    planned = log(client_file, caseworker, status=PLANNED, held_on=today())

    update_conversation(
        conversation=planned,
        changes={"status": HELD, "summary": "Gaat goed op het werk"},
        by=caseworker,
        change_reason="Gesprek gevoerd",
    )

    assert Conversation.objects.get(pk=planned.pk).status == HELD
    row = planned.history.latest("history_date")
    assert (row.status, row.history_user, row.history_change_reason) == (
        HELD,
        caseworker,
        "Gesprek gevoerd",
    )


def test_planned_conversation_for_tomorrow_cannot_be_marked_held(client_file, caseworker):
    planned = log(client_file, caseworker, status=PLANNED, held_on=today() + days(1))

    with pytest.raises(ValidationError) as excinfo:
        update_conversation(conversation=planned, changes={"status": HELD}, by=caseworker)

    assert "held_on" in excinfo.value.message_dict
    assert Conversation.objects.get(pk=planned.pk).status == PLANNED


def test_update_conversation_refuses_a_field_that_is_not_editable(
    client_file, caseworker, colleague
):
    conversation = log(client_file, caseworker)

    with pytest.raises(ValidationError) as excinfo:
        update_conversation(
            conversation=conversation, changes={"caseworker": colleague}, by=caseworker
        )

    assert "caseworker" in excinfo.value.message_dict


def test_update_conversation_without_a_date_is_refused_on_the_date(client_file, caseworker):
    conversation = log(client_file, caseworker)

    with pytest.raises(ValidationError) as excinfo:
        update_conversation(
            conversation=conversation,
            changes={"held_on": None, "next_contact_on": datetime.date(2024, 2, 1)},
            by=caseworker,
        )

    assert "held_on" in excinfo.value.message_dict


# Contact exemptions ----------------------------------------------------------------------


def test_contact_exemption_ending_before_it_starts_is_refused(client_file, caseworker):
    with pytest.raises(ValidationError) as excinfo:
        record_contact_exemption(
            client=client_file,
            reason=ContactExemption.Reason.MEDICAL,
            valid_from=datetime.date(2024, 6, 1),
            valid_until=datetime.date(2024, 5, 31),
            by=caseworker,
        )

    assert "valid_until" in excinfo.value.message_dict
    assert not ContactExemption.objects.exists()


def test_contact_exemption_of_a_single_day_is_accepted(client_file, caseworker):
    exemption = record_contact_exemption(
        client=client_file,
        reason=ContactExemption.Reason.MEDICAL,
        valid_from=datetime.date(2024, 6, 1),
        valid_until=datetime.date(2024, 6, 1),
        by=caseworker,
    )

    assert ContactExemption.objects.filter(pk=exemption.pk).exists()


def test_contact_exemption_has_a_history_row_with_the_user(client_file, caseworker):
    exemption = record_contact_exemption(
        client=client_file,
        reason=ContactExemption.Reason.STABLE_WORK,
        valid_from=datetime.date(2024, 6, 1),
        valid_until=datetime.date(2025, 5, 31),
        note="Vast contract, werkgever tevreden",
        by=caseworker,
    )

    row = exemption.history.get()
    assert row.history_user == caseworker
    assert row.history_change_reason == "Vast contract, werkgever tevreden"
