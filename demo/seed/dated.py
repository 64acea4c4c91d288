"""A client's dated facts beside the phases: the teams it was in, and the decisions on its work
capacity with the reassessments behind them. Each client draws from a generator of its own, so
that these rows changed nothing else a seed gives."""

import random
from datetime import date, timedelta
from typing import TYPE_CHECKING

from .context import Seeding
from .draws import at

if TYPE_CHECKING:
    from .client import Entry

MOVED_SHARE = 0.04  # clients who moved to another team once
REASSESSED_SHARE = 0.03  # clients with work capacity whose reassessment confirmed it
FOUND_NONE_SHARE = 0.5  # clients without work capacity now, found so by a reassessment
HAS, NONE = "has_work_capacity", "lasting_none"
REASONS = [
    "Werkt sinds een jaar meer uren",
    "Gezondheid sterk verslechterd",
    "Praktijkonderzoek afgerond",
    "Vraag van de cliënt",
]


def _day_between(rng: random.Random, first: date, last: date) -> date:
    return first + timedelta(days=rng.randint(0, (last - first).days))


def write_team_periods(s: Seeding, client_id: int, entry: "Entry") -> None:
    """The client's team since it came into service; a few moved here from another team."""
    rng = random.Random(f"team-{client_id}")
    manager = s.staff.managers[entry.team.id]
    start, last = entry.in_service, min(entry.last_day, s.today)
    others = [team for team in s.staff.teams if team.id != entry.team.id]
    if others and (last - start).days > 60 and rng.random() < MOVED_SHARE:
        moved = _day_between(rng, start + timedelta(days=30), last - timedelta(days=1))
        before = rng.choice(others)
        s.w["team_period"].add(
            client_id, before.id, start, moved, manager, at=at(start, 9), by=manager
        )
        start = moved
    s.w["team_period"].add(
        client_id, entry.team.id, start, None, manager, at=at(start, 9), by=manager
    )


def write_capacity_decisions(s: Seeding, client_id: int, entry: "Entry") -> None:
    """The decision when the client came into service; for some, a reassessment later: one
    that found lasting no work capacity (half the clients without it now), or one that
    confirmed it."""
    rng = random.Random(f"capacity-{client_id}")
    manager = s.staff.managers[entry.team.id]
    start = min(entry.in_service, s.today)
    span = (min(entry.last_day, s.today) - start).days
    decide = s.w["capacity"]
    if span > 400 and not entry.has_capacity and rng.random() < FOUND_NONE_SHARE:
        outcome_on = _day_between(rng, start + timedelta(days=200), start + timedelta(days=span))
        decide.add(client_id, start, HAS, "", outcome_on, manager, at=at(start, 9), by=manager)
        _reassessed(s, rng, client_id, manager, outcome_on, NONE)
    elif span > 400 and entry.has_capacity and rng.random() < REASSESSED_SHARE:
        outcome_on = _day_between(rng, start + timedelta(days=200), start + timedelta(days=span))
        decide.add(client_id, start, HAS, "", outcome_on, manager, at=at(start, 9), by=manager)
        _reassessed(s, rng, client_id, manager, outcome_on, HAS)
    else:
        outcome = HAS if entry.has_capacity else NONE
        decide.add(client_id, start, outcome, "", None, manager, at=at(start, 9), by=manager)


def _reassessed(
    s: Seeding, rng: random.Random, client_id: int, manager: int, decided: date, outcome: str
) -> None:
    """A reassessment requested one to five months before `decided`, decided then."""
    requested = decided - timedelta(days=rng.randint(30, 150))
    basis = "Rapport verzekeringsarts" if outcome == NONE else "Praktijkonderzoek"
    decision = s.w["capacity"].add(
        client_id, decided, outcome, basis, None, manager, at=at(decided, 10), by=manager
    )
    s.w["reassessment"].add(
        client_id,
        requested,
        rng.choice(REASONS),
        "",
        manager,
        decision,
        at=at(requested, 9),
        by=manager,
    )
