"""Secret calendar addresses: made, found and revoked. The secret is shown once, when made;
the database keeps only its SHA-256 digest, so a copy of the database opens no feed."""

import hashlib
import secrets

from django.db import transaction
from django.utils import timezone

from accounts.models import User

from .models import CalendarFeed


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def create_calendar_feed(*, user: User) -> str:
    """A new secret for `user`'s feed; the previous address stops working."""
    secret = secrets.token_urlsafe(32)
    with transaction.atomic():
        revoke_calendar_feed(user=user)
        CalendarFeed.objects.create(user=user, digest=_digest(secret))
    return secret


def revoke_calendar_feed(*, user: User) -> int:
    """End `user`'s feed address (if any); returns how many were ended."""
    with transaction.atomic():
        return CalendarFeed.objects.filter(user=user, revoked_at__isnull=True).update(
            revoked_at=timezone.now()
        )


def active_calendar_feed(user: User) -> CalendarFeed | None:
    return CalendarFeed.objects.filter(user=user, revoked_at__isnull=True).first()


def feed_owner(secret: str) -> User | None:
    """The active user whose live feed has this secret, noting when it was read; else None."""
    if not secret or len(secret) > 100:
        return None
    feed = (
        CalendarFeed.objects.select_related("user")
        .filter(digest=_digest(secret), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if feed is None:
        return None
    CalendarFeed.objects.filter(pk=feed.pk).update(last_read_at=timezone.now())
    return feed.user
