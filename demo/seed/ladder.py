"""A client's rungs on the participation ladder, consistent with their work and phase today.

The registration starts three years before the as-of date (as UWV's did in 2019): at its start
about a quarter of the clients have no rung yet, who get their first one in its first year;
clients entering later get one within months. From then on the rung is confirmed every eight
to sixteen months. Today's rung follows from work (a job: mostly 5 or 6) or, without work, from
the phase. Over the three years about 54 % stay on the same rung, 21 % move up and 17 % down
(the rest leave service). Every draw comes from a stream of the client's own, so adding the
ladder changed nothing else a seed gives.
"""

import random
from datetime import date, timedelta

from .context import ClientFile, Seeding
from .draws import at, weighted

YEARS = 3
UNKNOWN_AT_START = 0.25
# Today's rung: by the work running today, else by the current phase.
RUNG_BY_WORK = {
    "regular": {"5": 0.45, "6": 0.45, "4": 0.1},
    "sheltered": {"5": 0.85, "4": 0.1, "6": 0.05},
    "self_employed": {"6": 0.8, "5": 0.2},
}
RUNG_BY_PHASE = {
    "1": {"1": 0.3, "2": 0.4, "3": 0.25, "4": 0.05},
    "2": {"2": 0.3, "3": 0.45, "4": 0.25},
    "3": {"2": 0.1, "3": 0.4, "4": 0.5},
    "4": {"3": 0.3, "4": 0.5, "5": 0.2},
}
# How the rung moved over the three years, by today's rung (the top and bottom rung cannot have
# come from above or below); tuned so that all clients together come near 54/21/17.
MOVEMENT = {
    1: {"same": 0.62, "down": 0.38},
    6: {"same": 0.55, "up": 0.45},
    "other": {"same": 0.555, "up": 0.215, "down": 0.23},
}


def write_ladder(s: Seeding, file: ClientFile, bsn: str, working: str | None) -> None:
    rng = random.Random(f"ladder-{bsn}")
    today_rung = int(
        weighted(rng, RUNG_BY_WORK[working] if working else RUNG_BY_PHASE[file.periods[-1][0]])
    )
    start = s.today - timedelta(days=YEARS * 365)
    begun = max(file.in_service or file.history_start, file.history_start)
    first = _first_day(rng, begun, start)
    if first > file.last_day:  # entered only just: no rung yet
        return
    days = _assessment_days(rng, first, file.last_day)
    within = [day for day in days if day > start]  # the rung changes on one of these
    change = rng.choice(within) if within else days[0]
    earlier = _earlier_rung(rng, today_rung)
    for day, following in zip(days, [*days[1:], None], strict=True):
        rung = earlier if day < change else today_rung
        worker = file.worker_on(day)
        recorded = at(day, 11)
        s.w["rung"].add(
            file.client_id, rung, day, worker, "", None, recorded, following, at=recorded, by=worker
        )


def _assessment_days(rng: random.Random, first: date, last: date) -> list[date]:
    """From the first assessment on, one every eight to sixteen months up to `last`."""
    days = [first]
    while (following := days[-1] + timedelta(days=rng.randint(240, 480))) <= last:
        days.append(following)
    return days


def _first_day(rng: random.Random, begun: date, start: date) -> date:
    """The first assessment: within months of entering after the registration began; else
    before it began, or (a quarter) in its first year."""
    if begun >= start:
        return begun + timedelta(days=rng.randint(20, 150))
    if rng.random() < UNKNOWN_AT_START:
        return start + timedelta(days=rng.randint(1, 365))
    return start - timedelta(days=rng.randint(0, min(400, (start - begun).days)))


def _earlier_rung(rng: random.Random, today_rung: int) -> int:
    """The rung three years ago, from how it moved since."""
    movement = weighted(rng, MOVEMENT.get(today_rung, MOVEMENT["other"]))
    step = 1 if rng.random() < 0.75 else 2
    if movement == "up":
        return max(1, today_rung - step)
    if movement == "down":
        return min(6, today_rung + step)
    return today_rung
