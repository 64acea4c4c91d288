"""Set-based writes to tracked tables, with their simple-history rows.

`BulkWriter` inserts generated rows (seed_demo): COPY on PostgreSQL, executemany elsewhere; rows
carry explicit ids so related rows can point at them before anything is written.
`insert_from_select` and `insert_history_from` serve the nightly checks: INSERT ... SELECT.
`create_with_history` adds model instances (an import) in batches, each with its history row.
"""

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from django.core.management.color import no_style
from django.db import connection, models
from django.db.models import Max, QuerySet, Value
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

HISTORY_FIELDS = ["history_date", "history_change_reason", "history_type", "history_user"]


class BulkWriter:
    """Rows of `model` and their '+' history rows: a row gives a value for each column after
    the id, in the order the model declares its fields."""

    def __init__(self, model: type[models.Model], *, change_reason: str):
        self.model = model
        self.fields: list[Any] = list(model._meta.concrete_fields)
        if not self.fields[0].primary_key:
            raise ValueError(f"{model.__name__}: the id is not its first column.")
        history_meta = model.history.model._meta  # type: ignore[attr-defined]
        self.history_table = history_meta.db_table
        # The columns the history keeps (a model may leave derived ones out of it).
        kept = {f.name for f in history_meta.concrete_fields}
        self.history_columns = [i for i, f in enumerate(self.fields) if f.name in kept]
        self.history_fields = [self.fields[i] for i in self.history_columns] + [
            history_meta.get_field(n) for n in HISTORY_FIELDS
        ]
        self.change_reason = change_reason
        self.next_id = (model._default_manager.aggregate(top=Max("id"))["top"] or 0) + 1
        self.rows: list[tuple[Any, ...]] = []
        self.history_rows: list[tuple[Any, ...]] = []
        self.written = 0

    def add(self, *values: Any, at: datetime, by: int | None) -> int:
        """Queue a row (a value for each column after the id, in order) and its '+' history
        row; return its id."""
        if len(values) != len(self.fields) - 1:
            raise TypeError(
                f"{self.model.__name__} takes {len(self.fields) - 1} values, not {len(values)}."
            )
        row_id = self.next_id
        self.next_id += 1
        row = (row_id, *values)
        self.rows.append(row)
        kept = (row[i] for i in self.history_columns)
        self.history_rows.append((*kept, at, self.change_reason, "+", by))
        return row_id

    def flush(self) -> None:
        if not self.rows:
            return
        _insert(self.model._meta.db_table, self.rows, self.fields)
        _insert(self.history_table, self.history_rows, self.history_fields)
        self.written += len(self.rows)
        self.rows, self.history_rows = [], []

    def finish(self) -> None:
        """Write what is queued and move the id sequence past the ids used (PostgreSQL)."""
        self.flush()
        for sql in connection.ops.sequence_reset_sql(no_style(), [self.model]):
            with connection.cursor() as cursor:
                cursor.execute(sql)


def _insert(table: str, rows: list[tuple[Any, ...]], fields: list[Any]) -> None:
    quoted = ", ".join(connection.ops.quote_name(field.column) for field in fields)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(
                f"COPY {connection.ops.quote_name(table)} ({quoted}) FROM STDIN"
            ) as copy:
                for row in rows:
                    copy.write_row(row)
            return
        # Other databases: let each field turn its Python value into what the driver expects.
        prepared = [
            tuple(
                field.get_db_prep_save(value, connection)
                for field, value in zip(fields, row, strict=True)
            )
            for row in rows
        ]
        placeholders = ", ".join(["%s"] * len(fields))
        cursor.executemany(
            f"INSERT INTO {connection.ops.quote_name(table)} ({quoted}) VALUES ({placeholders})",
            prepared,
        )


def insert_from_select(model: type[models.Model], columns: Sequence[str], rows: QuerySet) -> int:
    """INSERT INTO model's table (columns) SELECT ...: set-based, one statement, any size.

    `rows` is a values_list() queryset whose expressions line up with `columns` (attnames).
    """
    meta = model._meta
    column_of = {f.attname: str(f.column) for f in meta.concrete_fields}
    names = ", ".join(connection.ops.quote_name(column_of[c]) for c in columns)
    sql, params = rows.order_by().query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {connection.ops.quote_name(meta.db_table)} ({names}) {sql}", params
        )
        return cursor.rowcount


def insert_history_from(
    rows: QuerySet, *, history_type: str, change_reason: str, by_id: int | None = None
) -> int:
    """Write one simple-history row per row of `rows`, as its current state, in one statement.

    The set-based companion of QuerySet.update()/INSERT ... SELECT on a tracked model.
    """
    history_model = rows.model.history.model
    tracked = {f.attname for f in rows.model._meta.concrete_fields}
    extras = {
        "history_date": Value(timezone.now(), output_field=models.DateTimeField()),
        "history_change_reason": Value(change_reason, output_field=models.TextField()),
        "history_type": Value(history_type, output_field=models.CharField()),
        "history_user_id": Value(by_id, output_field=models.IntegerField()),
    }
    columns, selected, aliases = [], [], {}
    for field in history_model._meta.concrete_fields:
        if field.attname == "history_id":
            continue
        columns.append(field.attname)
        if field.attname in tracked:
            selected.append(field.attname)
        else:
            alias = f"_history_{field.attname}"
            aliases[alias] = extras[field.attname]
            selected.append(alias)
    return insert_from_select(
        history_model, columns, rows.annotate(**aliases).values_list(*selected)
    )


def create_with_history(
    model: type[models.Model],
    objects: Sequence[models.Model],
    *,
    by: Any,
    change_reason: str,
    batch: int = 2000,
) -> None:
    """Insert `objects` of `model` in batches of `batch`, each with its '+' history row by `by`
    for `change_reason`."""
    for start in range(0, len(objects), batch):
        bulk_create_with_history(
            list(objects[start : start + batch]),
            model,
            default_user=by,
            default_change_reason=change_reason,
        )


def refresh_statistics(*models_: type[models.Model]) -> None:
    """After a bulk load on PostgreSQL: fresh planner statistics for the tables of `models_`
    (none given: every table), so the next statement is planned for the rows now there.

    Outside a transaction it is `VACUUM (ANALYZE)`, which also sets the visibility map and the
    rows' hint bits: without it, the first statement to read the new rows (the night's first
    signals run) writes every page of them back while it reads. Inside one (an import in a
    web request) only ANALYZE is allowed; it counts the transaction's own new rows.
    """
    if connection.vendor != "postgresql":
        return
    tables = ", ".join(connection.ops.quote_name(m._meta.db_table) for m in models_)
    command = "ANALYZE" if connection.in_atomic_block else "VACUUM (ANALYZE)"
    with connection.cursor() as cursor:
        cursor.execute(f"{command} {tables}".strip())


def analyse_if_never_analysed(*models_: type[models.Model]) -> list[str]:
    """ANALYZE those tables of `models_` that have no planner statistics at all (never analysed
    nor vacuumed: a restore, or a load that skipped `refresh_statistics`); their names.

    Without any, the planner takes every condition for highly selective and plans nested loops
    that rescan big tables per row: minutes where a second will do. PostgreSQL only.
    """
    if connection.vendor != "postgresql":
        return []
    tables = [m._meta.db_table for m in models_]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relname FROM pg_class WHERE relname = ANY(%s) AND relkind = 'r' "
            "AND reltuples < 0 AND pg_table_is_visible(oid) ORDER BY relname",
            [tables],
        )
        never = [row[0] for row in cursor.fetchall()]
        if never:
            cursor.execute("ANALYZE " + ", ".join(connection.ops.quote_name(t) for t in never))
    return never
