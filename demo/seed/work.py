"""A client's jobs, renewals and provisions, consistent with the phase they are in today.

Working today by phase (phase 4 mostly, phase 1 rarely), so that about half of the active
clients work: at a regular employer, in a Wsw company, or self-employed (2022's 37,100 /
17,500 / 4,160 + 1,410 of ~107,000). The job running today is drawn first; the jobs before it
are drawn backwards from its start: a direct job change or a gap (then its start is a
placement), with short jobs more often than long ones, so that a year after a placement about
39 % still work at the same employer, 23 % elsewhere and 38 % not at all. Fixed-term contracts
are renewed when their planned end comes (some run out in the next eight weeks), some are made
permanent. Provisions near table 3.7 for those at a regular employer. Every draw comes from the
work stream (`WorkPool.rng`), never the main one.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from .context import ClientFile, Seeding
from .draws import at, weighted
from .provisions import write_provisions

YEAR = 365
WORKING_TODAY = {"1": 0.07, "2": 0.22, "3": 0.38, "4": 0.93}
# Of those not working today: how many had a job in the years shown.
WORKED_BEFORE = {"1": 0.08, "2": 0.18, "3": 0.35, "4": 0.6}
KIND_TODAY = {"regular": 0.63, "sheltered": 0.31, "self_employed": 0.06}
ALSO_SELF_EMPLOYED = 0.026  # of those in paid employment: a business beside the job
CONTRACT_TODAY = {"permanent": 0.6, "temporary": 0.33, "agency": 0.07}
CONTRACT_EARLIER = {"temporary": 0.55, "agency": 0.2, "permanent": 0.25}
MADE_PERMANENT = 0.3  # of the permanent jobs running today: started fixed-term
TERM_DAYS = {
    "temporary": {"182": 0.2, "365": 0.5, "730": 0.3},
    "agency": {"182": 0.4, "365": 0.6},
}
# A job followed straight by the next one (a job change, no placement): fixed-term jobs
# running today mostly came straight from another.
DIRECT_CHANGE = {"fixed_term": 0.5, "other": 0.2}
LONG_AGO = 0.7  # of the permanent and Wsw jobs running today: begun five or more years ago
PLACED_BY = {"self": 0.45, "uwv": 0.3, "provider": 0.25}
EARLY_END = {"dismissed": 0.3, "resigned": 0.3, "health": 0.3, "other": 0.1}
HOURS = [8, 12, 16, 20, 24, 28, 32, 36, 38]


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


def write_work(s: Seeding, file: ClientFile) -> str | None:
    """Write the client's work; the kind of work running today, None when not working."""
    rng, phase = s.work.rng, file.periods[-1][0]
    jobs: list[Draft] = []
    working: str | None = None
    if rng.random() < WORKING_TODAY[phase]:
        kind = working = weighted(rng, KIND_TODAY)
        current = draw_current(s, file, kind)
        jobs.append(current)
        if kind != "self_employed" and rng.random() < ALSO_SELF_EMPLOYED:
            business = s.today - timedelta(days=rng.randint(30, 6 * YEAR))
            jobs.append(Draft("self_employed", None, "", business))
        direct = DIRECT_CHANGE["fixed_term" if current.planned_end else "other"]
        jobs += draw_earlier(s, file, current.started, direct=direct)
    elif rng.random() < WORKED_BEFORE[phase]:
        gap = 14 + int(rng.expovariate(1 / 900))
        jobs += draw_earlier(s, file, s.today - timedelta(days=gap - 1), direct=None)
    for draft in jobs:
        job_id = write_job(s, file, draft)
        if draft.kind == "regular" and draft.ended is None:
            write_provisions(s, file, job_id, draft.started)
    return working


def floor_day(file: ClientFile) -> date:
    """The earliest day a job may start: entering service, or at most ten years back."""
    return max(file.in_service or file.history_start, file.last_day - timedelta(days=10 * YEAR))


def between(s: Seeding, low: date, high: date) -> date:
    return low + timedelta(days=s.work.rng.randint(0, max(0, (high - low).days)))


def draw_current(s: Seeding, file: ClientFile, kind: str) -> Draft:
    rng, today = s.work.rng, s.today
    first = floor_day(file)
    if kind == "sheltered":
        return Draft(kind, rng.choice(s.work.sheltered), "permanent", long_or_recent(s, first))
    if kind == "self_employed":
        return Draft(kind, None, "", between(s, first, today))
    employer = pick_employer(s)
    contract = weighted(rng, CONTRACT_TODAY)
    if contract != "permanent":
        started = between(s, max(first, today - timedelta(days=6 * YEAR)), today)
        draft = Draft(kind, employer, contract, started)
        renew_until(s, draft, today)
        return draft
    if rng.random() < MADE_PERMANENT:
        started = max(first, today - timedelta(days=rng.randint(120, 5 * YEAR)))
        draft = Draft(kind, employer, weighted(rng, {"temporary": 0.85, "agency": 0.15}), started)
        renew_until(s, draft, between(s, started + timedelta(days=60), today))
        assert draft.planned_end is not None
        earliest = draft.renewals[-1][0] if draft.renewals else started
        renewed = draft.planned_end - timedelta(days=rng.randint(0, 30))
        draft.renewals.append((max(earliest, min(today, renewed)), draft.planned_end, None))
        return draft
    return Draft(kind, employer, "permanent", long_or_recent(s, first))


def long_or_recent(s: Seeding, first: date) -> date:
    """A start five or more years ago (`LONG_AGO`; when in service that long), else any day."""
    five_years_ago = s.today - timedelta(days=5 * YEAR)
    if first < five_years_ago and s.work.rng.random() < LONG_AGO:
        return between(s, first, five_years_ago)
    return between(s, first, s.today - timedelta(days=1))


def pick_employer(s: Seeding) -> int:
    """Large employers more often: a square favours the first of the list."""
    pool = s.work.regular
    return pool[int(len(pool) * s.work.rng.random() ** 2)]


def renew_until(s: Seeding, draft: Draft, day: date) -> None:
    """Give a fixed-term job its first planned end and renew it each time that end comes
    before `day` (a few weeks ahead of it), so that it stands at or after `day`."""
    rng = s.work.rng
    term = int(weighted(rng, TERM_DAYS[draft.contract]))
    end = draft.started + timedelta(days=term - 1)
    while end < day:
        renewed = max(draft.started, end - timedelta(days=rng.randint(0, 30)))
        draft.renewals.append((renewed, end, end + timedelta(days=term)))
        end += timedelta(days=term)
    draft.planned_end = end


def draw_earlier(
    s: Seeding, file: ClientFile, before: date, *, direct: float | None
) -> list[Draft]:
    """Up to two jobs before `before`, newest first. `direct`: the chance that the job
    starting on `before` followed one straight (a job change); None: the client does not
    work on `before` and the last job ended the day before it."""
    rng = s.work.rng
    first = max(floor_day(file), file.history_start - timedelta(days=2 * YEAR))
    jobs: list[Draft] = []
    for _ in range(2):
        change = direct is not None and rng.random() < direct
        if direct is None or change:
            ended = before - timedelta(days=1)
        elif rng.random() < 0.6:
            break
        else:
            ended = before - timedelta(days=rng.randint(30, 2 * YEAR))
        short = rng.random() < 0.88
        length = rng.randint(30, YEAR - 1) if short else rng.randint(YEAR, 3 * YEAR)
        started = ended - timedelta(days=length)
        if started < first:
            break
        jobs.append(draw_past(s, started, ended, change=change))
        before, direct = started, DIRECT_CHANGE["other"]
    return jobs


def draw_past(s: Seeding, started: date, ended: date, *, change: bool) -> Draft:
    rng = s.work.rng
    kind = weighted(rng, {"regular": 0.85, "sheltered": 0.1, "self_employed": 0.05})
    if kind == "self_employed":
        draft = Draft(kind, None, "", started)
    elif kind == "sheltered":
        draft = Draft(kind, rng.choice(s.work.sheltered), "permanent", started)
    else:
        draft = Draft(kind, pick_employer(s), weighted(rng, CONTRACT_EARLIER), started)
    if draft.contract in ("temporary", "agency"):
        renew_until(s, draft, ended)
    draft.ended = ended
    if change:
        draft.end_reason = "other_job"
    elif kind == "self_employed":
        draft.end_reason = "business_stopped"
    elif draft.planned_end is not None and (draft.planned_end - ended).days <= 31:
        draft.end_reason = "contract_ended"
    else:
        draft.end_reason = weighted(rng, EARLY_END)
    return draft


def write_job(s: Seeding, file: ClientFile, draft: Draft) -> int:
    rng = s.work.rng
    contract, planned_end = draft.contract, draft.planned_end
    if draft.renewals and draft.renewals[-1][2] is None:  # made permanent: as it stands now
        contract, planned_end = "permanent", None
    hours = Decimal(rng.choice(HOURS if draft.kind != "sheltered" else HOURS[4:]))
    worker = file.worker_on(draft.started)
    job_id = s.w["job"].add(
        file.client_id,
        draft.kind,
        draft.employer,
        contract,
        hours,
        draft.started,
        planned_end,
        draft.ended,
        draft.end_reason,
        weighted(rng, PLACED_BY),
        None,
        worker,
        at=at(draft.started, 12),
        by=worker,
    )
    write_renewals(s, file, job_id, draft)
    return job_id


def write_renewals(s: Seeding, file: ClientFile, job_id: int, draft: Draft) -> None:
    """Each renewal with the terms it replaced: the first contract and the planned end before."""
    for renewed, previous_end, new_end in draft.renewals:
        worker = file.worker_on(renewed)
        s.w["renewal"].add(
            job_id,
            renewed,
            new_end,
            new_end is None,
            draft.contract,
            previous_end,
            worker,
            at=at(renewed, 13),
            by=worker,
        )
