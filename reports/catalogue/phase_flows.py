"""The flow through the client phases (figures 5.9 and 5.10): of the clients who started phase
1 or 2 in a period, how often they switched phase and where they are on the end date, as a
flow chart with its table, and per team; the rules are in `phases.flows`."""

from datetime import date
from typing import Any

from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from common.tables import Cell, Column, Table
from phases.flows import END_STATES, OUT, SWITCHES, FlowCounts, flow_counts, summed
from reports.charts import ChartSpec, Series
from reports.flow_chart import Flow, flow_chart
from reports.flow_layout import NodeSpec
from reports.permissions import ReportScope

from .shared import scope_filters

ALL = "all"  # in a drill-down's `flow`: any number of switches, or any end state
STARTED = "started"
SWITCH_LABELS = {
    "none": gettext_lazy("Geen wisseling"),
    "one": gettext_lazy("1 wisseling"),
    "few": gettext_lazy("2-3 wisselingen"),
    "many": gettext_lazy("4+ wisselingen"),
}


def end_label(ended: str) -> str:
    """A phase ("Fase 2") or, for `out`, "Uit beeld"."""
    return _("Uit beeld") if ended == OUT else _("Fase %(phase)s") % {"phase": ended}


def counted(
    scope: ReportScope, *, phase: str, start: date, end: date, on: date, shared: dict | None
) -> FlowCounts:
    """Per team on `on` the cohort's clients per (switches, end state); counted once for the
    tables of one page (`shared`)."""
    key = ("phase_flows", phase, start, end, on)
    if shared is not None and key in shared:
        return shared[key]
    counts = flow_counts(
        scope.clients_on(on), phase=phase, start=start, end=end, on=on, by="team_then"
    )
    if shared is not None:
        shared[key] = counts
    return counts


def flow_figures(
    scope: ReportScope, *, phase: str, start: date, end: date, on: date
) -> dict[str, Any]:
    """The figures of `GET /api/v1/reports/phase-flows/` for the scope: every combination of
    switches and end state, in a fixed order, with its clients (0 included)."""
    total = summed(counted(scope, phase=phase, start=start, end=end, on=on, shared=None))
    flows = [
        {"switches": switches, "end": ended, "clients": total.get((switches, ended), 0)}
        for switches in SWITCHES
        for ended in END_STATES
    ]
    started = sum(total.values())
    return {"phase": phase, "from": start, "to": end, "on": on, "started": started, "flows": flows}


def _note(phase: str, start: date, end: date, on: date) -> str:
    return _(
        "Cliënten die van %(start)s tot en met %(end)s in fase %(phase)s begonnen (de eerste "
        "keer in die periode), gevolgd tot en met %(on)s. Wisselingen: de faseovergangen "
        "daarna tot en met %(on)s. Uit beeld: op %(on)s niet meer actief (uit dienst of "
        "zonder arbeidsvermogen). Team: het team op %(on)s."
    ) % {
        "phase": phase,
        "start": start.strftime("%d-%m-%Y"),
        "end": end.strftime("%d-%m-%Y"),
        "on": on.strftime("%d-%m-%Y"),
    }


def _drill(scope: ReportScope, phase: str, start: date, end: date, on: date) -> dict[str, str]:
    dates = {"start": start.isoformat(), "end": end.isoformat(), "on": on.isoformat()}
    return scope_filters(scope) | dates | {"flow": f"{phase}.{ALL}.{ALL}"}


def _flow(drill: dict[str, str], switches: str, ended: str) -> dict[str, str]:
    phase = drill["flow"].split(".")[0]
    return drill | {"flow": f"{phase}.{switches}.{ended}"}


def phase_flows(
    scope: ReportScope,
    *,
    phase: str,
    start: date,
    end: date,
    on: date,
    shared: dict | None = None,
) -> Table:
    """Figures 5.9/5.10: per number of switches the clients in each end state; the chart draws
    it as a flow from the start phase through the switches to the end."""
    columns = [Column("switches", _("Wisselingen"), "text")]
    columns += [Column(key, end_label(key)) for key in END_STATES]
    columns.append(Column(STARTED, _("Gestart in fase %(phase)s") % {"phase": phase}))
    table = Table(
        "phase_flows",
        _("Doorstroom vanuit fase %(phase)s") % {"phase": phase},
        columns,
        note=_note(phase, start, end, on),
    )
    total = summed(counted(scope, phase=phase, start=start, end=end, on=on, shared=shared))
    drill = _drill(scope, phase, start, end, on)
    for switches, label in SWITCH_LABELS.items():
        line = [total.get((switches, ended), 0) for ended in END_STATES]
        cells = [
            Cell(n, _flow(drill, switches, ended))
            for n, ended in zip(line, END_STATES, strict=True)
        ]
        table.rows.append([Cell(str(label)), *cells, Cell(sum(line), _flow(drill, switches, ALL))])
    sums = [sum(total.get((s, ended), 0) for s in SWITCHES) for ended in END_STATES]
    table.totals = [
        Cell(_("Totaal")),
        *(Cell(n, _flow(drill, ALL, ended)) for n, ended in zip(sums, END_STATES, strict=True)),
        Cell(sum(sums), drill),
    ]
    return table


def phase_flows_per_team(
    scope: ReportScope,
    *,
    phase: str,
    start: date,
    end: date,
    on: date,
    shared: dict | None = None,
) -> Table:
    """Per team on `on`: the clients who started, by number of switches and by end state."""
    columns = [Column("name", _("Team"), "text"), Column(STARTED, _("Gestart"))]
    columns += [Column(key, str(label)) for key, label in SWITCH_LABELS.items()]
    columns += [Column(key, end_label(key)) for key in END_STATES]
    table = Table(
        "phase_flows_teams",
        _("Doorstroom vanuit fase %(phase)s per team") % {"phase": phase},
        columns,
        note=_note(phase, start, end, on),
    )
    counts = counted(scope, phase=phase, start=start, end=end, on=on, shared=shared)
    drill = _drill(scope, phase, start, end, on)
    teams = list(scope.teams())
    for team in teams:
        filters = drill | {"team": str(team.pk)}
        table.rows.append([Cell(team.name), *_team_cells(counts.get(team.pk, {}), filters)])
    if len(teams) > 1:
        table.totals = [Cell(_("Totaal")), *_team_cells(summed(counts), drill)]
    return table


def _team_cells(line: dict[tuple[str, str], int], drill: dict[str, str]) -> list[Cell]:
    """Started, then per switch category and per end state, each drilling down."""
    cells = [Cell(sum(line.values()), drill)]
    for switches in SWITCHES:
        n = sum(v for (s, _e), v in line.items() if s == switches)
        cells.append(Cell(n, _flow(drill, switches, ALL)))
    for ended in END_STATES:
        n = sum(v for (_s, e), v in line.items() if e == ended)
        cells.append(Cell(n, _flow(drill, ALL, ended)))
    return cells


def _draw_flow(chart_id: str, table: Table) -> SafeString:
    """The flow chart of the `phase_flows` table: start -> switches -> end state."""
    keys = [column.key for column in table.columns]
    started = table.columns[-1]
    totals = [cell.value for cell in table.totals or []]
    switch_nodes = [
        NodeSpec(key, str(SWITCH_LABELS[key]), row[-1].value)
        for key, row in zip(SWITCHES, table.rows, strict=True)
    ]
    end_nodes = [NodeSpec(key, end_label(key), totals[keys.index(key)]) for key in END_STATES]
    links = [(STARTED, node.key, node.count) for node in switch_nodes]
    links += [
        (switches, ended, row[keys.index(ended)].value)
        for switches, row in zip(SWITCHES, table.rows, strict=True)
        for ended in END_STATES
    ]
    flow = Flow(
        title=table.title,
        headings=(_("Start"), _("Aantal wisselingen van fase"), _("Stand op de einddatum")),
        columns=[[NodeSpec(STARTED, started.label, totals[-1])], switch_nodes, end_nodes],
        links=links,
    )
    return flow_chart(chart_id, flow)


FLOW_CHART = ChartSpec(
    "chart-phase-flows", series=lambda table: [], y_label="", drawn_by=_draw_flow
)


def _end_states(table: Table) -> list[Series]:
    return [Series(end_label(key), table.column(key)) for key in END_STATES]


TEAMS_CHART = ChartSpec(
    "chart-phase-flows-teams",
    series=_end_states,
    y_label=gettext_lazy("Cliënten"),
    stacked=True,
    counts=True,
)
