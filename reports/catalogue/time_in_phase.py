"""Time in a phase: the median and 75th percentile of the phase periods that ended in a period."""

from datetime import date
from typing import Any

from django.db import connection
from django.db.models import Aggregate, Count, F, FloatField, Func, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from common.tables import Cell, Column, Table
from phases.models import PhasePeriod
from reports.charts import ChartSpec, named_series
from reports.permissions import ReportScope

from .shared import PHASES, scope_filters

DAYS_PER_MONTH = 365.25 / 12


def _percentile(values: list[int], share: float) -> float | None:
    """Linear interpolation between the closest ranks, as PostgreSQL's percentile_cont."""
    if not values:
        return None
    ordered = sorted(values)
    position = share * (len(ordered) - 1)
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


class DaysPercentile(Aggregate):
    """PostgreSQL's percentile_cont over the days between two date columns."""

    function = "percentile_cont"
    template = "%(function)s(%(share)s) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = FloatField()

    def __init__(self, later: str, earlier: str, share: float):
        days = Func(F(later), F(earlier), template="(%(expressions)s)", arg_joiner=" - ")
        super().__init__(days, share=float(share))


def _quartiles_in_database(periods: QuerySet) -> dict[str, tuple[int, Any, Any]]:
    """Per phase: (periods, median days, 75th percentile days), counted by PostgreSQL."""
    rows = (
        periods.values("phase")
        .annotate(
            n=Count("id"),
            median=DaysPercentile("ended_on", "started_on", 0.5),
            p75=DaysPercentile("ended_on", "started_on", 0.75),
        )
        .order_by()
    )
    return {row["phase"]: (row["n"], row["median"], row["p75"]) for row in rows}


def _quartiles_in_python(periods: QuerySet) -> dict[str, tuple[int, Any, Any]]:
    """The same as `_quartiles_in_database`, for a database without percentile_cont."""
    durations: dict[str, list[int]] = {code: [] for code in PHASES}
    for phase, started, ended_on in periods.values_list("phase", "started_on", "ended_on"):
        if ended_on is not None:  # always, by the filter; says so to the type checker
            durations[phase].append((ended_on - started).days)
    return {
        code: (len(days), _percentile(days, 0.5), _percentile(days, 0.75))
        for code, days in durations.items()
    }


def time_in_phase(scope: ReportScope, *, start: date, end: date) -> Table:
    """Median and 75th percentile of the time spent in each phase, over the phase periods
    that ended in [start, end]."""
    ended = scope.dated(PhasePeriod.objects.filter(ended_on__range=(start, end)), "ended_on")
    if connection.vendor == "postgresql":
        quartiles = _quartiles_in_database(ended)
    else:
        quartiles = _quartiles_in_python(ended)
    table = Table(
        "time_in_phase",
        _("Tijd in een fase (afgesloten perioden)"),
        [
            Column("phase", _("Fase"), "text"),
            Column("ended", _("Afgesloten perioden")),
            Column("median", _("Mediaan (maanden)"), "decimal"),
            Column("p75", _("75e percentiel (maanden)"), "decimal"),
        ],
        note=_("Fasen die eindigden van %(start)s tot en met %(end)s.")
        % {"start": start.strftime("%d-%m-%Y"), "end": end.strftime("%d-%m-%Y")},
    )
    base = scope_filters(scope) | {"start": start.isoformat(), "end": end.isoformat()}
    for code in PHASES:
        count, median, p75 = quartiles.get(code, (0, None, None))
        table.rows.append(
            [
                Cell(_("Fase %(phase)s") % {"phase": code}),
                Cell(count, base | {"ended_phase": code}),
                Cell(None if median is None else round(median / DAYS_PER_MONTH, 1)),
                Cell(None if p75 is None else round(p75 / DAYS_PER_MONTH, 1)),
            ]
        )
    return table


CHART = ChartSpec(
    "chart-time-in-phase",
    series=named_series(
        (gettext_lazy("Mediaan"), "median"), (gettext_lazy("75e percentiel"), "p75")
    ),
    y_label=gettext_lazy("Maanden"),
    x_label=gettext_lazy("Fase"),
)
