"""The participation ladder (figures 5.7 and 5.8): the active clients per rung on a day, unknown
included, and how the clients moved on the ladder over the year before it; the rules are in
`participation.figures`."""

from datetime import date
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from common.dates import months_before
from common.tables import Cell, Column, Table
from participation.figures import (
    MOVEMENTS,
    RUNGS,
    UNKNOWN,
    PerGroup,
    empty_distribution,
    empty_movement,
    movement_counts,
    rung_counts,
    summed,
)
from reports.charts import ChartSpec, Series
from reports.permissions import ReportScope

from .shared import scope_filters

MOVEMENT_LABELS = {
    "up": gettext_lazy("Omhoog"),
    "same": gettext_lazy("Gelijk"),
    "down": gettext_lazy("Omlaag"),
    "left": gettext_lazy("Uit beeld"),
}


def year_before(on: date) -> date:
    """The start of the year that ends on `on`: the same day a year earlier."""
    return months_before(on, 12)


def ladder_figures(scope: ReportScope, *, start: date, end: date) -> dict[str, Any]:
    """The figures of `GET /api/v1/reports/ladder/` for the scope."""
    on_to = summed(rung_counts(scope.clients_on(end), end), empty_distribution())
    moved = summed(movement_counts(scope.clients_on(start), start, end), empty_movement())
    return {
        "from": start,
        "to": end,
        "on_to": {key: on_to[key] for key in (*RUNGS, UNKNOWN)},
        "movement": {key: moved[key] for key in MOVEMENTS},
    }


def _per_team(
    table: Table, scope: ReportScope, counts: PerGroup, empty: dict[str, int], drill: dict
) -> Table:
    """A row per team of the scope, each count drilling down to its clients, and the totals
    over the teams when there are several."""
    keys = [column.key for column in table.columns[1:]]
    teams = list(scope.teams())
    for team in teams:
        line = counts.get(team.pk) or empty
        filters = drill | {"team": str(team.pk)}
        table.rows.append([Cell(team.name), *_cells(line, keys, filters)])
    if len(teams) > 1:
        total = summed(counts, empty)
        table.totals = [Cell(_("Totaal")), *_cells(total, keys, drill)]
    return table


def _cells(line: dict[str, int], keys: list[str], drill: dict[str, str]) -> list[Cell]:
    """The counts of one row; each drills down to its clients (`ladder`: the rung or the
    movement; the last column, all the clients counted, without it)."""
    everyone = ("active", "counted")
    return [Cell(line[k], drill | ({} if k in everyone else {"ladder": k})) for k in keys]


def ladder_distribution(scope: ReportScope, *, on: date, shared: dict | None = None) -> Table:
    """Figure 5.7: per team the active clients on `on` per rung, and of unknown rung."""
    columns = [Column("name", _("Team"), "text")]
    columns += [Column(rung, _("Trede %(rung)s") % {"rung": rung}) for rung in RUNGS]
    columns += [Column(UNKNOWN, _("Onbekend")), Column("active", _("Actieve cliënten"))]
    table = Table(
        "ladder_distribution",
        _("Cliënten per trede van de participatieladder"),
        columns,
        note=_(
            "Stand op %(day)s, van de actieve cliënten: de laatste trede die op of vóór die dag "
            "is vastgelegd. Onbekend: nog geen trede vastgelegd."
        )
        % {"day": on.strftime("%d-%m-%Y")},
    )
    counts = rung_counts(scope.clients_on(on), on)
    drill = scope_filters(scope) | {"on": on.isoformat()}
    return _per_team(table, scope, counts, empty_distribution(), drill)


def ladder_movement(scope: ReportScope, *, on: date, shared: dict | None = None) -> Table:
    """Figure 5.8: per team how the clients moved on the ladder in the year up to `on`."""
    start = year_before(on)
    columns = [Column("name", _("Team"), "text")]
    columns += [Column(key, str(label)) for key, label in MOVEMENT_LABELS.items()]
    columns.append(Column("counted", _("Cliënten met een bekende trede")))
    table = Table(
        "ladder_movement",
        _("Beweging op de participatieladder in een jaar"),
        columns,
        note=_(
            "Van %(start)s tot %(end)s: de cliënten die op %(start)s actief waren met een "
            "bekende trede. Uit beeld: op %(end)s niet meer actief."
        )
        % {"start": start.strftime("%d-%m-%Y"), "end": on.strftime("%d-%m-%Y")},
    )
    counts = movement_counts(scope.clients_on(start), start, on)
    drill = scope_filters(scope) | {"start": start.isoformat(), "end": on.isoformat()}
    return _per_team(table, scope, counts, empty_movement(), drill)


def _counts_but_the_last(table: Table) -> list[Series]:
    """A series per count column, without the last (all the clients counted)."""
    return [Series(c.label, table.column(c.key)) for c in table.columns[1:-1]]


DISTRIBUTION_CHART = ChartSpec(
    "chart-ladder-distribution",
    series=_counts_but_the_last,
    y_label=gettext_lazy("Cliënten"),
    stacked=True,
    counts=True,
)
MOVEMENT_CHART = ChartSpec(
    "chart-ladder-movement",
    series=_counts_but_the_last,
    y_label=gettext_lazy("Cliënten"),
    stacked=True,
    counts=True,
)
