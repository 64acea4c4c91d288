"""Django's Redis cache, with one Redis client per server for the life of the process; and
generations: numbers in the cache that a write moves on, so that what was kept under the old
number is no longer found, such as the values kept per user (`KeptPerUser`).

Django's own builds a new `redis.Redis` for every operation, and a page does several: its
constructor copies a table of some 800 reply handlers, which cost more than the round trip
to Redis. A `redis.Redis` may be shared between threads: it takes a connection from its pool
for each command.
"""

import time
from collections.abc import Callable
from typing import Any, TypeVar, cast

from django.core.cache import cache
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from django.db import connection, transaction

from .replica import reads_to_keep


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


Value = TypeVar("Value")


class KeptPerUser:
    """Values per user (their roles, their unread count) kept in the cache under one
    generation, which every write of what they are read from moves on once it has committed.

    A transaction that wrote reads past the cache until it ends: it sees what others do not
    yet, and may roll back. `seconds()` of 0 keeps nothing (no shared cache)."""

    def __init__(
        self, name: str, *, seconds: Callable[[], int], then: Callable[[], object] = lambda: None
    ) -> None:
        self.name = name
        self.generation_key = f"{name}:generation"
        self.seconds = seconds

        def bump() -> None:
            move_generation_on(self.generation_key)
            then()

        self._bump = bump  # one function, so a transaction can tell it registered it already

    def get(self, user_id: int, load: Callable[[], Value]) -> Value:
        """`load()`, or what it gave for `user_id` under the present generation."""
        seconds = self.seconds()
        if not seconds or self.written_here():
            return load()
        key = f"{self.name}:{user_id}"
        found = cache.get_many([self.generation_key, key])
        generation = found.get(self.generation_key) or started_generation(self.generation_key)
        kept = found.get(key)
        if kept is not None and kept[0] == generation:
            return cast(Value, kept[1])
        # Read after the generation: a write committing in between moves the generation on, so
        # what is read now is never kept beyond it.
        with reads_to_keep():
            value = load()
        cache.set(key, (generation, value), timeout=seconds)
        return value

    def written(self) -> None:
        """Once the present transaction commits, everything kept is read again. Robust:
        should the cache fail, the commit's other callbacks still run (what is kept then
        lasts `seconds()`)."""
        if not self.written_here():
            transaction.on_commit(self._bump, robust=True)

    def written_here(self) -> bool:
        """Whether the present transaction wrote (its bump waits for the commit)."""
        # Each entry is (savepoints, callback, robust).
        return any(entry[1] is self._bump for entry in connection.run_on_commit)
