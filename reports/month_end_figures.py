"""The month-end figures: per month-end, team, phase and time in the phase, the active clients,
those under the contact norm, those spoken within it and those spoken that month.

Counted by `month_end_counts` in one grouped query; stored by the nightly refresh
(`reports.services`) and read by `figures_on`, which counts live whatever is not stored or out of
date. The reports that look back over months read them here.
"""

from collections import defaultdict
from datetime import date, timedelta
from typing import Any

from django.db.models import Case, Count, Exists, FilteredRelation, OuterRef, Q, Sum, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone

from clients.models import Client
from clients.querysets import TEAM_THEN, ClientQuerySet, active_on_q
from common.dates import months_before
from norms.selectors import NoNormInForce, norm_in_force
from signals.selectors import qualifying_contacts, spoken_within_norm, under_contact_norm_q
from work.status_figures import work_status_groups

from .models import FigureState, MonthEndFigure, MonthEndWorkFigure
from .permissions import ReportScope
from .today_cache import per_team, scope_team_ids

MONTH_END_FIGURE = "month-end-v1"  # raise the version when `month_end_counts` changes


def month_end_counts(clients: ClientQuerySet, on: date) -> list[dict[str, Any]]:
    """For clients active on month-end `on`, grouped by their team that day, phase that day and
    whether they were in it for at most two years: active, under the contact norm, spoken
    within the norm, and spoken in that month. One grouped query; stored by the nightly
    refresh. `clients` may come with their team on `on` already (`ReportScope.clients_on`)."""
    if TEAM_THEN not in clients.query.annotations:
        clients = clients.with_team_on(on)
    first_of_month = on.replace(day=1)
    covering = FilteredRelation(
        "phase_periods",
        condition=Q(phase_periods__started_on__lte=on)
        & (Q(phase_periods__ended_on__isnull=True) | Q(phase_periods__ended_on__gt=on)),
    )
    try:
        rules = norm_in_force(on)
    except NoNormInForce:  # before the contact norm existed nobody falls under it
        in_population, spoken = Q(pk__in=[]), Exists(Client.objects.none())
    else:
        in_population = under_contact_norm_q(on, rules)
        spoken = spoken_within_norm(on, rules)
    rows = (
        clients.filter(active_on_q(on))
        .annotate(
            period=covering,
            spoken=spoken,
            conversed=Exists(
                qualifying_contacts().filter(
                    client=OuterRef("pk"), held_on__range=(first_of_month, on)
                )
            ),
        )
        .values(TEAM_THEN, phase=Coalesce("period__phase", Value("")))
        .annotate(
            early_in_phase=Case(
                When(period__started_on__gt=months_before(on, 24), then=Value(True)),
                default=Value(False),
            ),
        )
        .values(TEAM_THEN, "phase", "early_in_phase")
        .annotate(
            active=Count("id"),
            norm_population=Count("id", filter=in_population),
            spoken_count=Count("id", filter=in_population & Q(spoken=True)),
            conversed_in_month=Count("id", filter=Q(conversed=True)),
        )
        .order_by()
    )
    return [
        {
            "team_id": row[TEAM_THEN],
            "phase": row["phase"],
            "early_in_phase": row["early_in_phase"],
            "active": row["active"],
            "norm_population": row["norm_population"],
            "spoken": row["spoken_count"],
            "conversed_in_month": row["conversed_in_month"],
        }
        for row in rows
    ]


COUNTS = ("active", "norm_population", "spoken", "conversed_in_month")


def figures_on(
    scope: ReportScope, ends: list[date], by: tuple[str, ...] | None = None
) -> dict[date, list[dict[str, Any]]]:
    """`month_end_counts` rows of the scope's clients per month-end: read from the stored
    figures where they are current, counted live where not (or for one caseworker's clients).
    With `by` (e.g. ("phase",)) the counts come added up per those fields, the stored ones by
    the database: a view of all teams then reads a row per month-end and phase, not per team.
    """
    state = FigureState.objects.filter(pk=1).first()
    stored = (
        [end for end in ends if state.holds(end)]
        if state is not None and scope.caseworker is None
        else []
    )
    result: dict[date, list[dict[str, Any]]] = {end: [] for end in ends}
    if stored:
        for row in _stored_rows(scope, stored, by):
            values: dict[str, Any] = dict(row)
            result[values.pop("month_end")].append(values)
    today = timezone.localdate()
    for end in ends:
        if end in stored and end != today:
            continue
        if scope.caseworker is None:
            result[end] = _grouped(_kept_counts(scope, end), by)
        else:
            result[end] = _grouped(month_end_counts(scope.clients_on(end), end), by)
    return result


def _stored_rows(scope: ReportScope, ends: list[date], by: tuple[str, ...] | None) -> Any:
    rows = MonthEndFigure.objects.filter(month_end__in=ends)
    if not scope.all_teams:
        rows = rows.filter(team_id__in=scope.team_ids)
    if by is None:
        return rows.values("month_end", "team_id", "phase", "early_in_phase", *COUNTS)
    sums = rows.values("month_end", *by).annotate(**{f"sum_{c}": Sum(c) for c in COUNTS})
    return (
        {**{k: row[k] for k in ("month_end", *by)}, **{c: row[f"sum_{c}"] for c in COUNTS}}
        for row in sums.order_by()
    )


def _grouped(rows: list[dict[str, Any]], by: tuple[str, ...] | None) -> list[dict[str, Any]]:
    """`rows` added up per the fields `by` (None: as they are)."""
    if by is None:
        return rows
    sums: dict[tuple[Any, ...], dict[str, Any]] = {}
    for row in rows:
        key = tuple(row[field] for field in by)
        total = sums.setdefault(
            key, {**dict(zip(by, key, strict=True)), **dict.fromkeys(COUNTS, 0)}
        )
        for count in COUNTS:
            total[count] += row[count]
    return list(sums.values())


def _kept_counts(scope: ReportScope, on: date) -> list[dict[str, Any]]:
    """`month_end_counts` on `on`, kept per team and day: today's (a month-end not yet over),
    and a past month-end's while it is not stored (from midnight until the nightly refresh
    stores it, or after a write dated in the past made the stored figures out of date). Every
    write such a count depends on drops it, as for today's (`today_cache`)."""

    def count(teams: list[int]) -> dict[int, list[dict[str, Any]]]:
        clients = Client.objects.with_team_on(on).filter(**{f"{TEAM_THEN}__in": teams})
        per_team: dict[int, list[dict[str, Any]]] = defaultdict(list)
        for row in month_end_counts(clients, on):
            per_team[row["team_id"]].append(row)
        return per_team

    teams = per_team(MONTH_END_FIGURE, scope_team_ids(scope), on, count, list)
    return [row for rows in teams.values() for row in rows]


def summed(rows: list[dict[str, Any]], key: str, **where: Any) -> int:
    """The sum of `key` over the figure rows that match `where` (e.g. phase="2")."""
    return sum(
        row[key] for row in rows if all(row[field] == value for field, value in where.items())
    )


def work_groups_on(scope: ReportScope, day: date) -> list[dict[str, Any]]:
    """`work_status_groups` rows of the scope's clients on `day`: read from the stored
    figures when `day` is a month-end they hold, counted live otherwise (and for one
    caseworker's clients)."""
    state = FigureState.objects.filter(pk=1).first()
    month_end = (day + timedelta(days=1)).day == 1
    if not (month_end and state is not None and state.holds(day) and scope.caseworker is None):
        return work_status_groups(scope.clients_on(day), day)
    rows = MonthEndWorkFigure.objects.filter(month_end=day)
    if not scope.all_teams:
        rows = rows.filter(team_id__in=scope.team_ids)
    return [dict(row) for row in rows.values("team_id", "code", "clients")]
