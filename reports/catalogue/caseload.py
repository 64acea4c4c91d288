"""Caseload per caseworker (or per team): active clients by phase against the guideline per fte,
with open signals by kind and overdue agreements."""

from datetime import date
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from common.tables import Cell, Column, Table
from norms.selectors import norm_in_force
from reports.charts import ChartSpec, Series
from reports.permissions import ReportScope
from reports.today_figures import summed_by, today_counts

from .shared import NO_CASEWORKER, PHASES, Groups, scope_filters, totals_row


def caseload_per_caseworker(scope: ReportScope, *, today: date) -> Table:
    """Active clients per caseworker (or per team) by phase, against the guideline per fte,
    with open signals by kind and overdue agreements."""
    groups = Groups(scope)
    norm = norm_in_force(today)
    counts = summed_by(today_counts(scope, today), groups.key)
    table = Table(
        "caseload",
        _("Caseload per casemanager") if groups.by_caseworker else _("Caseload per team"),
        _columns(groups),
        note=_("Actieve cliënten op %(day)s; richtlijn %(norm)s cliënten per fte.")
        % {"day": today.strftime("%d-%m-%Y"), "norm": norm.clients_per_fte},
    )
    base = scope_filters(scope)
    for member in groups.rows():
        row = counts.get(member.pk if member is not None else None, {})
        drill = base | groups.filters(member)
        table.rows.append(
            [
                Cell(groups.label(member)),
                *_client_cells(groups, member, row, drill, norm.clients_per_fte),
                Cell(row.get("signal_no_contact", 0), drill | {"signal": "no_contact"}),
                Cell(row.get("signal_stalled_phase", 0), drill | {"signal": "stalled_phase"}),
                Cell(row.get("overdue", 0), drill | {"overdue": "1"}),
            ]
        )
    table.totals = totals_row(table, base)
    return table


def _columns(groups: Groups) -> list[Column]:
    columns = [Column("name", groups.name_column_label(), "text")]
    if groups.by_caseworker:
        columns.append(Column("fte", _("Fte"), "decimal"))
    columns += [Column("clients", _("Cliënten"))]
    columns += [Column(f"phase_{code}", _("Fase %(phase)s") % {"phase": code}) for code in PHASES]
    columns.append(Column("no_phase", _("Geen fase")))
    if groups.by_caseworker:
        columns += [
            Column("per_fte", _("Cliënten per fte"), "decimal"),
            Column("above_guideline", _("Boven richtlijn"), "text"),
        ]
    else:
        columns.append(Column("without_caseworker", _("Zonder vaste contactpersoon")))
    return [
        *columns,
        Column("no_contact", _("Signaal: geen contact")),
        Column("stalled", _("Signaal: geen voortgang")),
        Column("overdue", _("Verlopen afspraken")),
    ]


def _client_cells(
    groups: Groups, member: Any, row: dict[str, Any], drill: dict[str, str], guideline: Any
) -> list[Cell]:
    """The fte (per caseworker), the clients by phase, and the load against the guideline (per
    caseworker) or the clients without a fixed contact person (per team)."""
    cells = [Cell(member.fte if member is not None else None)] if groups.by_caseworker else []
    cells.append(Cell(row.get("total", 0), drill))
    cells += [Cell(row.get(f"phase_{code}", 0), drill | {"phase": code}) for code in PHASES]
    cells.append(Cell(row.get("no_phase", 0), drill | {"phase": "none"}))
    if not groups.by_caseworker:
        without = row.get("without_caseworker", 0)
        return [*cells, Cell(without, drill | {"caseworker": NO_CASEWORKER})]
    per_fte = (
        round(row.get("total", 0) / float(member.fte), 1)
        if member is not None and member.fte
        else None
    )
    above = per_fte is not None and per_fte > guideline
    return [
        *cells,
        Cell(per_fte),
        Cell(_("ja") if above else ("–" if per_fte is None else _("nee"))),
    ]


def _series(table: Table) -> list[Series]:
    """Stacked: the clients per phase, and those without a phase."""
    return [
        Series(_("Fase %(phase)s") % {"phase": code}, table.column(f"phase_{code}"))
        for code in PHASES
    ] + [Series(_("Geen fase"), table.column("no_phase"))]


CHART = ChartSpec(
    "chart-caseload", series=_series, y_label=gettext_lazy("Cliënten"), stacked=True, counts=True
)
