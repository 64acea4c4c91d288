"""A user's roles and teams, kept in the cache under the staff generation: every request needs
them, and they change a few times a year.

Every write that could change them (a role given or taken, a team joined or left, a team's
manager, a group renamed or deleted; and, for the dashboards that name staff, a user's own
fields) moves the generation on once it has committed, so the next request reads them from the
database again: a role taken away holds no longer than the write's own commit. The user itself
(active, password) is read from the database on every request as before.

Only in a cache every process shares (Redis): `STAFF_CACHE_SECONDS` is 0 otherwise, and every
request reads them from the database.
"""

from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction

from common.cache import move_generation_on, started_generation
from common.events import staff_changed

GENERATION_KEY = "accounts:staff:generation"
Kept = TypeVar("Kept")


def kept_for(user_id: int, load: Callable[[], Kept]) -> Kept:
    """`load()`, or what it gave for `user_id` under the present staff generation. Not in a
    transaction that changed staff: it sees what others do not yet, and may roll back."""
    seconds = settings.STAFF_CACHE_SECONDS
    if not seconds or _written_here():
        return load()
    key = f"accounts:staff:{user_id}"
    found = cache.get_many([GENERATION_KEY, key])
    generation = found.get(GENERATION_KEY) or started_generation(GENERATION_KEY)
    kept = found.get(key)
    if kept is not None and kept[0] == generation:
        return kept[1]
    # Read after the generation: a write committing in between moves the generation on, so
    # what is read now is never kept beyond it.
    value = load()
    cache.set(key, (generation, value), timeout=seconds)
    return value


def _written_here() -> bool:
    """Whether the present transaction changed staff (its bump waits for the commit; a
    rollback drops it)."""
    # Each entry is (savepoints, callback, robust).
    return any(entry[1] is _bump for entry in connection.run_on_commit)


def _bump() -> None:
    move_generation_on(GENERATION_KEY)
    staff_changed.send(sender=None)


def on_staff_write(
    sender: Any, *, update_fields: Iterable[str] | None = None, **kwargs: Any
) -> None:
    """A receiver for every write to staff, teams and roles (see `AccountsConfig.ready`). A
    sign-in only stamps `last_login`, which nothing kept depends on."""
    if update_fields is not None and set(update_fields) <= {"last_login"}:
        return
    staff_written()


def staff_written() -> None:
    """Once the present transaction commits, everything kept about staff is read again; for a
    write that sends no model signals, such as a bulk load. Robust: should the cache fail,
    the commit's other callbacks still run (the kept roles then last `STAFF_CACHE_SECONDS`)."""
    if not _written_here():
        transaction.on_commit(_bump, robust=True)
