"""Referrals to the social map (schakelfunctie): referrals per year by kind of organisation,
the share of phase-1 clients reached, and how the year's referrals went."""

from datetime import date
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from common.tables import Cell, Column, Table
from referrals.figures import phase_1_reach, reach_window, referrals_by
from referrals.models import Organisation, Referral
from reports.charts import ChartSpec, named_series, percent_series
from reports.permissions import ReportScope

from .placements import year_filters
from .shared import Groups, scope_filters, totals_row

KINDS = Organisation.Kind
STATUSES = Referral.Status


def _per_code(
    scope: ReportScope, *, year: int, field: str, codes: Any, key: str, title: str, note: str
) -> Table:
    """Per group, the referrals dated in `year` per code of `field`, each with its drill-down."""
    groups = Groups(scope)
    referrals, by = groups.then(scope.dated(Referral.objects.all(), "referred_on"), "referred_on")
    counts = referrals_by(
        referrals,
        by,
        date(year, 1, 1),
        date(year, 12, 31),
        field,
    )
    columns = [Column("name", groups.name_column_label(), "text")]
    columns += [Column(code, str(label)) for code, label in codes.choices]
    columns.append(Column("total", _("Totaal")))
    table = Table(key, title, columns)
    table.note = note
    base = scope_filters(scope) | year_filters(year)
    for member in groups.rows(group for group, _code in counts):
        group = member.pk if member is not None else None
        drill = base | groups.filters(member)
        cells = [Cell(groups.label(member))]
        cells += [
            Cell(counts.get((group, code), 0), drill | {"referral": code}) for code in codes.values
        ]
        cells.append(Cell(sum(c.value for c in cells[1:]), drill | {"referral": "any"}))
        table.rows.append(cells)
    table.totals = totals_row(table, base)
    return table


def referrals_per_kind(scope: ReportScope, *, year: int, today: date) -> Table:
    return _per_code(
        scope,
        year=year,
        field="organisation__kind",
        codes=KINDS,
        key="referrals_per_kind",
        title=_("Doorverwijzingen per soort organisatie"),
        note=_("Doorverwijzingen met een verwijsdatum in %(year)s.") % {"year": year},
    )


def referral_outcomes(scope: ReportScope, *, year: int, today: date) -> Table:
    return _per_code(
        scope,
        year=year,
        field="status",
        codes=STATUSES,
        key="referral_outcomes",
        title=_("Hoe de doorverwijzingen verliepen"),
        note=_("De status nu van de doorverwijzingen met een verwijsdatum in %(year)s.")
        % {"year": year},
    )


def phase_1_reached(scope: ReportScope, *, on: date, **_shared: Any) -> Table:
    """Per group, the active clients in phase 1 on `on` and the share of them referred to the
    social map in the year up to that day."""
    groups = Groups(scope)
    reach = phase_1_reach(*groups.then(scope.clients_on(on), on, client=""), on)
    start, end = reach_window(on)
    table = Table(
        "phase_1_referred",
        _("Cliënten in fase 1 met een doorverwijzing"),
        [
            Column("name", groups.name_column_label(), "text"),
            Column("phase_1", _("In fase 1")),
            Column("referred", _("Doorverwezen in het jaar ervoor")),
            Column("share", _("Aandeel doorverwezen"), "percent"),
        ],
    )
    table.note = _(
        "Actieve cliënten in fase 1 op %(day)s, en wie van hen van %(start)s tot en met die dag "
        "is doorverwezen (welke status de verwijzing nu ook heeft). Een jaar terugkijken telt "
        "ook wie al klaar is bij de organisatie."
    ) % {
        "day": on.strftime("%d-%m-%Y"),
        "start": start.strftime("%d-%m-%Y"),
    }
    base = scope_filters(scope)
    window = {"start": start.isoformat(), "end": end.isoformat()}
    for member in groups.rows(reach):
        total, referred = reach.get(member.pk if member is not None else None, (0, 0))
        drill = base | groups.filters(member)
        table.rows.append(_reach_row(groups.label(member), total, referred, on, drill, window))
    total = sum(row[1].value for row in table.rows)
    referred = sum(row[2].value for row in table.rows)
    table.totals = _reach_row(_("Totaal"), total, referred, on, base, window)
    return table


def _reach_row(
    label: Any, total: int, referred: int, on: date, drill: dict, window: dict
) -> list[Cell]:
    return [
        Cell(label),
        Cell(total, drill | {"on": on.isoformat(), "phase": "1"}),
        Cell(referred, drill | window | {"referral": "phase_1"}),
        Cell(referred / total if total else None),
    ]


def _stacked_by_code(chart_id: str, codes: Any) -> ChartSpec:
    """Bars per group, stacked by the codes' columns (kinds or statuses)."""
    return ChartSpec(
        chart_id,
        series=named_series(*((label, code) for code, label in codes.choices)),
        y_label=gettext_lazy("Doorverwijzingen"),
        stacked=True,
        counts=True,
    )


KIND_CHART = _stacked_by_code("chart-referrals-per-kind", KINDS)
OUTCOME_CHART = _stacked_by_code("chart-referral-outcomes", STATUSES)
REACH_CHART = ChartSpec(
    "chart-phase-1-referred",
    series=percent_series(gettext_lazy("Aandeel doorverwezen"), "share"),
    y_label=gettext_lazy("Aandeel doorverwezen (%)"),
    percent=True,
)
