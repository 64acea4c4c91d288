"""Conversations per client-year in each phase, from the month-end figures."""

from datetime import date

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from common.dates import month_ends
from common.tables import Cell, Column, Table
from reports.charts import ChartSpec, column_series
from reports.month_end_figures import figures_on, summed
from reports.permissions import ReportScope

from .shared import PHASES


def conversations_per_phase(scope: ReportScope, *, years: list[int], today: date) -> Table:
    """Per phase and year, the months in which a client in that phase
    was spoken, per client-year in the phase; split by up to two years in the phase or longer.

    (months in phase X with a conversation in year Y) / (months in phase X in year Y / 12); the
    phase of a month is the phase on its last day.
    """
    ends = {y: month_ends(date(y, 1, 1), min(date(y, 12, 31), today)) for y in years}
    figures = figures_on(
        scope, [end for y in years for end in ends[y]], by=("phase", "early_in_phase")
    )
    table = Table(
        "conversations_per_phase",
        _("Gesprekken per cliënt per jaar, per fase"),
        [Column("phase", _("Fase"), "text"), Column("stay", _("Tijd in de fase"), "text")]
        + [Column(str(y), str(y), "decimal") for y in years],
        note=_(
            "Maanden met een gesprek gedeeld door cliëntjaren in de fase (methode van figuur "
            "3.2). Gesprek: gehouden, met de cliënt, niet schriftelijk."
        ),
    )
    for code in PHASES:
        for early, label in ((True, _("eerste twee jaar")), (False, _("langer dan twee jaar"))):
            cells = [Cell(_("Fase %(phase)s") % {"phase": code}), Cell(label)]
            for year in years:
                rows = [r for end in ends[year] for r in figures[end]]
                months = summed(rows, "active", phase=code, early_in_phase=early)
                spoken = summed(rows, "conversed_in_month", phase=code, early_in_phase=early)
                cells.append(Cell(round(spoken / (months / 12), 1) if months else None))
            table.rows.append(cells)
    return table


def _categories(table: Table) -> list[str]:
    return [f"{row[0].value}, {row[1].value}" for row in table.rows]


CHART = ChartSpec(
    "chart-conversations",
    series=column_series(2),  # a series per year
    categories=_categories,
    y_label=gettext_lazy("Gesprekken per cliënt per jaar"),
    x_label=gettext_lazy("Fase en tijd in de fase"),
)
