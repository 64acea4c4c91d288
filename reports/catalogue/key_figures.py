"""The key figures: the Monday-morning answers, now and a year ago."""

from datetime import date

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from common.dates import months_back
from common.tables import Cell, Column, Table
from reports.charts import ChartSpec, Series, row_labels
from reports.month_end_figures import figures_on, summed
from reports.permissions import ReportScope
from reports.today_figures import today_counts, total

from .shared import scope_filters


def key_figures(scope: ReportScope, *, today: date) -> Table:
    """The Monday-morning answers: how many clients, how many not spoken in a year (now and a
    year ago), and how many are stuck in phases 1 to 3; each number opens its clients."""
    counts = today_counts(scope, today)
    year_ago = months_back(today, 13)[0]
    earlier = figures_on(scope, [year_ago], by=())[year_ago]
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
    not_spoken = total(counts, "norm_population") - total(counts, "spoken")
    table.add(
        _("Actieve cliënten"),
        Cell(total(counts, "total"), base),
        Cell(summed(earlier, "active"), None),
    )
    table.add(
        _("Niet gesproken in het afgelopen jaar"),
        Cell(not_spoken, base | {"norm": "not_spoken", "on": today.isoformat()}),
        Cell(
            summed(earlier, "norm_population") - summed(earlier, "spoken"),
            base | {"norm": "not_spoken", "on": year_ago.isoformat()},
        ),
    )
    for code in ("1", "2", "3"):
        table.add(
            _("Geen voortgang in fase %(phase)s") % {"phase": code},
            Cell(
                total(counts, f"stalled_{code}"), base | {"signal": "stalled_phase", "phase": code}
            ),
            Cell(None),
        )
    return table


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
