"""What the work services share: checking a row's fields before the domain rules, and
announcing a write to the apps that derive from it."""

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.formats import date_format

from clients.models import Client
from clients.rules import birth_errors
from common.events import Fact, announce_client_changed, announce_past_changed
from common.plausible import Plausible

Errors = dict[str, list[str]]


def field_errors(obj: models.Model) -> None:
    """Refuse `obj` for a field that is wrong on its own (missing, not a choice, too long), with
    Django's message per field, before the rules that combine fields read them."""
    obj.clean_fields()


def before_birth(
    client: Client, record: models.Model, rules: dict[str, Plausible], written: Iterable[str]
) -> Errors:
    """The dates of `record` this write sets (`written`, those with a rule) that lie before
    the client's birth, each with a message naming the date. A date left as it was is not
    checked again: a later correction of the birth date does not block other corrections."""
    dates = {name: getattr(record, name) for name in written if name in rules}
    return birth_errors(client, dates, rules)


def merge(errors: Errors, *found: Errors) -> Errors:
    """`errors` with the fields `found` names that it does not name yet."""
    for part in found:
        for field, messages in part.items():
            errors.setdefault(field, messages)
    return errors


def refuse(errors: Errors) -> None:
    if errors:
        raise ValidationError(errors)


def day(value: date) -> str:
    """A date as a message shows it: 3 februari 2026."""
    return date_format(value, "j F Y")


def earliest(*days: date | None) -> date:
    return min(d for d in days if d is not None)


def announce_work(*, client_id: int, since: date, by: Any, change_reason: str) -> None:
    """Figures counted for `since` and later may be wrong now, and the client's work changed:
    call inside the writing transaction."""
    announce_past_changed(since, clients=[client_id])
    announce_client_changed(client_id=client_id, fact=Fact.WORK, by=by, change_reason=change_reason)
