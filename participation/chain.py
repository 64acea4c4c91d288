"""Keeping `RungAssessment.superseded_on` true: each assessment holds from its day up to the
next assessment of the same client (of two on one day, the one recorded last holds, the
other not at all), so the rung on a day is the one row whose period covers it."""

from collections.abc import Iterable

from django.db import connection

from clients.models import Client

from .models import RungAssessment

CHUNK = 5_000

# One statement for any number of clients, the same on PostgreSQL and SQLite (3.39 or later).
CHAIN_SQL = """
UPDATE {table} SET superseded_on = chained.next_on
FROM (
    SELECT id, LEAD(assessed_on) OVER (
        PARTITION BY client_id ORDER BY assessed_on, id
    ) AS next_on
    FROM {table} {where}
) AS chained
WHERE {table}.id = chained.id AND {table}.superseded_on IS DISTINCT FROM chained.next_on
"""


def chain_rungs(client_ids: Iterable[int] | None = None) -> int:
    """Set `superseded_on` of the assessments of these clients (None: of all clients, after a
    bulk load); how many rows changed. Call it in the transaction that wrote them: it locks
    the clients first, so that two writers for one client chain one after the other."""
    table = connection.ops.quote_name(RungAssessment._meta.db_table)
    if client_ids is None:
        return _run(CHAIN_SQL.format(table=table, where=""), [])
    ids = sorted(set(client_ids))
    changed = 0
    for first in range(0, len(ids), CHUNK):
        chunk = ids[first : first + CHUNK]
        list(Client.objects.select_for_update().filter(pk__in=chunk).order_by("pk").values("pk"))
        where = f"WHERE client_id IN ({', '.join(['%s'] * len(chunk))})"
        changed += _run(CHAIN_SQL.format(table=table, where=where), chunk)
    return changed


def _run(sql: str, params: list[int]) -> int:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.rowcount
