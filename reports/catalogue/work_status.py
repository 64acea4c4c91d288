"""Who works on a day (tables 1b-1d and 5.1-5.3: at a regular employer, in or via the Wsw,
self-employed, the contracts) and with which support (table 3.7); the rules are in
`work.status_figures`."""

from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from common.tables import Cell, Column, Table
from reports.charts import ChartSpec, Series, percent_series
from reports.month_end_figures import work_groups_on
from reports.permissions import ReportScope
from work.models import Contract
from work.status_figures import counts_of_groups, summed_counts

from .shared import scope_filters


def percent(part: int, whole: int) -> Decimal | None:
    """`part` of `whole` in percent with one decimal, rounded half up (None for no whole)."""
    if not whole:
        return None
    return (Decimal(100 * part) / Decimal(whole)).quantize(Decimal("0.1"), ROUND_HALF_UP)


def share(part: int, whole: int) -> float | None:
    """The share (0..1) a table shows as a percentage with one decimal."""
    value = percent(part, whole)
    return None if value is None else float(value) / 100


def counted(scope: ReportScope, on: date, shared: dict | None) -> dict[int, dict[str, int]]:
    """Per team the counts of every line on `on` (stored for a past month-end, else live),
    counted once for the tables of one page (`shared` is the page's store)."""
    store = shared if shared is not None else {}
    key = ("work_status", on)
    if key not in store:
        store[key] = counts_of_groups(work_groups_on(scope, on))
    return store[key]


def work_status(scope: ReportScope, *, on: date) -> dict[str, Any]:
    """The figures of `GET /api/v1/reports/work/` for the scope on `on`."""
    counts = summed_counts(counted(scope, on, None))
    contracts = {c: counts[c] for c in Contract.values}
    return {
        "on": on,
        **{
            key: counts[key]
            for key in (
                "active",
                "regular",
                "sheltered",
                "employed",
                "self_employed_only",
                "self_employed_combined",
            )
        },
        "employed_share": percent(counts["employed"], counts["active"]),
        "contracts": contracts,
        "contract_shares": {c: percent(n, counts["regular"]) for c, n in contracts.items()},
        "provisions": {
            key: counts[key]
            for key in (
                "job_coach",
                "wage_dispensation",
                "transport",
                "other_provision",
                "any_provision",
            )
        },
    }


STATUS_COLUMNS = (
    ("active", gettext_lazy("Actieve cliënten")),
    ("regular", gettext_lazy("Reguliere werkgever")),
    ("sheltered", gettext_lazy("Wsw / beschut")),
    ("employed", gettext_lazy("Werkend in loondienst")),
    ("self_employed_only", gettext_lazy("Alleen zelfstandig")),
    ("self_employed_combined", gettext_lazy("Zelfstandig naast loondienst")),
)


def work_status_table(scope: ReportScope, *, on: date, shared: dict | None = None) -> Table:
    """Tables 1b-1d and 5.1-5.2: per team the active clients working on `on`, and the share."""
    per_team = counted(scope, on, shared)
    columns = [Column("name", _("Team"), "text")]
    columns += [Column(key, str(label)) for key, label in STATUS_COLUMNS]
    columns.insert(5, Column("employed_share", _("Aandeel werkend"), "percent"))
    table = Table(
        "work_status",
        _("Werkende cliënten"),
        columns,
        note=_(
            "Stand op %(day)s, van de actieve cliënten met arbeidsvermogen. Iedere cliënt telt "
            "één keer per regel: wie bij een reguliere werkgever én in de Wsw werkt, telt één "
            "keer als werkend in loondienst."
        )
        % {"day": on.strftime("%d-%m-%Y")},
    )
    base = scope_filters(scope) | {"on": on.isoformat()}
    teams = list(scope.teams())
    for team in teams:
        counts = per_team.get(team.pk) or dict.fromkeys(summed_counts({}), 0)
        table.rows.append(_status_row(team.name, counts, base | {"team": str(team.pk)}))
    if len(teams) > 1:
        table.totals = _status_row(_("Totaal"), summed_counts(per_team), base)
    return table


def _status_row(label: str, counts: dict[str, int], drill: dict[str, str]) -> list[Cell]:
    cells = [Cell(label)] + [Cell(counts[key], drill | {"work": key}) for key, _l in STATUS_COLUMNS]
    cells.insert(5, Cell(share(counts["employed"], counts["active"])))
    return cells


def contracts_table(scope: ReportScope, *, on: date, shared: dict | None = None) -> Table:
    """Table 5.3: the contracts of those at a regular employer on `on`, by the strongest."""
    table = Table(
        "work_contracts",
        _("Contracten bij een reguliere werkgever"),
        [Column("contract", _("Contract"), "text")],
        note=_(
            "Stand op %(day)s. Met meer dan één baan telt het sterkste contract: vast, dan "
            "tijdelijk, dan uitzend, zoals het op die dag gold."
        )
        % {"day": on.strftime("%d-%m-%Y")},
    )
    lines = [(contract.value, contract.label) for contract in Contract]
    return _of_regular(table, lines, summed_counts(counted(scope, on, shared)), scope, on)


PROVISION_ROWS = (
    ("job_coach", gettext_lazy("Jobcoach")),
    ("wage_dispensation", gettext_lazy("Loondispensatie")),
    ("transport", gettext_lazy("Vervoersvoorziening")),
    ("other_provision", gettext_lazy("Overige voorzieningen")),
    ("any_provision", gettext_lazy("Minstens één van deze")),
)


def provisions_table(scope: ReportScope, *, on: date, shared: dict | None = None) -> Table:
    """Table 3.7: of those at a regular employer on `on`, how many had support."""
    table = Table(
        "work_provisions",
        _("Werkend bij een reguliere werkgever met ondersteuning"),
        [Column("provision", _("Ondersteuning"), "text")],
        note=_(
            "Stand op %(day)s. Toegekend en geldig in de twee jaar tot die dag; loondispensatie: "
            "toegekend in de vijf jaar tot die dag (methode van tabel 3.7)."
        )
        % {"day": on.strftime("%d-%m-%Y")},
    )
    return _of_regular(table, PROVISION_ROWS, summed_counts(counted(scope, on, shared)), scope, on)


def _of_regular(
    table: Table, lines: Any, counts: dict[str, int], scope: ReportScope, on: date
) -> Table:
    """`table` with a row per line (key, label): the clients and their share of those at a
    regular employer, who are the totals row."""
    table.columns += [Column("clients", _("Cliënten")), Column("share", _("Aandeel"), "percent")]
    drill = scope_filters(scope) | {"on": on.isoformat()}
    for key, label in lines:
        table.add(
            str(label),
            Cell(counts[key], drill | {"work": key}),
            share(counts[key], counts["regular"]),
        )
    table.totals = [
        Cell(_("Bij een reguliere werkgever")),
        Cell(counts["regular"], drill | {"work": "regular"}),
        Cell(None),
    ]
    return table


def _counts(table: Table) -> list[Series]:
    return [Series(table.columns[1].label, table.column("clients"))]


STATUS_CHART = ChartSpec(
    "chart-work-status",
    series=percent_series(gettext_lazy("Aandeel werkend"), "employed_share"),
    y_label=gettext_lazy("Aandeel werkend (%)"),
    percent=True,
)
CONTRACTS_CHART = ChartSpec(
    "chart-work-contracts", series=_counts, y_label=gettext_lazy("Cliënten"), counts=True
)
PROVISIONS_CHART = ChartSpec(
    "chart-work-provisions", series=_counts, y_label=gettext_lazy("Cliënten"), counts=True
)
