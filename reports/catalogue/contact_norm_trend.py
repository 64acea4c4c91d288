"""The contact norm per month: the share spoken at each month-end, from the month-end figures."""

from datetime import date

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from common.dates import months_back
from common.tables import Cell, Column, Table
from common.templatetags.dutch import month_short
from reports.charts import ChartSpec, percent_series, row_labels
from reports.month_end_figures import figures_on, summed
from reports.permissions import ReportScope

from .shared import scope_filters


def contact_norm_trend(scope: ReportScope, *, on: date, months: int = 24) -> Table:
    """The share spoken at each of the last `months` month-ends up to `on`."""
    table = Table(
        "contact_norm_trend",
        _("Contactnorm per maand"),
        [
            Column("month", _("Maand (einde)"), "text"),
            Column("population", _("Cliënten onder de norm")),
            Column("spoken", _("Gesproken")),
            Column("share", _("Aandeel gesproken"), "percent"),
        ],
        note=_("Per maandeinde de cliënten die toen in het team zaten."),
    )
    base = scope_filters(scope)
    if scope.caseworker is not None:
        base |= {"caseworker": str(scope.caseworker.pk)}
    figures = figures_on(scope, months_back(on, months), by=())
    for end, rows in figures.items():
        total, spoken = summed(rows, "norm_population"), summed(rows, "spoken")
        day = {"on": end.isoformat()}
        table.rows.append(
            [
                Cell(month_short(end)),
                Cell(total, base | day | {"norm": "population"}),
                Cell(spoken, base | day | {"norm": "spoken"}),
                Cell(spoken / total if total else None),
            ]
        )
    return table


CHART = ChartSpec(
    "chart-contact-trend",
    series=percent_series(gettext_lazy("Aandeel gesproken"), "share"),
    categories=row_labels,
    y_label=gettext_lazy("Aandeel gesproken (%)"),
    x_label=gettext_lazy("Maand"),
    line=True,
    percent=True,
)
