"""Writing tracked rows so that the history shows who changed them and why."""

from datetime import date
from typing import TypeVar

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.formats import date_format
from django.utils.translation import gettext as _

M = TypeVar("M", bound=models.Model)

# The why of a change as a web form, the admin or the API (X-Change-Reason) takes it.
CHANGE_REASON_MAX_LENGTH = 2000


def save_with_history(obj: M, *, by: models.Model | None, change_reason: str = "") -> M:
    """Validate and save `obj`; its history row records `by` as the user and `change_reason`
    as why."""
    obj.full_clean()
    obj._history_user = by  # type: ignore[attr-defined]
    obj._change_reason = change_reason  # type: ignore[attr-defined]
    obj.save()
    return obj


def required_change_reason(change_reason: str, *, missing: str) -> str:
    """A why that a change cannot do without, trimmed; refused on `change_reason` with the
    message `missing` when empty, and when longer than the history keeps."""
    change_reason = change_reason.strip()
    if not change_reason:
        raise ValidationError({"change_reason": missing})
    if len(change_reason) > CHANGE_REASON_MAX_LENGTH:
        raise ValidationError(
            {
                "change_reason": _(
                    "Een reden heeft hoogstens %(limit)d tekens (deze heeft er %(length)d)."
                )
                % {"limit": CHANGE_REASON_MAX_LENGTH, "length": len(change_reason)}
            }
        )
    return change_reason


def end_earlier(
    obj: M, *, end_field: str, on: date, by: models.Model | None, change_reason: str
) -> M:
    """Lock `obj`'s row and move the last day of its period (`end_field`) back to `on`: not
    before its first day (`valid_from`), and earlier than the last day it has now. A refusal
    names `end_field`. Call it inside a transaction; returns the locked, changed row."""
    locked = type(obj)._default_manager.select_for_update().get(pk=obj.pk)
    starts, ends = locked.valid_from, getattr(locked, end_field)  # type: ignore[attr-defined]
    if on < starts:
        message = _("De nieuwe einddatum ligt vóór de ingangsdatum (%(date)s).")
        raise ValidationError({end_field: message % {"date": date_format(starts, "j F Y")}})
    if on >= ends:
        message = _("Eerder beëindigen: kies een datum vóór de huidige einddatum (%(date)s).")
        raise ValidationError({end_field: message % {"date": date_format(ends, "j F Y")}})
    setattr(locked, end_field, on)
    return save_with_history(locked, by=by, change_reason=change_reason)
