"""Bought trajectories per service type and provider: how they stand, their outcomes, cost and
repeat purchases."""

from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from common.tables import Cell, Column, Table
from interventions.models import Trajectory
from reports.charts import ChartSpec, Series
from reports.permissions import ReportScope

from .shared import scope_filters

STATUSES = Trajectory.Status
OUTCOMES = Trajectory.Outcome


def trajectories_report(scope: ReportScope, *, start: date, end: date) -> Table:
    """Trajectories bought in [start, end] per service type and provider: how they stand, their
    outcomes, cost and repeat purchases."""
    rows = (
        scope.dated(Trajectory.objects.filter(purchased_on__range=(start, end)), "purchased_on")
        .values(
            "service_type", "service_type__code", "service_type__name", "provider", "provider__name"
        )
        .annotate(
            bought=Count("id"),
            **{f"status_{s}": Count("id", filter=Q(status=s)) for s in STATUSES.values},
            **{f"outcome_{o}": Count("id", filter=Q(outcome=o)) for o in OUTCOMES.values},
            cost=Sum("cost"),
            repeats=Count("id", filter=~Q(repeat_justification="")),
        )
        .order_by("service_type__code", "provider__name")
    )
    table = Table(
        "trajectories",
        _("Ingekochte trajecten"),
        _columns(),
        note=_("Ingekocht van %(start)s tot en met %(end)s.")
        % {"start": start.strftime("%d-%m-%Y"), "end": end.strftime("%d-%m-%Y")},
    )
    base = scope_filters(scope) | {"start": start.isoformat(), "end": end.isoformat()}
    for found in rows:
        table.rows.append(_row(dict(found), base))
    table.totals = _totals(table)
    return table


def _columns() -> list[Column]:
    return (
        [Column("service", _("Dienst"), "text"), Column("provider", _("Aanbieder"), "text")]
        + [Column("bought", _("Ingekocht"))]
        + [Column(f"status_{s}", str(label)) for s, label in STATUSES.choices]
        + [Column(f"outcome_{o}", str(label)) for o, label in OUTCOMES.choices]
        + [
            Column("cost", _("Kosten totaal (€)"), "decimal"),
            Column("average", _("Gemiddeld (€)"), "decimal"),
            Column("repeats", _("Herhaalde inkoop")),
        ]
    )


def _row(row: dict[str, Any], base: dict[str, str]) -> list[Cell]:
    """One service type from one provider; its counts open the trajectories' clients."""
    drill = base | {"service_type": str(row["service_type"]), "provider": str(row["provider"])}
    return (
        [
            Cell(row["service_type__name"]),
            Cell(row["provider__name"]),
            Cell(row["bought"], drill),
        ]
        + [Cell(row[f"status_{s}"], drill | {"trajectory_status": s}) for s in STATUSES.values]
        + [Cell(row[f"outcome_{o}"], drill | {"outcome": o}) for o in OUTCOMES.values]
        + [
            Cell(row["cost"] or Decimal(0)),
            Cell((row["cost"] or Decimal(0)) / row["bought"]),
            Cell(row["repeats"]),
        ]
    )


def _totals(table: Table) -> list[Cell]:
    bought = sum(r[2].value for r in table.rows)
    total_cost = sum((r[-3].value for r in table.rows), Decimal(0))
    return (
        [Cell(_("Totaal")), Cell("")]
        + [Cell(sum(r[i].value for r in table.rows)) for i in range(2, len(table.columns) - 3)]
        + [
            Cell(total_cost),
            Cell(total_cost / bought if bought else None),
            Cell(sum(r[-1].value for r in table.rows)),
        ]
    )


def _categories(table: Table) -> list[str]:
    return [f"{row[0].value} – {row[1].value}" for row in table.rows]


def _series(table: Table) -> list[Series]:
    """Stacked: how the trajectories stand, a series per status."""
    statuses = [c for c in table.columns if c.key.startswith("status_")]
    return [Series(c.label, table.column(c.key)) for c in statuses]


CHART = ChartSpec(
    "chart-trajectories",
    series=_series,
    categories=_categories,
    y_label=gettext_lazy("Trajecten"),
    counts=True,
    x_label=gettext_lazy("Dienst en aanbieder"),
    stacked=True,
)
