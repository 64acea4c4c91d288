"""Small helpers the modules share: timestamps, the phase quota, BSNs and weighted draws."""

import math
import random
from datetime import date, datetime
from datetime import time as clock

from .constants import AMSTERDAM, PHASE_MIX


def at(day: date, hour: int = 10) -> datetime:
    return datetime.combine(day, clock(hour), tzinfo=AMSTERDAM)


def phase_quota(n: int) -> list[str]:
    """Exactly n current phases in the 2021 proportions (largest remainder)."""
    total = sum(PHASE_MIX.values())
    exact = {p: n * c / total for p, c in PHASE_MIX.items()}
    counts = {p: math.floor(x) for p, x in exact.items()}
    for p in sorted(exact, key=lambda p: exact[p] - counts[p], reverse=True)[
        : n - sum(counts.values())
    ]:
        counts[p] += 1
    return [p for p, c in counts.items() for _ in range(c)]


def bsn_numbers(rng: random.Random, n: int) -> list[str]:
    """n distinct BSNs that pass the 11-test."""
    result: list[str] = []
    for prefix in rng.sample(range(10_000_000, 99_999_999), int(n * 1.15) + 20):
        digits = f"{prefix:08d}"
        check = sum(int(digits[i]) * (9 - i) for i in range(8)) % 11
        if check < 10:
            result.append(digits + str(check))
            if len(result) == n:
                return result
    raise RuntimeError("not enough BSNs drawn")  # pragma: no cover - 1 in 11 fails the test


def weighted(rng: random.Random, options: dict[str, float]) -> str:
    return rng.choices(list(options), weights=list(options.values()))[0]


# The phase before a phase, going back in time. The weights keep the mix of every past year near
# today's (table 3.1, 2021): with flows between each two phases equal both ways (1-2: 10.4,
# 1-3: 2, 1-4: 5, 2-3: 7.9, 2-4: 9.6, 3-4: 15.1 per 100 changes), each phase is left as often as
# its share of the clients divided by its mean days (`PHASE_DAYS` plus the 30 added to each past
# period). Skips and fallbacks included: from work (4) back to 1 or 2 after losing a job.
PREVIOUS_PHASE = {
    "1": {"2": 0.60, "3": 0.11, "4": 0.29},
    "2": {"1": 0.37, "3": 0.28, "4": 0.35},
    "3": {"1": 0.08, "2": 0.32, "4": 0.60},
    "4": {"1": 0.17, "2": 0.32, "3": 0.51},
}


def previous_phase(rng: random.Random, phase: str) -> str:
    """The phase before `phase` (`PREVIOUS_PHASE`)."""
    return weighted(rng, PREVIOUS_PHASE[phase])
