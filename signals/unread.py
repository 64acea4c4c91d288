"""The header's count of unread notifications, kept per user between requests: every page a
user opens shows it, and it changes a few times a day. Every write of notifications has it
counted again once it commits: the nightly digests, marking read, and a notification saved or
deleted one by one (the admin)."""

from typing import Any

from django.conf import settings

from common.cache import KeptPerUser

_unread = KeptPerUser("signals:unread", seconds=lambda: settings.USER_CACHE_SECONDS)
kept_unread = _unread.get


def notifications_written() -> None:
    """For a write that sends no model signals (a bulk insert, an update)."""
    _unread.written()


def on_notification_write(sender: Any, **kwargs: Any) -> None:
    notifications_written()
