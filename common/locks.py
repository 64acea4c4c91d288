from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection


@contextmanager
def only_one_at_a_time(lock_id: int) -> Iterator[bool]:
    """Yield True if this process holds the lock, False if another one already does.

    A session-level advisory lock on PostgreSQL, so it can span several transactions. SQLite
    serialises writers itself; there the answer is always True.
    """
    if connection.vendor != "postgresql":
        yield True
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s)", [lock_id])
        acquired = bool(cursor.fetchone()[0])
    try:
        yield acquired
    finally:
        if acquired:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [lock_id])
