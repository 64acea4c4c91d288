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


def previous_phase(rng: random.Random, phase: str) -> str:
    """The phase before `phase`: mostly the one below, sometimes a skip or a fallback."""
    p = int(phase)
    options = {str(p - 1): 0.6, str(p - 2): 0.15, str(p + 1): 0.25}
    valid = {k: w for k, w in options.items() if k in PHASE_MIX}
    return weighted(rng, valid)
