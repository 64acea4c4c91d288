"""The key figures: the Monday-morning answers, now and a year ago."""

from datetime import date
from typing import Any

from django.db.models import Count, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from clients.querysets import active_on_q
from common.dates import months_back
from common.tables import Cell, Column, Table
from norms.selectors import norm_in_force
from reports.charts import ChartSpec, Series, row_labels
from reports.month_end_figures import figures_on, summed
from reports.permissions import ReportScope
from signals.models import Signal
from signals.selectors import contact_norm_population, spoken_within_norm

from .shared import scope_filters


def key_figures(scope: ReportScope, *, today: date) -> Table:
    """The Monday-morning answers: how many clients, how many not spoken in a year (now and a
    year ago), and how many are stuck in phases 1 to 3; each number opens its clients."""
    norm = norm_in_force(today)
    population, spoken = _norm_counts(scope, today, norm)
    active = scope.clients().filter(active_on_q(today)).count()
    year_ago = months_back(today, 13)[0]
    earlier = figures_on(scope, [year_ago])[year_ago]
    stuck = {
        row["client__phase_periods__phase"]: row["n"]
        for row in Signal.objects.open()
        .filter(
            scope.over("client__"),
            active_on_q(today, prefix="client__"),
            kind=Signal.Kind.STALLED_PHASE,
            client__phase_periods__ended_on__isnull=True,
        )
        .values("client__phase_periods__phase")
        .annotate(n=Count("id"))
        .order_by()
    }
    table = Table(
        "key_figures",
        _("Kerncijfers"),
        [
            Column("figure", _("Cijfer"), "text"),
            Column("now", _("Nu")),
            Column(
                "year_ago", _("Een jaar eerder (%(day)s)") % {"day": year_ago.strftime("%d-%m-%Y")}
            ),
        ],
        note=_("Klik op een aantal voor de cliënten erachter."),
    )
    base = scope_filters(scope)
    table.add(_("Actieve cliënten"), Cell(active, base), Cell(summed(earlier, "active"), None))
    table.add(
        _("Niet gesproken in het afgelopen jaar"),
        Cell(population - spoken, base | {"norm": "not_spoken", "on": today.isoformat()}),
        Cell(
            summed(earlier, "norm_population") - summed(earlier, "spoken"),
            base | {"norm": "not_spoken", "on": year_ago.isoformat()},
        ),
    )
    for code in ("1", "2", "3"):
        table.add(
            _("Geen voortgang in fase %(phase)s") % {"phase": code},
            Cell(stuck.get(code, 0), base | {"signal": "stalled_phase", "phase": code}),
            Cell(None),
        )
    return table


def _norm_counts(scope: ReportScope, on: date, norm: Any) -> tuple[int, int]:
    result = (
        contact_norm_population(on, norm, clients=scope.clients())
        .annotate(spoken=spoken_within_norm(on, norm))
        .aggregate(population=Count("id"), spoken_count=Count("id", filter=Q(spoken=True)))
    )
    return result["population"], result["spoken_count"]


def _categories(table: Table) -> list[str]:
    return row_labels(table)[1:]  # the clients in total would dwarf the rest


def _series(table: Table) -> list[Series]:
    return [
        Series(table.columns[1].label, table.column("now")[1:]),
        Series(table.columns[2].label, table.column("year_ago")[1:]),
    ]


CHART = ChartSpec(
    "chart-key-figures",
    series=_series,
    categories=_categories,
    y_label=gettext_lazy("Cliënten"),
    counts=True,
)
