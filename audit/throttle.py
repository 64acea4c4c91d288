"""A ceiling on how many clients one user reads in an hour, on the screens and the API alike.

Every read-log row counts (a page of 50 clients is 50). The counter lives in the cache (Redis
in production, shared by every web process) per user and clock hour. A user over the ceiling is
refused with 429 until the next hour; the read log keeps what they did read.
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
    cache.add(key, 0, timeout=2 * HOUR)
    cache.incr(key, rows)


def over_the_limit(user: Any, now: float | None = None) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    read = cache.get(_key(user.pk, now if now is not None else time.time()), 0)
    return bool(read >= settings.CLIENT_READS_PER_HOUR)


def seconds_to_next_hour(now: float | None = None) -> int:
    now = now if now is not None else time.time()
    return int(HOUR - now % HOUR) + 1


class ClientReadThrottle(BaseThrottle):
    """The API side of the same ceiling (the screens check it in ReadLogMiddleware)."""

    def allow_request(self, request: Any, view: Any) -> bool:
        return not over_the_limit(request.user)

    def wait(self) -> float | None:
        return seconds_to_next_hour()
