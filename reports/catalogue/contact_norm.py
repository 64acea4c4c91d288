"""The contact norm on a day: per caseworker (or team) the clients it applies to, how many were
spoken in the window up to that day, and the share."""

from datetime import date
from typing import Any

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from common.tables import Cell, Column, Table
from norms.selectors import norm_in_force
from reports.charts import ChartSpec, percent_series
from reports.permissions import ReportScope
from reports.today_figures import summed_by, today_counts
from signals.selectors import contact_norm_population, spoken_within_norm

from .shared import Groups, scope_filters


def contact_norm(scope: ReportScope, *, on: date) -> Table:
    """Per caseworker (or team): the clients the contact norm applies to on `on`, how many were
    spoken in the window up to `on`, and the share."""
    groups = Groups(scope)
    counts = _counts(scope, groups, on)
    table = Table(
        "contact_norm",
        _("Contactnorm: cliënten gesproken in het afgelopen jaar"),
        [
            Column("name", groups.name_column_label(), "text"),
            Column("population", _("Cliënten onder de norm")),
            Column("spoken", _("Gesproken")),
            Column("not_spoken", _("Niet gesproken")),
            Column("share", _("Aandeel gesproken"), "percent"),
        ],
        note=_(
            "Stand op %(day)s. Telt mee: actief, minstens het hele venster in zorg en zonder "
            "contactvrijstelling. Gesproken: een gehouden gesprek met de cliënt, niet "
            "schriftelijk."
        )
        % {"day": on.strftime("%d-%m-%Y")},
    )
    base = scope_filters(scope) | {"on": on.isoformat()}
    for member in groups.rows(counts):
        row = counts.get(member.pk if member is not None else None, {})
        drill = base | groups.filters(member)
        table.rows.append(
            _row(groups.label(member), row.get("norm_population", 0), row.get("spoken", 0), drill)
        )
    total = sum(r[1].value for r in table.rows)
    spoken = sum(r[2].value for r in table.rows)
    table.totals = _row(_("Totaal"), total, spoken, base)
    return table


def _counts(scope: ReportScope, groups: Groups, on: date) -> dict[Any, dict[str, int]]:
    """Per caseworker (or team): the clients under the norm and those spoken, in the scope's
    teams on `on` (each counted in its team then); today's from the cached counts of today."""
    if on == timezone.localdate():
        return summed_by(today_counts(scope, on), groups.key)
    norm = norm_in_force(on)
    clients, key = groups.then(scope.clients_on(on), on, client="")
    population = contact_norm_population(on, norm, clients=clients)
    return {
        row[key]: {"norm_population": row["population"], "spoken": row["spoken_count"]}
        for row in population.annotate(spoken=spoken_within_norm(on, norm))
        .values(key)
        .annotate(population=Count("id"), spoken_count=Count("id", filter=Q(spoken=True)))
        .order_by()
    }


def _row(label: Any, total: int, spoken: int, drill: dict[str, str]) -> list[Cell]:
    return [
        Cell(label),
        Cell(total, drill | {"norm": "population"}),
        Cell(spoken, drill | {"norm": "spoken"}),
        Cell(total - spoken, drill | {"norm": "not_spoken"}),
        Cell(spoken / total if total else None),
    ]


CHART = ChartSpec(
    "chart-contact-norm",
    series=percent_series(gettext_lazy("Aandeel gesproken"), "share"),
    y_label=gettext_lazy("Aandeel gesproken (%)"),
    percent=True,
)
