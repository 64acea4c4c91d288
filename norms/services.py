"""Writing norm versions: who made one, and the figures a change may make stale."""

from datetime import date

from django.db import transaction

from accounts.models import User
from common.events import announce_past_changed
from common.history import save_with_history

from .models import NormVersion


def save_norm_version(
    *, norm: NormVersion, effective_before: date | None, by: User, change_reason: str
) -> NormVersion:
    """Store a new or changed norm version. `effective_before` is its date before this change
    (None for a new one): the contact norm decides who counted in the month-end figures from
    either date on."""
    if norm.pk is None:
        norm.created_by = by
    with transaction.atomic():
        save_with_history(norm, by=by, change_reason=change_reason)
        announce_past_changed(min(d for d in (norm.effective_from, effective_before) if d))
    return norm
