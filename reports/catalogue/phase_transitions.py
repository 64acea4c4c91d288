"""Phase transitions: from which phase to which the clients moved in a period."""

from datetime import date

from django.db.models import Count, F, FilteredRelation, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from common.tables import Cell, Column, Table
from phases.models import PhasePeriod
from reports.charts import ChartSpec, column_series
from reports.permissions import ReportScope

from .shared import PHASES, START, scope_filters


def phase_transitions(scope: ReportScope, *, start: date, end: date) -> Table:
    """From which phase to which the clients moved in [start, end], a first phase included;
    regressions are moves to a lower phase, skips moves up by more than one."""
    # The period before: the client's period that ended on the day this one started.
    previous = FilteredRelation(
        "client__phase_periods", condition=Q(client__phase_periods__ended_on=F("started_on"))
    )
    counts = {
        (row["previous__phase"] or START, row["phase"]): row["n"]
        for row in scope.dated(
            PhasePeriod.objects.filter(started_on__range=(start, end)), "started_on"
        )
        .annotate(previous=previous)
        .values("previous__phase", "phase")
        .annotate(n=Count("id"))
        .order_by()
    }
    table = Table(
        "phase_transitions",
        _("Faseovergangen"),
        [Column("from", _("Van"), "text")]
        + [Column(f"to_{code}", _("Naar fase %(phase)s") % {"phase": code}) for code in PHASES]
        + [
            Column("total", _("Totaal")),
            Column("down", _("Terugval")),
            Column("skip", _("Fase overgeslagen")),
        ],
        note=_("Overgangen met een ingangsdatum van %(start)s tot en met %(end)s.")
        % {"start": start.strftime("%d-%m-%Y"), "end": end.strftime("%d-%m-%Y")},
    )
    base = scope_filters(scope) | {"start": start.isoformat(), "end": end.isoformat()}
    for origin in [START, *PHASES]:
        label = _("Eerste fase") if origin == START else _("Fase %(phase)s") % {"phase": origin}
        moves = [counts.get((origin, code), 0) for code in PHASES]
        pairs = list(zip(PHASES, moves, strict=True)) if origin != START else []
        down = sum(n for code, n in pairs if code < origin)
        skip = sum(n for code, n in pairs if int(code) > int(origin) + 1)
        table.rows.append(
            [Cell(label)]
            + [
                Cell(n, base | {"transition": f"{origin}-{code}"})
                for code, n in zip(PHASES, moves, strict=True)
            ]
            + [Cell(sum(moves)), Cell(down), Cell(skip)]
        )
    table.totals = [Cell(_("Totaal"))] + [
        Cell(sum(row[i].value for row in table.rows)) for i in range(1, len(table.columns))
    ]
    return table


CHART = ChartSpec(
    "chart-transitions",
    series=column_series(1, 1 + len(PHASES)),  # to each phase
    y_label=gettext_lazy("Overgangen"),
    counts=True,
    x_label=gettext_lazy("Van"),
    stacked=True,
)
