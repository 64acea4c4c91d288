"""Writing tracked rows so that the history shows who changed them and why."""

from typing import TypeVar

from django.db import models

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
