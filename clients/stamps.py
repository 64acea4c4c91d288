"""Keep a part of a screen made from a set of clients in the cache until one of them changes.

The database stamps a client whenever a row of its file is written (`ClientStamp`, triggers of
migration 0013), with a number no earlier write used. A set of clients is unchanged while the
list of its clients with their stamps is: a change gives one of them a new stamp, a client
joining or leaving changes the list. That holds for every writer, bulk SQL and the nightly
jobs included, with nothing to remember in the code that writes, and in whatever order
concurrent writers commit (which is why the whole list counts, not the newest stamp). A
statement that touches very many clients (a bulk load, the first signals run after it) stamps
them all at once instead: every set then has changed. SQLite has no such triggers: there
everything is built anew.
"""

import hashlib
from collections.abc import Callable
from typing import Any, TypeVar

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import QuerySet
from django.utils.translation import get_language

from .models import Client

T = TypeVar("T")


# Written out: the same aggregate built with the ORM's expressions cost more to put together
# than to run.
# The stamp of client 0 is that of every client: a statement that touched very many clients
# writes it instead of theirs (migration 0014).
DIGEST_SQL = (
    "SELECT count(*), md5(coalesce(string_agg(listed.id || ':' || coalesce(s.stamp, 0), ','"
    " ORDER BY listed.id), '')) || ':' || coalesce("
    "(SELECT every.stamp FROM clients_clientstamp every WHERE every.client_id = 0), 0)"
    " FROM ({clients}) AS listed (id)"
    " LEFT JOIN clients_clientstamp s ON s.client_id = listed.id"
)


def keeping() -> bool:
    """Whether `kept` keeps anything: on PostgreSQL, unless STAMPED_CACHE_SECONDS is 0."""
    return connection.vendor == "postgresql" and settings.STAMPED_CACHE_SECONDS > 0


def stamp_of(clients: "QuerySet[Client] | list[QuerySet[Client]]") -> tuple[int, str] | None:
    """The count of the set (or of the union of several) and a digest of its clients' ids and
    stamps; None without stamps. A union is one look, where a digest per set was one each."""
    if connection.vendor != "postgresql":
        return None
    parts: list[str] = []
    params: list[Any] = []
    for found in clients if isinstance(clients, list) else [clients]:
        try:
            sql, its_params = found.order_by().values("pk").query.sql_with_params()
        except EmptyResultSet:  # a condition no client meets (no teams): nothing to stamp
            continue
        parts.append(f"({sql})")
        params.extend(its_params)
    if not parts:
        return 0, ""
    with connection.cursor() as cursor:
        cursor.execute(DIGEST_SQL.format(clients=" UNION ".join(parts)), params)
        count, digest = cursor.fetchone()
    return count, digest


def kept(
    clients: "QuerySet[Client] | list[QuerySet[Client]]", key: str, build: Callable[[], T]
) -> T:
    """`build()`, or what it gave before for `key` while `clients` (one set, or the union of
    several) have not changed since: no client joined or left, none was written.

    `key` must name everything else the result depends on (the user, the day, the filters);
    the database, the language and the clients' stamps are added here.
    """
    if not keeping():
        return build()
    named = f"{_database()}|{get_language()}|{key}|{stamp_of(clients)}"
    full_key = "stamped:" + hashlib.sha256(named.encode()).hexdigest()
    found = cache.get(full_key)
    if found is None:
        found = build()
        cache.set(full_key, found, settings.STAMPED_CACHE_SECONDS)
    return found


_databases: dict[str, str] = {}


def _database() -> str:
    """Which database the stamps are of: its name and number, which a database created anew
    (a test run's) does not share with the one before it, while its stamps start over."""
    name = connection.settings_dict["NAME"]
    if name not in _databases:
        with connection.cursor() as cursor:
            cursor.execute("SELECT oid FROM pg_database WHERE datname = current_database()")
            _databases[name] = f"{name}:{cursor.fetchone()[0]}"
    return _databases[name]
