"""A user's roles and teams, kept in the cache under the staff generation: every request needs
them, and they change a few times a year.

Every write that could change them (a role given or taken, a team joined or left, a team's
manager, a group renamed or deleted; and, for the dashboards that name staff, a user's own
fields) moves the generation on once it has committed, so the next request reads them from the
database again: a role taken away holds no longer than the write's own commit. The user itself
(active, password) is read from the database on every request as before.

Only in a cache every process shares (Redis): `USER_CACHE_SECONDS` is 0 otherwise, and every
request reads them from the database.
"""

from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from django.conf import settings

from common.cache import KeptPerUser
from common.events import staff_changed

Kept = TypeVar("Kept")

_staff = KeptPerUser(
    "accounts:staff",
    seconds=lambda: settings.USER_CACHE_SECONDS,
    then=lambda: staff_changed.send(sender=None),
)


def kept_for(user_id: int, load: Callable[[], Kept]) -> Kept:
    """`load()`, or what it gave for `user_id` under the present staff generation. Not in a
    transaction that changed staff: it sees what others do not yet, and may roll back."""
    return _staff.get(user_id, load)


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
    write that sends no model signals, such as a bulk load."""
    _staff.written()
