"""A client's jobs, renewals and provisions, consistent with the phase they are in today.

Working today by phase (phase 4 mostly, phase 1 rarely), so that about half of the active
clients work: at a regular employer, in a Wsw company, or self-employed (2022's 37,100 /
17,500 / 4,160 + 1,410 of ~107,000), on contracts as in 2022. The job running today is drawn
first, within a spell of work that began a while ago; the jobs before it in that spell, and the
spells before it, come from `work_history`, so that the flows of every past year look alike.
Some fixed-term contracts run out in the next eight weeks. Provisions near table 3.7 for those
at a regular employer. Every draw comes from the work stream (`WorkPool.rng`), never the main
one.
"""

from datetime import date, timedelta
from decimal import Decimal

from .context import ClientFile, Seeding
from .draws import at, weighted
from .provisions import write_provisions
from .work_history import (
    CONTRACT_EARLIER,
    SHORT_SPELL,
    SPELL_YEARS,
    TERM_DAYS,
    WORKING_TODAY,
    YEAR,
    Draft,
    earlier_spells,
    elapsed,
    job_starts,
    pick_employer,
    spell_jobs,
    terms,
)

KIND_TODAY = {"regular": 0.63, "sheltered": 0.31, "self_employed": 0.06}
ALSO_SELF_EMPLOYED = 0.026  # of those in paid employment: a business beside the job
CONTRACT_TODAY = {"permanent": 0.6, "temporary": 0.33, "agency": 0.07}
# Of the permanent jobs running today: begun fixed-term, as the jobs before them.
BEGAN_FIXED_TERM = 1 - CONTRACT_EARLIER["permanent"]
PLACED_BY = {"self": 0.45, "uwv": 0.3, "provider": 0.25}
HISTORY_YEARS = 7  # the jobs that ended longer ago are left out
HOURS = [8, 12, 16, 20, 24, 28, 32, 36, 38]


def write_work(s: Seeding, file: ClientFile) -> str | None:
    """Write the client's work; the kind of work running today, None when not working."""
    rng, phase, today = s.work.rng, file.periods[-1][0], s.today
    adult, since = adult_on(file), today - timedelta(days=HISTORY_YEARS * YEAR)
    jobs: list[Draft] = []
    working: str | None = None
    if rng.random() < WORKING_TODAY[phase]:
        kind = working = weighted(rng, KIND_TODAY)
        spell = max(adult, today - timedelta(days=elapsed(rng, SHORT_SPELL, SPELL_YEARS)))
        starts = job_starts(s, spell, today)
        current = draw_current(s, kind, starts[-1], spell)
        jobs.append(current)
        if kind != "self_employed" and rng.random() < ALSO_SELF_EMPLOYED:
            business = max(spell, today - timedelta(days=rng.randint(30, 6 * YEAR)))
            jobs.append(Draft("self_employed", None, "", business))
        before = [start for start in starts if start < current.started]
        if before:
            found = spell_jobs(s, before, current.started - timedelta(days=1), ends_spell=False)
            jobs += reversed([job for job in found if job.ended and job.ended >= since])
        gap_until = spell - timedelta(days=1)
    else:
        gap_until = today
    jobs += earlier_spells(s, phase, gap_until, adult=adult, since=since)
    for draft in jobs:
        job_id = write_job(s, file, draft)
        if draft.kind == "regular" and draft.ended is None:
            write_provisions(s, file, job_id, draft.started)
    return working


def adult_on(file: ClientFile) -> date:
    """The earliest day a job may start: turning 18 (a client may have worked before entering
    the service), else entering it."""
    if file.born is not None:
        return file.born + timedelta(days=18 * YEAR)
    return file.in_service or file.history_start


def draw_current(s: Seeding, kind: str, lately: date, spell: date) -> Draft:
    """The job running today, started on `lately` (the last job start of its spell of work,
    which began on `spell`), a fixed-term one within its first two contracts."""
    rng, today = s.work.rng, s.today
    if kind == "sheltered":
        return Draft(kind, rng.choice(s.work.sheltered), "permanent", lately)
    if kind == "self_employed":
        return Draft(kind, None, "", lately)
    employer = pick_employer(s)
    contract = weighted(rng, CONTRACT_TODAY)
    if contract != "permanent":
        return fixed_term_today(s, Draft(kind, employer, contract, lately))
    if rng.random() < BEGAN_FIXED_TERM and (today - lately).days >= 120:
        draft = Draft(kind, employer, weighted(rng, {"temporary": 0.85, "agency": 0.15}), lately)
        terms(s, draft, today, stop=False)
        if not draft.renewals or draft.renewals[-1][2] is not None:  # not yet made permanent
            assert draft.planned_end is not None
            earliest = draft.renewals[-1][0] if draft.renewals else lately
            renewed = draft.planned_end - timedelta(days=rng.randint(0, 30))
            draft.renewals.append((max(earliest, min(today, renewed)), draft.planned_end, None))
        return draft
    return Draft(kind, employer, "permanent", lately)


def fixed_term_today(s: Seeding, draft: Draft) -> Draft:
    """A temporary or agency job running today, in its first contract or extended once
    (`terms`), its planned end today or later."""
    rng, today = s.work.rng, s.today
    term = int(weighted(rng, TERM_DAYS[draft.contract]))
    contracts = 2 * term
    if (today - draft.started).days >= contracts:  # another job came before this one
        draft.started = today - timedelta(days=rng.randint(0, contracts - 1))
    terms(s, draft, today, stop=False, permanent=False, term=term)
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
