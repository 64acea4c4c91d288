"""Phase flows (figures 5.9 and 5.10 of the study, "Doorstroom in klantfasen"): where the
clients who started phase 1 or 2 in a window are on an end date, and how often they switched
phase on the way. Reads only, one grouped query for any number of clients.

- Cohort: of the clients given (a report passes those of its scope by their team on the end
  date E, see `ReportScope.clients_on`), those with a phase period in phase P (1 or 2) that
  started in [from, to], both days included. A client who started P more than once in the
  window counts once, from the first such start. A period that ended the day it began (a
  same-day correction) was never in force and starts nothing.
- Followed up to E, with to <= E <= today (the caller checks the dates).
- Switches: the client's phase periods in force that started after the cohort's start day and
  on or before E, in another phase than the one in force before; a period starting after E, or
  corrected the day it began (also back to the phase before), does not count.
  0 is `none`, 1 `one`, 2-3 `few`, 4 or more `many`.
- End state: when the client is active on E (`clients.querysets.active_on_q`: in service and
  with work capacity by the decision in force that day), the phase of the period running on E;
  otherwise `out`: left service, or a decision without work capacity, on or before E.
"""

from datetime import date

from django.db.models import (
    Case,
    CharField,
    Count,
    Exists,
    F,
    Min,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from clients.querysets import ClientQuerySet, active_on_q

from .models import Phase, PhasePeriod

START_PHASES = ("1", "2")
NONE, ONE, FEW, MANY = "none", "one", "few", "many"
SWITCHES = (NONE, ONE, FEW, MANY)
# The numbers of switches of each category, as a filter on `switch_count`.
SWITCH_RANGES = {
    NONE: Q(switch_count=0),
    ONE: Q(switch_count=1),
    FEW: Q(switch_count__range=(2, 3)),
    MANY: Q(switch_count__gte=4),
}
OUT = "out"
END_STATES = (*Phase.values, OUT)
# Per group (a team id) the clients per (switch category, end state).
FlowCounts = dict[int | None, dict[tuple[str, str], int]]


def switch_category(switches: int) -> str:
    """The category of a number of switches: none, one, few (2-3) or many (4 or more)."""
    if switches <= 0:
        return NONE
    if switches == 1:
        return ONE
    return FEW if switches <= 3 else MANY


def with_flow(
    clients: ClientQuerySet, *, phase: str, start: date, end: date, on: date
) -> ClientQuerySet:
    """The cohort among `clients` (see the module's text), each with `switch_count` (the
    number of switches) and `flow_end` (a phase or `out`) on `on`."""
    in_force = Q(ended_on__isnull=True) | Q(ended_on__gt=F("started_on"))
    started = PhasePeriod.objects.filter(
        in_force, client=OuterRef("pk"), phase=phase, started_on__range=(start, end)
    )
    first_start = started.order_by().values("client").annotate(first=Min("started_on"))
    clients = clients.filter(Exists(started)).annotate(
        flow_start=Subquery(first_start.values("first")[:1])
    )
    # A period in force right before, in the same phase: a change corrected back that day.
    same_before = PhasePeriod.objects.filter(
        in_force,
        client=OuterRef("client"),
        ended_on=OuterRef("started_on"),
        phase=OuterRef("phase"),
    )
    later = PhasePeriod.objects.filter(
        in_force, client=OuterRef("pk"), started_on__gt=OuterRef("flow_start"), started_on__lte=on
    ).exclude(Exists(same_before))
    running = PhasePeriod.objects.filter(client=OuterRef("pk"), started_on__lte=on).filter(
        Q(ended_on__isnull=True) | Q(ended_on__gt=on)
    )
    count = later.order_by().values("client").annotate(n=Count("pk")).values("n")[:1]
    return clients.annotate(
        switch_count=Coalesce(Subquery(count), 0),
        # Active on `on` in no phase cannot happen (a period ends only when the next begins);
        # should it, the client counts as out.
        flow_end=Coalesce(
            Case(
                When(active_on_q(on), then=Subquery(running.order_by().values("phase")[:1])),
                default=Value(OUT),
                output_field=CharField(),
            ),
            Value(OUT),
        ),
    )


def flow_counts(
    clients: ClientQuerySet, *, phase: str, start: date, end: date, on: date, by: str
) -> FlowCounts:
    """Per group (`by`, a field or annotation of the clients, e.g. the team on `on`) the
    cohort's clients per (switch category, end state), in one grouped query."""
    rows = (
        with_flow(clients, phase=phase, start=start, end=end, on=on)
        .values(by, "switch_count", "flow_end")
        .annotate(n=Count("pk"))
        .order_by()
        .values_list(by, "switch_count", "flow_end", "n")
    )
    counts: FlowCounts = {}
    for group, switches, ended, n in rows:  # a row per group, number of switches, end state
        line = counts.setdefault(group, {})
        key = (switch_category(switches), ended)
        line[key] = line.get(key, 0) + n
    return counts


def summed(counts: FlowCounts) -> dict[tuple[str, str], int]:
    """The counts of every group added up."""
    total: dict[tuple[str, str], int] = {}
    for line in counts.values():
        for key, n in line.items():
            total[key] = total.get(key, 0) + n
    return total


def flow_clients(
    clients: ClientQuerySet,
    *,
    phase: str,
    start: date,
    end: date,
    on: date,
    switches: str = "",
    ended: str = "",
) -> ClientQuerySet:
    """The cohort's clients with `switches` (a category) and `ended` (an end state); either
    left empty: any."""
    cohort = with_flow(clients, phase=phase, start=start, end=end, on=on)
    if switches:
        cohort = cohort.filter(SWITCH_RANGES[switches])
    if ended:
        cohort = cohort.filter(flow_end=ended)
    return cohort
