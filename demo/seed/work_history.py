"""A client's working life as spells of work and gaps between them, steady from year to year.

A spell of work runs from a placement to the first day without a job: one job, or several
straight after each other (job changes). Spells and gaps are drawn backwards from today with
lengths that do not depend on the year, so that every past year shows about the same flows as
the next: a spell ends within its first year in `SHORT_SPELL` of the cases (38 % not working a
year after a placement), and its first job lasts a year or more in 39 % (same employer a year
on); the rest changed jobs. A gap lasts, on average, long enough that the share working in
each phase stays what it is today. Fixed-term contracts are extended at their planned end at
most `MAX_EXTENSIONS` times, or made permanent, or end; with the spells' length this gives
about 7,000 placements and 8,500 renewals a year at 110,000 clients.
"""

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from .context import Seeding
from .draws import weighted

YEAR = 365
WORKING_TODAY = {"1": 0.07, "2": 0.22, "3": 0.38, "4": 0.93}
SHORT_SPELL = 0.55  # of the spells: over within a year
SPELL_YEARS = 16.5  # the mean of a longer spell beyond its first year
SHORT_JOB = 0.08  # of the jobs in a spell: over within a year
JOB_YEARS = 6.0  # the mean of a longer job beyond its first year
MIN_GAP = 14  # days without a job between two spells, at least
KIND_EARLIER = {"regular": 0.8, "sheltered": 0.15, "self_employed": 0.05}
CONTRACT_EARLIER = {"temporary": 0.5, "agency": 0.2, "permanent": 0.3}
TERM_DAYS = {
    "temporary": {"182": 0.1, "365": 0.5, "730": 0.4},
    "agency": {"182": 0.4, "365": 0.6},
}
MAKE_PERMANENT = 0.38  # at a fixed-term contract's planned end, when the job goes on
MAX_EXTENSIONS = 2  # then it is made permanent
EARLY_END = {"dismissed": 0.3, "resigned": 0.3, "health": 0.3, "other": 0.1}
MAX_SPELLS = 8


def mean_days(short: float, years: float) -> float:
    """The mean length of `lasting` draws: short ones average half a year and a bit."""
    return short * (30 + YEAR - 1) / 2 + (1 - short) * (1 + years) * YEAR


# The mean gap in each phase: spell × (not working / working).
GAP_DAYS = {
    phase: mean_days(SHORT_SPELL, SPELL_YEARS) * (1 - share) / share
    for phase, share in WORKING_TODAY.items()
}


@dataclass
class Draft:
    """A job before it is written: `contract` and `planned_end` as it started or stands before
    being made permanent; `renewals` as (renewed on, planned end before, new planned end or
    None when made permanent)."""

    kind: str
    employer: int | None
    contract: str
    started: date
    planned_end: date | None = None
    ended: date | None = None
    end_reason: str = ""
    renewals: list[tuple[date, date, date | None]] = field(default_factory=list)


def lasting(rng: random.Random, short: float, years: float) -> int:
    """Days a spell or job lasts: under a year (chance `short`), else a year and a random
    number of years more (mean `years`)."""
    if rng.random() < short:
        return rng.randint(30, YEAR - 1)
    return YEAR + int(rng.expovariate(1 / (years * YEAR)))


def elapsed(rng: random.Random, short: float, years: float) -> int:
    """Days since a spell or job running today started, for lengths drawn by `lasting`: a
    long one is the more likely to be running on a given day, the longer it is."""
    weight_short = short * (30 + YEAR - 1) / 2
    if rng.random() < weight_short / mean_days(short, years):
        return rng.randint(0, rng.randint(30, YEAR - 1))
    if rng.random() < 1 / (1 + years):
        return rng.randint(0, YEAR - 1)
    return YEAR + int(rng.expovariate(1 / (years * YEAR)))


def between(s: Seeding, low: date, high: date) -> date:
    return low + timedelta(days=s.work.rng.randint(0, max(0, (high - low).days)))


def pick_employer(s: Seeding) -> int:
    """Large employers more often: a square favours the first of the list."""
    pool = s.work.regular
    return pool[int(len(pool) * s.work.rng.random() ** 2)]


def earlier_spells(
    s: Seeding, phase: str, gap_until: date, *, adult: date, since: date
) -> list[Draft]:
    """Going back from `gap_until`, the last day of a gap: the spell before it, the gap
    before that, and so on, none begun before `adult`; newest first, the jobs ended before
    `since` left out."""
    rng = s.work.rng
    jobs: list[Draft] = []
    for _ in range(MAX_SPELLS):
        gap = MIN_GAP + int(rng.expovariate(1 / GAP_DAYS[phase]))
        last = gap_until - timedelta(days=gap)
        if last < max(adult, since):
            break
        first = max(adult, last - timedelta(days=lasting(rng, SHORT_SPELL, SPELL_YEARS) - 1))
        found = spell_jobs(s, job_starts(s, first, last), last, ends_spell=True)
        jobs += reversed([job for job in found if job.ended and job.ended >= since])
        gap_until = first - timedelta(days=1)
    return jobs


def job_starts(s: Seeding, first: date, until: date) -> list[date]:
    """The days the jobs of a spell beginning on `first` start, each the day after the one
    before ends, up to the one running on `until`."""
    starts = [first]
    while True:
        end = starts[-1] + timedelta(days=lasting(s.work.rng, SHORT_JOB, JOB_YEARS) - 1)
        if end >= until:
            return starts
        starts.append(end + timedelta(days=1))


def spell_jobs(s: Seeding, starts: list[date], last: date, *, ends_spell: bool) -> list[Draft]:
    """The jobs starting on `starts`, each until the next starts, the last until `last`; it
    ends the spell (`ends_spell`) or is followed by the job running today."""
    ends = [start - timedelta(days=1) for start in starts[1:]] + [last]
    return [
        draw_past(s, start, end, change=index < len(starts) - 1 or not ends_spell)
        for index, (start, end) in enumerate(zip(starts, ends, strict=True))
    ]


def draw_past(s: Seeding, started: date, ended: date, *, change: bool) -> Draft:
    """A job that ran from `started` to `ended`; `change`: straight into another job."""
    rng = s.work.rng
    kind = weighted(rng, KIND_EARLIER)
    if kind == "self_employed":
        draft = Draft(kind, None, "", started)
    elif kind == "sheltered":
        draft = Draft(kind, rng.choice(s.work.sheltered), "permanent", started)
    else:
        draft = Draft(kind, pick_employer(s), weighted(rng, CONTRACT_EARLIER), started)
    draft.ended = ended
    if draft.contract in ("temporary", "agency"):
        terms(s, draft, ended, stop=not change)
        assert draft.ended is not None
    if change:
        draft.end_reason = "other_job"
    elif kind == "self_employed":
        draft.end_reason = "business_stopped"
    elif draft.planned_end is not None and draft.planned_end == draft.ended:
        draft.end_reason = "contract_ended"
    else:
        draft.end_reason = weighted(rng, EARLY_END)
    return draft


def terms(
    s: Seeding,
    draft: Draft,
    until: date,
    *,
    stop: bool,
    permanent: bool = True,
    term: int | None = None,
) -> None:
    """The fixed-term contract's planned ends up to `until`: at each, extended (at most
    `MAX_EXTENSIONS` times) or made permanent (when `permanent`), a few weeks ahead. `stop`:
    the job ended on `until`; a planned end in the month before it is where it ended."""
    rng = s.work.rng
    term = term or int(weighted(rng, TERM_DAYS[draft.contract]))
    end = draft.started + timedelta(days=term - 1)
    while end < until:
        if stop and (until - end).days <= 31:
            draft.ended = end  # the contract ran out: the job ended on its planned end
            break
        renewed = max(draft.started, end - timedelta(days=rng.randint(0, 30)))
        extensions = len(draft.renewals)
        if permanent and (extensions >= MAX_EXTENSIONS or rng.random() < MAKE_PERMANENT):
            draft.renewals.append((renewed, end, None))
            break
        draft.renewals.append((renewed, end, end + timedelta(days=term)))
        end += timedelta(days=term)
    draft.planned_end = end
