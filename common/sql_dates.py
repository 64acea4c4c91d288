"""Calendar arithmetic inside a query, the same on PostgreSQL and SQLite.

Django's `F("day") + timedelta(...)` gives a timestamp on SQLite, which does not compare with a
date column; these give a date on both. Months are calendar months, clamped to the month's
last day as `common.dates.months_before` does: 2024-02-29 plus 12 months is 2025-02-28.
"""

from typing import Any

from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import DateField, Func
from django.db.models.sql.compiler import SQLCompiler


class AddDays(Func):
    """`expression` plus `days` days (negative: earlier)."""

    output_field = DateField()

    def __init__(self, expression: Any, days: int, **extra: Any) -> None:
        self.days = int(days)
        super().__init__(expression, **extra)

    def as_postgresql(
        self, compiler: SQLCompiler, connection: BaseDatabaseWrapper, **extra: Any
    ) -> Any:
        return self.as_sql(
            compiler, connection, template=f"(CAST(%(expressions)s AS date) + {self.days})"
        )

    def as_sqlite(
        self, compiler: SQLCompiler, connection: BaseDatabaseWrapper, **extra: Any
    ) -> Any:
        return self.as_sql(
            compiler, connection, template=f"date(%(expressions)s, '{self.days:+d} days')"
        )


class AddMonths(Func):
    """`expression` plus `months` calendar months, on the same day of the month or, where the
    month is shorter, its last day."""

    output_field = DateField()

    def __init__(self, expression: Any, months: int, **extra: Any) -> None:
        self.months = int(months)
        super().__init__(expression, **extra)

    def as_postgresql(
        self, compiler: SQLCompiler, connection: BaseDatabaseWrapper, **extra: Any
    ) -> Any:
        # PostgreSQL clamps to the month's last day itself.
        template = f"CAST(%(expressions)s + INTERVAL '{self.months} months' AS date)"
        return self.as_sql(compiler, connection, template=template)

    def as_sqlite(
        self, compiler: SQLCompiler, connection: BaseDatabaseWrapper, **extra: Any
    ) -> Any:
        # SQLite rolls 2025-02-29 over into March: take the earlier of that and the last day
        # of the month aimed at (ISO dates compare as text).
        sql, params = compiler.compile(self.source_expressions[0])
        months, next_month = f"{self.months:+d} months", f"{self.months + 1:+d} months"
        return (
            f"min(date({sql}, '{months}'), date({sql}, 'start of month', '{next_month}', "
            "'-1 days'))",
            [*params, *params],
        )
