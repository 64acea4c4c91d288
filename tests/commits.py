"""A test's own transaction never commits; `committing` stands in for the commit."""

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection


class RolledBack(Exception):
    """Raised in a test's `transaction.atomic()` block to roll it back."""


@contextmanager
def committing() -> Iterator[None]:
    """Everything written so far commits: what waits for the commit runs, and is done. Unlike
    pytest-django's capture, which leaves the callbacks pending, so a write that registers
    its callback once per transaction (`accounts.staff_cache`) would not do so again."""
    yield
    pending, connection.run_on_commit = connection.run_on_commit, []
    for entry in pending:  # (savepoints, callback, robust)
        entry[1]()
