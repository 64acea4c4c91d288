"""A ceiling on how many clients one user reads in an hour, on the screens and the API alike.

Every read-log row counts (a page of 50 clients is 50). The counter lives in the cache (Redis
in production, shared by every web process) per user and clock hour. A page or export that
would take a user past the ceiling is refused with 429, and the API refuses every request once
the ceiling is reached, until the next hour; the read log keeps what they did read.
"""

import time
from typing import Any

from django.conf import settings
from django.core.cache import cache
from rest_framework.throttling import BaseThrottle

HOUR = 3600


def _key(user_id: int, now: float) -> str:
    return f"client-reads:{user_id}:{int(now // HOUR)}"


def count_reads(user_id: int, rows: int, now: float | None = None) -> None:
    key = _key(user_id, now if now is not None else time.time())
    try:  # a look less than adding 0 first, on every page but the hour's first
        cache.incr(key, rows)
    except ValueError:  # the hour's first read, or the counter was evicted
        if not cache.add(key, rows, timeout=2 * HOUR):  # another request was first
            cache.incr(key, rows)


def would_pass_the_limit(user: Any, rows: int = 0, now: float | None = None) -> bool:
    """Whether `user`, having read what they read this hour, may not be shown `rows` more
    clients (rows=0: whether they are at the ceiling already)."""
    if not getattr(user, "is_authenticated", False):
        return False
    read = cache.get(_key(user.pk, now if now is not None else time.time()), 0)
    limit = settings.CLIENT_READS_PER_HOUR
    return bool(read + rows > limit) if rows else bool(read >= limit)


def seconds_to_next_hour(now: float | None = None) -> int:
    now = now if now is not None else time.time()
    return int(HOUR - now % HOUR) + 1


class ClientReadThrottle(BaseThrottle):
    """The API side of the same ceiling (the screens check it in ReadLogMiddleware)."""

    def allow_request(self, request: Any, view: Any) -> bool:
        return not would_pass_the_limit(request.user)

    def wait(self) -> float | None:
        return seconds_to_next_hour()
