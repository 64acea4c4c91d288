"""Django's Redis cache, with one Redis client per server for the life of the process; and
generations: numbers in the cache that a write moves on, so that what was kept under the old
number is no longer found.

Django's own builds a new `redis.Redis` for every operation, and a page does several: its
constructor copies a table of some 800 reply handlers, which cost more than the round trip
to Redis. A `redis.Redis` may be shared between threads: it takes a connection from its pool
for each command.
"""

import time
from typing import Any

from django.core.cache import cache
from django.core.cache.backends.redis import RedisCache, RedisCacheClient


class _SharedClients(RedisCacheClient):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._clients: dict[int, Any] = {}

    def get_client(self, key: Any = None, *, write: bool = False) -> Any:
        django: Any = self  # the stubs do not know the client's private parts
        pool = django._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients.setdefault(id(pool), django._client(connection_pool=pool))
        return client


class SharedClientRedisCache(RedisCache):
    def __init__(self, server: str, params: dict[str, Any]) -> None:
        super().__init__(server, params)
        self._class = _SharedClients


def move_generation_on(key: str) -> None:
    """After a write: whatever was kept under the generation `key` is not found again."""
    try:
        cache.incr(key)
    except ValueError:  # never started, or evicted: any new value differs from the past
        cache.set(key, time.time_ns(), timeout=None)


def started_generation(key: str) -> int:
    """The generation `key`, which the cache did not hold: a new one, or the one another
    request started first."""
    value = time.time_ns()
    if cache.add(key, value, timeout=None):
        return value
    return int(cache.get(key, value))
