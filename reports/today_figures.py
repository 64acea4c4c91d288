"""Today's counts behind the overview (caseload, contact norm, key figures), per team and
caseworker, counted in a few grouped queries and kept per team and day (`today_cache`). Every
count here is additive: a view of more teams or caseworkers adds them up.
"""

from collections import defaultdict
from datetime import date
from typing import Any

from django.db.models import Count, FilteredRelation, Q

from clients.models import Client
from clients.querysets import ClientQuerySet, active_on_q
from interventions.models import Agreement, WorkPlan
from norms.selectors import norm_in_force
from signals.models import Signal
from signals.selectors import contact_norm_population, spoken_within_norm

from .catalogue.shared import PHASES
from .permissions import ReportScope
from .today_cache import per_team, scope_team_ids

FIGURE = "counts-v1"  # raise the version when a count is added or counted differently
Counts = dict[str, int]
# Per (team, caseworker): the caseworker is None for the clients without a fixed one.
Cell = tuple[int, int | None]


def today_counts(scope: ReportScope, today: date) -> dict[Cell, Counts]:
    """Today's counts of the scope's teams per (team, caseworker), from the cache where it
    holds them; one caseworker's view keeps only their own rows."""

    def count(teams: list[int]) -> dict[int, dict[Cell, Counts]]:
        per_team: dict[int, dict[Cell, Counts]] = defaultdict(dict)
        for cell, row in _count(teams, today).items():
            per_team[cell[0]][cell] = row
        return per_team

    teams = per_team(FIGURE, scope_team_ids(scope), today, count, dict)
    counts = {cell: row for cells in teams.values() for cell, row in cells.items()}
    if scope.caseworker is not None:
        counts = {cell: n for cell, n in counts.items() if cell[1] == scope.caseworker.pk}
    return counts


def summed_by(counts: dict[Cell, Counts], by: str) -> dict[int | None, Counts]:
    """The counts added up per caseworker (`by` "caseworker") or per team."""
    result: dict[int | None, Counts] = defaultdict(lambda: defaultdict(int))
    for (team, caseworker), row in counts.items():
        summed = result[caseworker if by == "caseworker" else team]
        for name, n in row.items():
            summed[name] += n
        if caseworker is None:
            summed["without_caseworker"] += row.get("total", 0)
    return result


def total(counts: dict[Cell, Counts], name: str) -> int:
    return sum(row.get(name, 0) for row in counts.values())


def _count(teams: list[int], today: date) -> dict[Cell, Counts]:
    """The counts of the clients in `teams` per (team, caseworker), in four grouped queries."""
    result: dict[Cell, Counts] = defaultdict(lambda: defaultdict(int))
    if not teams:
        return result
    clients = _clients(teams, today)
    current = FilteredRelation("phase_periods", condition=Q(phase_periods__ended_on__isnull=True))
    for row in (
        clients.annotate(current=current)
        .values("team", "caseworker")
        .annotate(**_client_counts())
        .order_by()
    ):
        cell = (row.pop("team"), row.pop("caseworker"))
        result[cell].update(row)
    for (team, caseworker), row in _norm_counts(teams, today).items():
        result[team, caseworker].update(row)
    for (team, caseworker, name), n in _signal_counts(teams, today).items():
        result[team, caseworker][name] += n
    for (team, caseworker), n in _overdue_agreements(teams, today).items():
        result[team, caseworker]["overdue"] = n
    return {cell: dict(row) for cell, row in result.items()}


def _clients(teams: list[int], today: date) -> ClientQuerySet:
    return Client.objects.filter(active_on_q(today), team__in=teams)


def _client_counts() -> dict[str, Any]:
    """The active clients in total, per current phase, and without a phase."""
    return {
        "total": Count("id"),
        "no_phase": Count("id", filter=Q(current__isnull=True)),
        **{f"phase_{code}": Count("id", filter=Q(current__phase=code)) for code in PHASES},
    }


def _norm_counts(teams: list[int], today: date) -> dict[Cell, Counts]:
    norm = norm_in_force(today)
    population = contact_norm_population(today, norm, clients=_clients(teams, today))
    return {
        (row["team"], row["caseworker"]): {
            "norm_population": row["population"],
            "spoken": row["spoken_count"],
        }
        for row in population.annotate(spoken=spoken_within_norm(today, norm))
        .values("team", "caseworker")
        .annotate(population=Count("id"), spoken_count=Count("id", filter=Q(spoken=True)))
        .order_by()
    }


def _signal_counts(teams: list[int], today: date) -> dict[tuple[int, int | None, str], int]:
    """Open signals of active clients per kind, and the stalled ones per current phase."""
    current = FilteredRelation(
        "client__phase_periods", condition=Q(client__phase_periods__ended_on__isnull=True)
    )
    counts: dict[tuple[int, int | None, str], int] = defaultdict(int)
    for row in (
        Signal.objects.open()
        .filter(active_on_q(today, prefix="client__"), client__team__in=teams)
        .annotate(current=current)
        .values("client__team", "client__caseworker", "kind", "current__phase")
        .annotate(n=Count("id"))
        .order_by()
    ):
        cell = (row["client__team"], row["client__caseworker"])
        counts[(*cell, f"signal_{row['kind']}")] += row["n"]
        if row["kind"] == Signal.Kind.STALLED_PHASE and row["current__phase"]:
            counts[(*cell, f"stalled_{row['current__phase']}")] += row["n"]
    return counts


def _overdue_agreements(teams: list[int], today: date) -> dict[Cell, int]:
    """Open agreements past their date in current work plans."""
    rows = (
        Agreement.objects.filter(
            active_on_q(today, prefix="work_plan__client__"),
            work_plan__client__team__in=teams,
            status=Agreement.Status.OPEN,
            due_on__lt=today,
        )
        .exclude(work_plan__status=WorkPlan.Status.SUPERSEDED)
        .values("work_plan__client__team", "work_plan__client__caseworker")
        .annotate(n=Count("id"))
        .order_by()
    )
    return {
        (row["work_plan__client__team"], row["work_plan__client__caseworker"]): row["n"]
        for row in rows
    }
