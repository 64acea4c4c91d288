"""Table 2 of the letter to Parliament: placements in a year against the team's share of the
national norm, and contract renewals."""

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Count, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from clients.models import Client
from clients.querysets import active_on_q
from common.tables import Cell, Column, Table
from norms.selectors import NoNormInForce, norm_in_force
from reports.charts import ChartSpec, named_series
from reports.permissions import ReportScope
from work.flow import placements_started, renewals_dated
from work.models import Job, JobRenewal

from .phase_distribution import round_half_up
from .shared import Groups, scope_filters


def reference_date(year: int, today: date) -> date:
    """The day a year's norm share is taken on: its last day, or today in the current year."""
    return min(date(year, 12, 31), today)


def year_filters(year: int) -> dict[str, str]:
    """The drill-down's period for a figure about events dated in `year`."""
    return {"start": date(year, 1, 1).isoformat(), "end": date(year, 12, 31).isoformat()}


@dataclass(frozen=True)
class NormShare:
    """The national placement norm in force on the reference date and the active clients
    then, in all teams: a group's share of the norm follows from its own active clients."""

    on: date
    norm: int | None  # None: no norm version was in force yet
    all_active: int

    def share(self, active: int) -> int | None:
        """norm × the group's active clients / all active clients on the reference date,
        rounded half up to whole placements; None while nobody is active or without a norm."""
        if not self.all_active or self.norm is None:
            return None
        return round_half_up(self.norm * active / self.all_active)


def norm_share(year: int, today: date) -> NormShare:
    on = reference_date(year, today)
    try:
        norm: int | None = norm_in_force(on).placements_per_year
    except NoNormInForce:
        norm = None
    return NormShare(on, norm, Client.objects.filter(active_on_q(on)).count())


def placements(scope: ReportScope, *, year: int, today: date) -> Table:
    """Per team (or caseworker of one team): the active clients on the reference date, the
    share of the national norm they give, the placements in `year` against that share, and
    the contract renewals dated in `year`."""
    groups = Groups(scope)
    start, end = date(year, 1, 1), date(year, 12, 31)
    shares = norm_share(year, today)
    jobs, by = groups.then(scope.dated(Job.objects.all(), "started_on"), "started_on")
    placed = _counts(placements_started(start, end, jobs).values(by), by)
    renewals, by_renewal = groups.then(
        scope.dated(JobRenewal.objects.all(), "renewed_on", client="job__client"),
        "renewed_on",
        client="job__client",
    )
    renewed = {
        row[by_renewal]: row
        for row in renewals_dated(start, end, renewals)
        .values(by_renewal)
        .annotate(count=Count("id"), permanent=Count("id", filter=Q(made_permanent=True)))
        .order_by()
    }
    clients, active_then = groups.then(scope.clients_on(shares.on), shares.on, client="")
    active = _counts(clients.filter(active_on_q(shares.on)).values(active_then), active_then)
    table = Table(
        "placements",
        _("Plaatsingen tegen de norm en contractverlengingen"),
        _columns(groups),
    )
    table.note = _(
        "Plaatsingen en verlengingen in %(year)s. Norm: %(norm)s plaatsingen per jaar "
        "landelijk, naar rato van de actieve cliënten op %(day)s verdeeld. Twee banen die een "
        "cliënt op dezelfde dag begint, tellen als één plaatsing."
    ) % {
        "year": year,
        "norm": "–" if shares.norm is None else shares.norm,
        "day": shares.on.strftime("%d-%m-%Y"),
    }
    base = scope_filters(scope)
    for member in groups.rows({*active, *placed, *renewed}):
        key = member.pk if member is not None else None
        figures = {"active": active.get(key, 0), "placed": placed.get(key, 0)}
        figures |= renewed.get(key, {})
        drill = base | groups.filters(member)
        table.rows.append(_row(groups.label(member), figures, shares, year, drill))
    # The whole scope, not the rows shown (they are the same now: anyone counted has a row).
    totals = {
        "active": sum(active.values()),
        "placed": sum(placed.values()),
        "count": sum(row["count"] for row in renewed.values()),
        "permanent": sum(row["permanent"] for row in renewed.values()),
    }
    table.totals = _row(_("Totaal"), totals, shares, year, base)
    return table


def _counts(rows: Any, key: str) -> dict[Any, int]:
    return {row[key]: row["count"] for row in rows.annotate(count=Count("id")).order_by()}


def _columns(groups: Groups) -> list[Column]:
    return [
        Column("name", groups.name_column_label(), "text"),
        Column("active", _("Actieve cliënten op peildatum")),
        Column("norm_share", _("Aandeel in de norm")),
        Column("placements", _("Plaatsingen")),
        Column("of_norm", _("Deel van de norm behaald"), "percent"),
        Column("renewals", _("Contractverlengingen")),
        Column("made_permanent", _("Waarvan vast geworden")),
    ]


def _row(
    label: Any, figures: dict[str, int], shares: NormShare, year: int, drill: dict[str, str]
) -> list[Cell]:
    """One group's cells; `figures` holds active, placed, count (renewals) and permanent."""
    share = shares.share(figures["active"])
    placed = figures["placed"]
    dated = drill | year_filters(year)
    return [
        Cell(label),
        Cell(figures["active"], drill | {"on": shares.on.isoformat()}),
        Cell(share),
        Cell(placed, dated | {"work": "placed"}),
        Cell(placed / share if share else None),
        Cell(figures.get("count", 0), dated | {"work": "renewed"}),
        Cell(figures.get("permanent", 0), dated | {"work": "made_permanent"}),
    ]


CHART = ChartSpec(
    "chart-placements",
    series=named_series(
        (gettext_lazy("Plaatsingen"), "placements"),
        (gettext_lazy("Aandeel in de norm"), "norm_share"),
    ),
    y_label=gettext_lazy("Plaatsingen"),
    counts=True,
)
