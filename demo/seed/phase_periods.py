"""A client's phase history: the current phase and up to six before it, each with a reason."""

from collections.abc import Callable
from datetime import date, timedelta

from .constants import PHASE_DAYS, Period
from .context import Seeding
from .draws import at, previous_phase


def draw_phase_periods(s: Seeding, current: str, history_start: date) -> list[Period]:
    rng = s.rng
    start = max(
        history_start,
        s.today - timedelta(days=int(rng.expovariate(1 / PHASE_DAYS[current])) + 1),
    )
    periods: list[Period] = [(current, start, None, "")]
    while start > history_start and len(periods) < 7:
        end = start
        phase = previous_phase(rng, periods[-1][0])
        start = max(
            history_start,
            end - timedelta(days=int(rng.expovariate(1 / PHASE_DAYS[phase])) + 30),
        )
        periods.append((phase, start, end, ""))
    periods.reverse()
    return [
        (phase, began, ended, reason_for(phase, periods[index - 1][0] if index else None))
        for index, (phase, began, ended, _) in enumerate(periods)
    ]


def reason_for(phase: str, before: str | None) -> str:
    """Why a client entered `phase` after `before` (None: the first period)."""
    if before is None:
        return "Intake: klantfase vastgesteld"
    if int(phase) > int(before):
        return "Voortgang: cliënt is een stap verder"
    return "Terugval: werk verloren of gezondheid verslechterd"


def write_phase_periods(
    s: Seeding, client_id: int, periods: list[Period], worker_on: Callable[[date], int]
) -> None:
    for phase, start, end, reason in periods:
        worker = worker_on(start)
        s.w["phase"].add(
            client_id, phase, start, end, reason, worker, at(start), at=at(start), by=worker
        )
