"""Writes for the participation ladder: recording a client's rung and correcting a record."""

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from clients.models import Client
from clients.rules import Errors, birth_errors, refuse
from common.events import announce_past_changed
from common.history import required_change_reason, save_with_history
from interventions.models import Conversation

from .chain import chain_rungs
from .models import RungAssessment
from .validators import LADDER_DATES

# What a correction may change; the client, who assessed and the conversation stay.
CORRECTABLE = ("rung", "assessed_on", "note")


def _check(assessment: RungAssessment) -> None:
    """Refuse `assessment` with a message per field: a known rung, a date not in the future and
    not before the client's birth, a conversation of the same client."""
    found: list[Errors] = []
    try:
        assessment.clean_fields()
    except ValidationError as error:
        found.append(error.message_dict)
    day = assessment.assessed_on
    if isinstance(day, date):
        refusal = LADDER_DATES["assessed_on"].refusal(day)
        found.append({"assessed_on": [refusal]} if refusal else {})
        found.append(birth_errors(assessment.client, {"assessed_on": day}, LADDER_DATES))
    conversation = assessment.conversation
    if conversation is not None and conversation.client_id != assessment.client_id:
        found.append({"conversation": [_("Dit gesprek hoort bij een andere cliënt.")]})
    refuse(*found)


def record_rung(
    *,
    client: Client,
    rung: int,
    assessed_on: date,
    by: User | None,
    note: str = "",
    conversation: Conversation | None = None,
    change_reason: str = "",
) -> RungAssessment:
    """Record that the client stood on `rung` on `assessed_on`, assessed by `by`; recorded in
    `conversation` when the caseworker did so in the conversation form."""
    assessment = RungAssessment(
        client=client,
        rung=rung,
        assessed_on=assessed_on,
        assessed_by=by,
        note=(note or "").strip(),
        conversation=conversation,
    )
    _check(assessment)
    why = change_reason.strip() or _("Trede op de participatieladder vastgelegd")
    with transaction.atomic():
        save_with_history(assessment, by=by, change_reason=why)
        chain_rungs([client.pk])
        announce_past_changed(assessed_on, clients=[client.pk])
    return assessment


def correct_rung(
    *, assessment: RungAssessment, changes: dict[str, Any], by: User | None, change_reason: str
) -> RungAssessment:
    """Correct the rung, date or note of a recorded assessment, with a reason. Changes that
    leave every value as it is save nothing."""
    unknown = sorted(set(changes) - set(CORRECTABLE))
    refuse({field: [_("Dit veld kan hier niet worden gewijzigd.")] for field in unknown})
    change_reason = required_change_reason(
        change_reason, missing=_("Geef een reden voor de correctie.")
    )
    with transaction.atomic():
        locked = RungAssessment.objects.select_for_update().get(pk=assessment.pk)
        changes = {f: v for f, v in changes.items() if getattr(locked, f) != v}
        if not changes:
            return locked
        assessed_before = locked.assessed_on
        for field, value in changes.items():
            setattr(locked, field, value.strip() if field == "note" else value)
        _check(locked)
        save_with_history(locked, by=by, change_reason=change_reason)
        chain_rungs([locked.client_id])
        announce_past_changed(min(assessed_before, locked.assessed_on), clients=[locked.client_id])
    return locked
