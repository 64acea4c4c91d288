"""Reads that may lag go to a PostgreSQL streaming replica; everything else to the primary.

Only where a view says so: `reads_from_replica()` around the dashboards, report API endpoints,
exports and drill-downs. Routing by model instead would send a caseworker's screen to the
replica too, right after they saved something. Within the scope the primary still answers:
- the tables of sign-in, sessions, tokens, lockout and the read log (FRESH_APPS), which decide
  who may see what and must never be a few seconds old;
- every read once the scope has written anything (read your own write);
- every read inside a transaction opened within the scope (a service's `atomic()`).

The router is installed only when DATABASE_REPLICA_URL is set (wajong/settings.py); without it
the scope has no effect and there is no `replica` alias.

What is kept in the cache under a generation (a dashboard section, a team's figure of today,
the header's unread count) is read within `reads_to_keep()`: from the replica only once it has
replayed what the primary had written by then, else from the primary. A lag of a moment is
fine for a page, but not for what the cache then keeps until the next write.
"""

import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections, router

REPLICA = "replica"
# Who may see what, and what a user just did: always read from the primary.
FRESH_APPS = frozenset(
    {
        "accounts",
        "access",
        "audit",
        "auth",
        "axes",
        "contenttypes",
        "knox",
        "otp_totp",
        "sessions",
    }
)
# How long a read to keep waits for the replica to replay the primary's last writes (it is
# mostly a few milliseconds behind) before it reads the primary instead.
CATCH_UP_SECONDS = 0.05


@dataclass
class _Scope:
    atomic_depth: int  # the primary's open atomic blocks when the scope began
    wrote: bool = False
    keeping_on_primary: int = 0  # open reads_to_keep() blocks that found the replica behind


_scope: ContextVar[_Scope | None] = ContextVar("replica_scope", default=None)


@contextmanager
def reads_from_replica() -> Iterator[None]:
    """Within this block (or the decorated view) reads may come from the replica."""
    depth = len(connections[DEFAULT_DB_ALIAS].atomic_blocks)
    token = _scope.set(_Scope(atomic_depth=depth))
    try:
        yield
    finally:
        _scope.reset(token)


def _scope_reads_replica() -> bool:
    """Whether the present scope (if any) still lets domain rows come from the replica."""
    scope = _scope.get()
    return (
        scope is not None
        and not scope.wrote
        and not scope.keeping_on_primary
        and len(connections[DEFAULT_DB_ALIAS].atomic_blocks) <= scope.atomic_depth
    )


def read_alias(model: type) -> str:
    """The alias a read of `model` would use here and now, if a replica is configured."""
    app_label = model._meta.app_label  # type: ignore[attr-defined]
    return REPLICA if _scope_reads_replica() and app_label not in FRESH_APPS else DEFAULT_DB_ALIAS


@contextmanager
def reads_to_keep() -> Iterator[None]:
    """Reads whose result is kept under a generation read before this block.

    A write moves its generation on once it has committed on the primary; a replica that has
    not replayed it yet would give the old figures, to be kept under the new generation until
    the next write. So within a scope the replica answers only once it has replayed all the
    primary had written when the block began; otherwise the primary does."""
    scope = _scope.get()
    if scope is None or not (_scope_reads_replica() and _replica_routed()) or replica_caught_up():
        yield
        return
    # The same scope, so that a write in the block still sends the rest of the request to the
    # primary.
    scope.keeping_on_primary += 1
    try:
        yield
    finally:
        scope.keeping_on_primary -= 1


def _replica_routed() -> bool:
    return REPLICA in settings.DATABASES and any(
        isinstance(each, ReplicaRouter) for each in router.routers
    )


def replica_caught_up() -> bool:
    """Whether the replica replays, within CATCH_UP_SECONDS, what the primary has written."""
    with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
        # Written WAL, past every commit that has returned: a commit is flushed before it
        # returns (synchronous_commit stays on). Not the insert position, which may point past
        # the header of a page no record has reached yet, where the replica never gets.
        cursor.execute("SELECT pg_current_wal_lsn()")
        written = cursor.fetchone()[0]
    deadline = time.monotonic() + CATCH_UP_SECONDS
    with connections[REPLICA].cursor() as cursor:
        while True:
            # NULL: not a standby at all (a test's mirror of the primary), so nothing to wait for.
            cursor.execute(
                "SELECT coalesce(pg_last_wal_replay_lsn() >= %s::pg_lsn, true)", [written]
            )
            if cursor.fetchone()[0]:
                return True
            if time.monotonic() >= deadline:
                return False
            time.sleep(0.005)


class ReplicaRouter:
    """DATABASE_ROUTERS entry. Answers explicitly, also outside a scope: left to Django, a row
    loaded from the replica would send its related reads and its save() there as well."""

    def db_for_read(self, model: type, **hints: Any) -> str:
        return read_alias(model)

    def db_for_write(self, model: type, **hints: Any) -> str:
        scope = _scope.get()
        if scope is not None:
            scope.wrote = True
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1: Any, obj2: Any, **hints: Any) -> bool | None:
        # The replica is a copy of the primary: the same rows, so relations hold across both.
        return {obj1._state.db, obj2._state.db} <= {DEFAULT_DB_ALIAS, REPLICA} or None

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool:
        # A hot standby is read-only and replays the primary's migrations itself.
        return db != REPLICA
