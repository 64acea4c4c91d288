"""After a job ends (doorstroom na baaneinde): of the employer jobs ending in a year with no
other job running the day after, the share with new work directly, within half a year and
within a year."""

from datetime import date
from typing import Any

from django.db.models import Count, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from common.tables import Cell, Column, Table
from reports.charts import ChartSpec, percent_series
from reports.permissions import ReportScope
from work.flow import WINDOWS, job_endings, passed_q
from work.models import Job

from .placements import year_filters
from .shared import scope_filters

LABELS = {
    "direct": gettext_lazy("Direct (de dag erna)"),
    "half_year": gettext_lazy("Binnen een half jaar"),
    "year": gettext_lazy("Binnen een jaar"),
}


def after_job_end_counts(scope: ReportScope, *, year: int, today: date) -> dict[str, int]:
    """`ended`: the endings in `year`; per window `<window>_counted`: those whose window has
    passed by `today`, and `<window>_new`: of those, with new work within the window."""
    start, end = date(year, 1, 1), date(year, 12, 31)
    endings = job_endings(start, end, scope.dated(Job.objects.all(), "ended_on"))
    counts: dict[str, Any] = {"ended": Count("id")}
    for window in WINDOWS:
        counts[f"{window}_counted"] = Count("id", filter=passed_q(window, today))
        counts[f"{window}_new"] = Count(
            "id", filter=passed_q(window, today) & Q(**{f"new_{window}": True})
        )
    return endings.aggregate(**counts)


def after_job_end(scope: ReportScope, *, year: int, today: date) -> Table:
    """Per window: the year's job endings whose window has passed, how many of those clients
    had new work within it, and the share."""
    counts = after_job_end_counts(scope, year=year, today=today)
    table = Table(
        "after_job_end",
        _("Na een baaneinde: weer aan het werk"),
        [
            Column("window", _("Termijn"), "text"),
            Column("counted", _("Baaneinden met verstreken termijn")),
            Column("new_work", _("Met nieuw werk")),
            Column("share", _("Aandeel met nieuw werk"), "percent"),
        ],
        note=_(
            "%(ended)s banen bij een werkgever eindigden in %(year)s zonder dat de cliënt de "
            "dag erna nog ander werk had. Per termijn tellen alleen de baaneinden waarvan de "
            "termijn vandaag verstreken is; nieuw werk is een baan of eigen bedrijf dat na de "
            "laatste werkdag begint."
        )
        % {"ended": counts["ended"], "year": year},
    )
    drill = scope_filters(scope) | year_filters(year)
    for window in WINDOWS:
        counted, new = counts[f"{window}_counted"], counts[f"{window}_new"]
        table.rows.append(
            [
                Cell(str(LABELS[window])),
                Cell(counted, drill | {"work": f"ended_{window}"}),
                Cell(new, drill | {"work": f"new_{window}"}),
                Cell(new / counted if counted else None),
            ]
        )
    return table


CHART = ChartSpec(
    "chart-after-job-end",
    series=percent_series(gettext_lazy("Aandeel met nieuw werk"), "share"),
    y_label=gettext_lazy("Aandeel met nieuw werk (%)"),
    percent=True,
)
