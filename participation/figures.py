"""The ladder figures (figures 5.7 and 5.8 of the study): reads, one grouped query each for any
number of clients.

- Distribution on D: the active clients on D (`clients.querysets.active_on_q`) by their rung on
  D, the latest assessment on or before D (of one day, the last recorded); `unknown` when none
  was assessed by then.
- Movement from F to T: the clients active on F with a known rung on F. `left` when they are no
  longer active on T; otherwise their rung on T against the one on F: `up`, `same` or `down`.
"""

from collections.abc import Callable
from datetime import date

from django.db.models import (
    BooleanField,
    Case,
    CharField,
    Count,
    ExpressionWrapper,
    F,
    Q,
    QuerySet,
    Value,
    When,
)

from clients.querysets import TEAM_THEN, ClientQuerySet, active_on_q

from .models import Rung
from .querysets import with_rung

UNKNOWN = "unknown"
RUNGS = [str(value) for value in Rung.values]
MOVEMENTS = ("up", "same", "down", "left")
PerGroup = dict[int | None, dict[str, int]]


def with_rung_on(clients: ClientQuerySet, day: date) -> ClientQuerySet:
    """The clients active on `day`, each with `rung_then`: their rung that day (None: unknown)."""
    return with_rung(clients.filter(active_on_q(day)), day, "rung_then")


def clients_on_rung(clients: ClientQuerySet, day: date, rung: str) -> ClientQuerySet:
    """The active clients on `day` on `rung` ("1".."6") that day, or of unknown rung."""
    clients = with_rung_on(clients, day)
    if rung == UNKNOWN:
        return clients.filter(rung_then__isnull=True)
    return clients.filter(rung_then=int(rung))


def rung_counts(clients: ClientQuerySet, day: date, by: str = TEAM_THEN) -> PerGroup:
    """Per group (`by`, a field of the client; by default its team then, for clients from
    `ReportScope.clients_on(day)`) the active clients on `day` per rung and unknown, and
    `active`, all of them."""
    clients = _with_team(clients, by, day)
    return _grouped(with_rung_on(clients, day), by, "rung_then", empty_distribution, "active")


def empty_distribution() -> dict[str, int]:
    return dict.fromkeys([*RUNGS, UNKNOWN, "active"], 0)


def with_movement(clients: ClientQuerySet, start: date, end: date) -> QuerySet:
    """The clients active on `start` with a known rung that day, each with `movement` from
    `start` to `end` (see the module's text)."""
    return (
        with_rung(with_rung(clients.filter(active_on_q(start)), start, "rung_from"), end, "rung_to")
        .filter(rung_from__isnull=False)
        .annotate(
            movement=Case(
                When(~active_on_q(end), then=Value("left")),
                When(Q(rung_to__gt=F("rung_from")), then=Value("up")),
                When(Q(rung_to__lt=F("rung_from")), then=Value("down")),
                default=Value("same"),
                output_field=CharField(),
            )
        )
    )


def movement_counts(
    clients: ClientQuerySet, start: date, end: date, by: str = TEAM_THEN
) -> PerGroup:
    """Per group (`by`; by default the team then, for clients from
    `ReportScope.clients_on(start)`) the clients of each movement from `start` to `end`, and
    `counted`, all of them (those active with a known rung on `start`)."""
    clients = _with_team(clients, by, start)
    # Grouped by the two rungs, then named here: the CASE of `with_movement` would test the
    # activity on `end` again for every branch.
    clients = with_rung(clients.filter(active_on_q(start)), start, "rung_from")
    rows = (
        with_rung(clients, end, "rung_to")
        .annotate(stayed=ExpressionWrapper(active_on_q(end), output_field=BooleanField()))
        .values(by, "stayed", "rung_from", "rung_to")
        .annotate(n=Count("pk"))
        .order_by()
        .values_list(by, "stayed", "rung_from", "rung_to", "n")
    )
    counts: PerGroup = {}
    for group, stayed, rung_from, rung_to, n in rows:
        if rung_from is None:
            continue  # no rung known on `start`: not in the movement
        line = counts.setdefault(group, empty_movement())
        line[_movement(stayed, rung_from, rung_to)] += n
        line["counted"] += n
    return counts


def _movement(stayed: bool, rung_from: int, rung_to: int) -> str:
    if not stayed:
        return "left"
    return "up" if rung_to > rung_from else "down" if rung_to < rung_from else "same"


def _with_team(clients: ClientQuerySet, by: str, day: date) -> ClientQuerySet:
    """The clients with their team on `day` when they are to be grouped by it and not yet
    annotated with it."""
    if by == TEAM_THEN and TEAM_THEN not in clients.query.annotations:
        return clients.with_team_on(day)
    return clients


def _grouped(
    clients: QuerySet, by: str, key: str, empty: Callable[[], dict[str, int]], total: str
) -> PerGroup:
    """Count `clients` per group (`by`) and value of `key` (None: unknown), with `total` the
    group's sum, in one grouped query."""
    rows = clients.values(by, key).annotate(n=Count("pk")).order_by().values_list(by, key, "n")
    counts: PerGroup = {}
    for group, value, n in rows:
        line = counts.setdefault(group, empty())
        line[UNKNOWN if value is None else str(value)] += n
        line[total] += n
    return counts


def empty_movement() -> dict[str, int]:
    return dict.fromkeys([*MOVEMENTS, "counted"], 0)


def summed(per_group: PerGroup, empty: dict[str, int]) -> dict[str, int]:
    """The counts of every group added up."""
    total = dict(empty)
    for line in per_group.values():
        for key, n in line.items():
            total[key] += n
    return total
