"""Work plans (one to three versions, the last one current) and the agreements in each."""

from datetime import date, timedelta

from .. import vocabulary as words
from .context import ClientFile, Seeding
from .draws import at, weighted


def write_work_plans(s: Seeding, file: ClientFile) -> None:
    rng = s.rng
    if rng.random() > 0.85:
        return
    versions = weighted(rng, {"1": 0.6, "2": 0.3, "3": 0.1})
    span = max(1, (s.today - file.history_start).days)
    made_on = sorted(
        file.history_start + timedelta(days=rng.randint(0, span)) for _ in range(int(versions))
    )
    for index, day in enumerate(made_on, start=1):
        current = index == len(made_on)
        worker = file.worker_on(day)
        plan_id = write_plan(s, file, index, day, worker, current=current)
        write_agreements(s, plan_id, day, worker, current=current)


def write_plan(
    s: Seeding, file: ClientFile, version: int, day: date, worker: int, *, current: bool
) -> int:
    rng = s.rng
    phase = next(
        (p for p, start, end, _ in file.periods if start <= day and (end is None or day < end)),
        file.periods[-1][0],
    )
    status = ("agreed" if rng.random() < 0.8 else "draft") if current else "superseded"
    return s.w["workplan"].add(
        file.client_id,
        version,
        rng.choice(words.GOALS[phase]),
        status,
        day if status != "draft" else None,
        worker,
        at(day, 11),
        at=at(day, 11),
        by=worker,
    )


def write_agreements(s: Seeding, plan_id: int, day: date, worker: int, *, current: bool) -> None:
    rng = s.rng
    for owner, description in rng.sample(words.AGREEMENTS, rng.randint(2, 4)):
        due = day + timedelta(days=rng.randint(30, 240))
        status = agreement_status(s, due, current=current)
        s.w["agreement"].add(plan_id, description, owner, due, status, at=at(day, 11), by=worker)


def agreement_status(s: Seeding, due: date, *, current: bool) -> str:
    """Agreements of an old plan are mostly settled; of the current one, those past due, and
    the longer ago the more so: a caseworker's queue holds weeks of arrears, not years."""
    if not current:
        return weighted(s.rng, {"done": 0.6, "cancelled": 0.15, "open": 0.25})
    if due < s.today - timedelta(days=90):
        return weighted(s.rng, {"done": 0.8, "open": 0.05, "cancelled": 0.15})
    if due < s.today:
        return weighted(s.rng, {"done": 0.6, "open": 0.35, "cancelled": 0.05})
    return "open"
