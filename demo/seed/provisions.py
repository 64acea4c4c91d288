"""Provisions for a client at a regular employer, near table 3.7 of the study (2022): of those
at work, 38 % with wage dispensation in the past five years, 23 % with a job coach in the past
two, about 2 % each with transport or another provision; most with a job coach have wage
dispensation too. A few applications are pending, refused or withdrawn."""

from datetime import date, timedelta

from .context import ClientFile, Seeding
from .draws import at

YEAR = 365
WAGE_DISPENSATION = 0.45
JOB_COACH = {True: 0.5, False: 0.11}  # with and without wage dispensation
TRANSPORT = 0.02
OTHER = {"workplace_adaptation": 0.012, "no_risk_policy": 0.006, "other": 0.004}
NOT_GRANTED = {"": 0.04, "refused": 0.05, "withdrawn": 0.01}  # pending, refused, withdrawn


def write_provisions(s: Seeding, file: ClientFile, job_id: int, job_started: date) -> None:
    rng = s.work.rng
    dispensation = rng.random() < WAGE_DISPENSATION
    if dispensation:
        write_provision(s, file, job_id, "wage_dispensation", "employer", job_started, 5 * YEAR)
    if rng.random() < JOB_COACH[dispensation]:
        write_provision(s, file, job_id, "job_coach", "client", job_started, 2 * YEAR)
    if rng.random() < TRANSPORT:
        write_provision(s, file, job_id, "transport", "client", job_started, 2 * YEAR)
    for kind, share in OTHER.items():
        if rng.random() < share:
            write_provision(s, file, job_id, kind, "employer", job_started, 2 * YEAR)


def write_provision(
    s: Seeding,
    file: ClientFile,
    job_id: int,
    kind: str,
    applicant: str,
    job_started: date,
    within: int,
) -> None:
    """Applied for in the job's first months (or, for a long-running job, within `within`
    days back), decided a few weeks later; granted for a year or more, wage dispensation with
    its wage value and a review date."""
    rng, today = s.work.rng, s.today
    earliest = max(job_started - timedelta(days=30), today - timedelta(days=within - 60))
    applied = earliest + timedelta(days=rng.randint(0, max(0, min(120, (today - earliest).days))))
    decision = "granted"
    roll = rng.random()
    for option, share in NOT_GRANTED.items():
        if roll < share:
            decision = option
            break
        roll -= share
    decided = applied + timedelta(days=rng.randint(10, 56))
    if decided > today:
        decision = ""
    valid_from = valid_until = wage_value = review = None
    if decision == "granted":
        valid_from = max(decided, job_started)
        years = rng.choice((1, 2, 3)) if kind != "wage_dispensation" else rng.choice((2, 3, 5))
        valid_until = valid_from + timedelta(days=years * YEAR - 1)
    if kind == "wage_dispensation":
        review = applied + timedelta(days=rng.choice((1, 2, 3)) * YEAR)
        if decision == "granted":
            wage_value = rng.randint(25, 85)
    worker = file.worker_on(applied)
    s.w["provision"].add(
        file.client_id,
        job_id,
        kind,
        applicant,
        applied,
        decided if decision else None,
        decision,
        valid_from,
        valid_until,
        wage_value,
        review,
        worker,
        at=at(min(applied, today), 15),
        by=worker,
    )
