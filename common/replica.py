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
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections

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


@dataclass
class _Scope:
    atomic_depth: int  # the primary's open atomic blocks when the scope began
    wrote: bool = False


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


def read_alias(model: type) -> str:
    """The alias a read of `model` would use here and now, if a replica is configured."""
    scope = _scope.get()
    if (
        scope is None
        or scope.wrote
        or model._meta.app_label in FRESH_APPS  # type: ignore[attr-defined]
        or len(connections[DEFAULT_DB_ALIAS].atomic_blocks) > scope.atomic_depth
    ):
        return DEFAULT_DB_ALIAS
    return REPLICA


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
