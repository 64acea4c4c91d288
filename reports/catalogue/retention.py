"""Figure 5.2 of the study: a year after a placement at a regular employer, still at the same
employer, at another (or self-employed), or not working."""

from datetime import date
from typing import Any

from django.db.models import Count, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from common.tables import Cell, Column, Table
from reports.charts import ChartSpec, Series
from reports.permissions import ReportScope
from work.flow import retention_of_placements
from work.models import Job
from work.selectors import Retention

from .placements import year_filters
from .shared import Groups, scope_filters

STATUSES = {
    Retention.SAME_EMPLOYER: gettext_lazy("Zelfde werkgever"),
    Retention.OTHER_EMPLOYER: gettext_lazy("Andere werkgever of zelfstandig"),
    Retention.NOT_WORKING: gettext_lazy("Niet aan het werk"),
}


def _counts() -> dict[str, Count]:
    return {
        "placements": Count("id"),
        **{status: Count("id", filter=Q(retention=status)) for status in STATUSES},
    }


def _placements(scope: ReportScope, year: int, today: date) -> Any:
    start, end = date(year, 1, 1), date(year, 12, 31)
    jobs = scope.dated(Job.objects.all(), "started_on")
    return retention_of_placements(start, end, today=today, jobs=jobs)


def retention_counts(scope: ReportScope, *, year: int, today: date) -> dict[str, int]:
    """The year's placements at a regular employer whose one-year mark is `today` or earlier,
    and how many of them were at the same employer, another, or not working on that mark."""
    return _placements(scope, year, today).aggregate(**_counts())


def retention(scope: ReportScope, *, year: int, today: date) -> Table:
    """Per team (or caseworker of one team) the retention a year after the placements of
    `year`, counts and shares."""
    groups = Groups(scope)
    placed, key = groups.then(_placements(scope, year, today), "started_on")
    found = placed.values(key).annotate(**_counts()).order_by()
    counts = {row[key]: row for row in found}
    table = Table(
        "retention",
        _("Een jaar na plaatsing nog aan het werk (figuur 5.2)"),
        [
            Column("name", groups.name_column_label(), "text"),
            Column("placements", _("Plaatsingen met een jaar verstreken")),
            *(Column(status, str(label)) for status, label in STATUSES.items()),
            *(
                Column(f"{status}_share", _("%(status)s (%%)") % {"status": label}, "percent")
                for status, label in STATUSES.items()
            ),
        ],
        note=_(
            "Plaatsingen bij een reguliere werkgever in %(year)s, voor zover een jaar na de "
            "start vandaag of eerder valt; de stand op die dag. Zelfde werkgever: hetzelfde "
            "loonheffingennummer."
        )
        % {"year": year},
    )
    base = scope_filters(scope) | year_filters(year)
    for member in groups.rows(counts):
        row = counts.get(member.pk if member is not None else None, {})
        table.rows.append(_row(groups.label(member), row, base | groups.filters(member)))
    totals = {
        name: sum(row.get(name, 0) for row in counts.values()) for name in ("placements", *STATUSES)
    }
    table.totals = _row(_("Totaal"), totals, base)
    return table


def _row(label: Any, row: dict[str, int], drill: dict[str, str]) -> list[Cell]:
    total = row.get("placements", 0)
    return [
        Cell(label),
        Cell(total, drill | {"work": "retention"}),
        *(Cell(row.get(status, 0), drill | {"work": status}) for status in STATUSES),
        *(Cell(row.get(status, 0) / total if total else None) for status in STATUSES),
    ]


def _series(table: Table) -> list[Series]:
    """Stacked shares per row, and for the whole scope (the totals row) last."""
    rows = [*table.rows, *([table.totals] if table.totals else [])]
    first = 2 + len(STATUSES)  # the first share column
    return [
        Series(str(label), [_percent(row[first + index].value) for row in rows])
        for index, label in enumerate(STATUSES.values())
    ]


def _percent(share: float | None) -> float | None:
    return None if share is None else share * 100


def _categories(table: Table) -> list[str]:
    rows = [*table.rows, *([table.totals] if table.totals else [])]
    return [str(row[0].value) for row in rows]


CHART = ChartSpec(
    "chart-retention",
    series=_series,
    categories=_categories,
    y_label=gettext_lazy("Aandeel van de plaatsingen (%)"),
    stacked=True,
    percent=True,
)
