"""The active clients per phase, averaged over the month-ends of a year."""

from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from common.dates import month_ends
from common.tables import Cell, Column, Table
from reports.charts import ChartSpec, Series
from reports.month_end_figures import figures_on, summed
from reports.permissions import ReportScope

from .shared import PHASES, scope_filters


def round_half_up(value: float | Decimal) -> int:
    return int(Decimal(str(value)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def phase_distribution(
    scope: ReportScope,
    *,
    year: int,
    today: date,
    figures: dict[date, list[dict[str, Any]]] | None = None,
) -> dict[str, Any]:
    """The method of table 3.1: on each month-end of `year` up to `today`, the active clients in
    each phase; averaged over those month-ends and rounded half up to whole clients.

    The total is the rounded average of the monthly totals (as in table 3.1), so it may differ
    by a few from the sum of the rounded phase averages. Clients without a phase on a month-end
    are left out, as UWV's yearly figures leave out the undetermined group.

    `figures`: the month-end figures per phase when the caller has read them for more years.
    """
    ends = _month_ends_of(year, today)
    if figures is None:
        figures = figures_on(scope, ends, by=("phase",))
    monthly = [
        {code: summed(figures[end], "active", phase=code) for code in PHASES} for end in ends
    ]
    count = len(monthly)
    rows = [
        {
            "phase": code,
            "average": round_half_up(sum(m[code] for m in monthly) / count) if count else None,
        }
        for code in PHASES
    ]
    total = round_half_up(sum(sum(m.values()) for m in monthly) / count) if count else None
    return {
        "year": year,
        "months": count,
        "month_ends": ends,
        "monthly": [{"month_end": end, **m} for end, m in zip(ends, monthly, strict=True)],
        "rows": rows,
        "total": total,
    }


def _month_ends_of(year: int, today: date) -> list[date]:
    return month_ends(date(year, 1, 1), min(date(year, 12, 31), today))


def phase_distribution_table(scope: ReportScope, *, years: list[int], today: date) -> Table:
    """Table 3.1: per phase the average per month, one column per year; the figures of all
    the years read at once."""
    ends = [end for year in years for end in _month_ends_of(year, today)]
    figures = figures_on(scope, ends, by=("phase",))
    results = [phase_distribution(scope, year=year, today=today, figures=figures) for year in years]
    table = Table(
        "phase_distribution",
        _("Cliënten per fase (gemiddeld per maand)"),
        [Column("phase", _("Fase"), "text")]
        + [Column(str(r["year"]), str(r["year"])) for r in results],
        note=_(
            "Per maandeinde de actieve cliënten in elke fase, gemiddeld over de maanden van het "
            "jaar tot vandaag en afgerond (methode van tabel 3.1)."
        ),
    )
    base = scope_filters(scope)
    for index, code in enumerate(PHASES):
        cells = [Cell(_("Fase %(phase)s") % {"phase": code})]
        for result in results:
            last = result["month_ends"][-1] if result["month_ends"] else None
            drill = base | {"phase": code, "on": last.isoformat()} if last else None
            cells.append(Cell(result["rows"][index]["average"], drill))
        table.rows.append(cells)
    table.totals = [Cell(_("Totaal"))] + [Cell(r["total"]) for r in results]
    return table


def _years(table: Table) -> list[str]:
    return [column.key for column in table.columns[1:]]


def _series(table: Table) -> list[Series]:
    """Stacked per year: a series per phase (a row of the table)."""
    return [Series(str(row[0].value), [cell.value for cell in row[1:]]) for row in table.rows]


CHART = ChartSpec(
    "chart-phases",
    series=_series,
    categories=_years,
    y_label=gettext_lazy("Cliënten (gemiddeld per maand)"),
    x_label=gettext_lazy("Jaar"),
    stacked=True,
)
