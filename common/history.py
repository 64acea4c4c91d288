"""Writing tracked rows so that the history shows who changed them and why."""

from typing import TypeVar

from django.db import models

M = TypeVar("M", bound=models.Model)

# The why of a change as a web form, the admin or the API (X-Change-Reason) takes it.
CHANGE_REASON_MAX_LENGTH = 2000


def save_with_history(obj: M, *, by: models.Model | None, reason: str = "") -> M:
    """Validate and save `obj`; its history row records `by` as the user and `reason`."""
    obj.full_clean()
    obj._history_user = by  # type: ignore[attr-defined]
    obj._change_reason = reason  # type: ignore[attr-defined]
    obj.save()
    return obj
