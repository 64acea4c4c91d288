"""Which clients' personal data a response carries.

A view, viewset or admin page that puts a client's data in its response notes the clients here;
the audit app's middleware writes one read-log row per client and action after the response is
made, in one insert per request. Noting is cheap and lazy: a page of results is read for its
client ids only when the row is written, by which time the template has already loaded it.
"""

from collections.abc import Callable, Iterable
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

ATTRIBUTE = "_client_reads"


class Read(models.TextChoices):
    VIEW = "view", _("Dossier bekeken")
    LIST = "list", _("In een lijst getoond")
    HISTORY = "history", _("Historie bekeken")
    EXPORT = "export", _("Geëxporteerd")
    REVEAL_BSN = "reveal_bsn", _("Volledig BSN getoond")


def client_id_of(record: Any) -> int:
    """A client's id, or the id of the client a record belongs to."""
    if isinstance(record, int):
        return record
    client_id = getattr(record, "client_id", None)
    return int(client_id if client_id is not None else record.pk)


def note_reads(
    request: Any,
    records: Iterable[Any],
    action: str = Read.LIST,
    *,
    client_of: Callable[[Any], int] = client_id_of,
) -> None:
    """Record that the response to `request` shows these clients (or their records)."""
    base = getattr(request, "_request", request)  # a DRF request wraps Django's
    reads = base.__dict__.setdefault(ATTRIBUTE, [])
    reads.append((request.user, records, str(action), client_of))


def noted_reads(request: Any) -> list[tuple[Any, int, str]]:
    """(user, client id, action) for every distinct read noted for this request."""
    seen: dict[tuple[int, int, str], Any] = {}
    for user, records, action, client_of in request.__dict__.get(ATTRIBUTE, ()):
        if not getattr(user, "is_authenticated", False):
            continue
        for record in records:
            seen.setdefault((user.pk, client_of(record), action), user)
    return [(user, client, action) for (_, client, action), user in seen.items()]
