"""Production: conversation minutes as conversation equivalents (GE) per caseworker (or team)
and month, against the target per fte."""

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.db.models import Sum
from django.db.models.functions import ExtractMonth
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import User
from accounts.roles import Role
from common.dates import month_ends
from common.tables import Cell, Column, Table
from common.templatetags.dutch import month_short
from interventions.models import Conversation
from norms.selectors import norm_in_force
from reports.charts import ChartSpec, named_series
from reports.permissions import ReportScope

from .shared import Groups, scope_filters


def production(scope: ReportScope, *, year: int, today: date) -> Table:
    """Conversation minutes as conversation equivalents (GE) per caseworker (or team) and month,
    against the target per fte for the months so far."""
    last = min(date(year, 12, 31), today)
    months = list(range(1, last.month + 1))
    norm = norm_in_force(last)
    per_ge = norm.minutes_per_conversation_equivalent
    groups = Groups(scope)
    members = groups.members()
    minutes = _minutes(groups, members, date(year, 1, 1), last)
    fte = _fte_per_member(groups, members)
    table = Table(
        "production",
        _("Productie in gespreksequivalenten (GE)"),
        [Column("name", groups.name_column_label(), "text")]
        + [Column(f"m{m}", month_short(date(year, m, 1)), "decimal") for m in months]
        + [
            Column("total", _("Totaal GE"), "decimal"),
            Column("target", _("Target GE"), "decimal"),
            Column("share", _("Van target"), "percent"),
        ],
        note=_(
            "1 GE = %(minutes)s minuten gesprek; target %(target)s GE per fte per jaar, naar rato "
            "van de maanden tot nu. Gesprekken zonder duur tellen niet mee."
        )
        % {
            "minutes": number_format(per_ge.normalize(), force_grouping=True),
            "target": number_format(norm.production_target_per_fte, force_grouping=True),
        },
    )
    base = scope_filters(scope)
    for member in members:
        cells = [Cell(str(member))]
        total = Decimal(0)
        for month in months:
            ge = Decimal(minutes.get((member.pk, month), 0)) / per_ge
            total += ge
            drill = base | _month_filters(member, year, month)
            cells.append(Cell(round(ge, 1), drill if groups.by_caseworker else None))
        target = Decimal(fte[member.pk]) * norm.production_target_per_fte * len(months) / 12
        cells += [
            Cell(round(total, 1)),
            Cell(round(target, 1)),
            Cell(float(total / target) if target else None),
        ]
        table.rows.append(cells)
    return table


def _minutes(
    groups: Groups, members: list[Any], first: date, last: date
) -> dict[tuple[Any, int], int]:
    """Minutes of held conversations per (caseworker or team, month) in [first, last]."""
    held = Conversation.objects.filter(
        status=Conversation.Status.HELD, held_on__range=(first, last)
    )
    if groups.by_caseworker:
        key = "caseworker"
        held = held.filter(caseworker__in=[m.pk for m in members])
    else:
        key = "caseworker__memberships__team"
        held = held.filter(caseworker__memberships__team__in=[m.pk for m in members])
    return {
        (row[key], row["month"]): row["minutes"] or 0
        for row in held.annotate(month=ExtractMonth("held_on"))
        .values(key, "month")
        .annotate(minutes=Sum("duration_minutes"))
        .order_by()
    }


def _month_filters(member: Any, year: int, month: int) -> dict[str, str]:
    """The drill-down of one caseworker's month: the clients they spoke in it."""
    first = date(year, month, 1)
    return {
        "spoken_by": str(member.pk),
        "start": first.isoformat(),
        "end": month_ends(first, date(year, month, 28) + timedelta(days=4))[0].isoformat(),
    }


def _fte_per_member(groups: Groups, members: list[Any]) -> dict[int, Decimal]:
    if groups.by_caseworker:
        return {m.pk: m.fte for m in members}
    rows = (
        User.objects.filter(
            groups__name=Role.CASEWORKER.value, memberships__team__in=[m.pk for m in members]
        )
        .values("memberships__team")
        .annotate(fte=Sum("fte"))
        .order_by()
    )
    fte = dict.fromkeys((m.pk for m in members), Decimal(0))
    fte |= {row["memberships__team"]: row["fte"] for row in rows}
    return fte


CHART = ChartSpec(
    "chart-production",
    series=named_series(
        (gettext_lazy("Gerealiseerd"), "total"), (gettext_lazy("Target"), "target")
    ),
    y_label=gettext_lazy("Gespreksequivalenten"),
)
