"""Conversations: held, missed or cancelled ones through the phase history, and one planned."""

from collections.abc import Iterator
from datetime import date, timedelta

from .. import vocabulary as words
from .constants import CONVERSATIONS_PER_YEAR
from .context import ClientFile, Seeding
from .draws import at, weighted

STATUSES = {"held": 0.85, "no_show": 0.08, "cancelled": 0.07}
CHANNELS = {"in_person": 0.55, "phone": 0.25, "video": 0.15, "written": 0.05}
KINDS = {"monitoring": 0.55, "coaching": 0.35, "workplan": 0.07, "other": 0.03}


def write_conversations(s: Seeding, file: ClientFile) -> None:
    first = True  # the client's first conversation is the intake
    after_last = file.last_day + timedelta(days=1)
    for phase, start, end, _ in file.periods:
        stop = min(end or after_last, after_last)
        for day in conversation_days(s, start, stop, CONVERSATIONS_PER_YEAR[phase]):
            write_conversation(s, file, day, intake=first)
            first = False
    if file.active and s.rng.random() < 0.55:
        write_planned_conversation(s, file)


def conversation_days(s: Seeding, start: date, stop: date, yearly: float) -> Iterator[date]:
    """The days from `start` until before `stop`, more often in the first two years."""
    day = start
    while True:
        boost = 1.3 if (day - start).days < 730 else 1.0
        day += timedelta(days=int(s.rng.expovariate(yearly * boost / 365)) + 1)
        if day >= stop:
            return
        yield day


def write_conversation(s: Seeding, file: ClientFile, day: date, *, intake: bool) -> None:
    rng = s.rng
    status = weighted(rng, STATUSES)
    channel = weighted(rng, CHANNELS)
    kind = "intake" if intake else weighted(rng, KINDS)
    held = status == "held"
    minutes = None
    if held:
        minutes = rng.randint(40, 100) if channel in ("in_person", "video") else rng.randint(10, 35)
    next_contact = day + timedelta(days=rng.randint(60, 365)) if held else None
    worker = file.worker_on(day)
    s.w["conversation"].add(
        file.client_id,
        worker,
        day,
        status,
        channel,
        rng.random() < 0.95,
        kind,
        minutes,
        rng.choice(words.SUMMARIES) if held else "",
        next_contact,
        at(day, 16),
        at=at(day, 16),
        by=worker,
    )


def write_planned_conversation(s: Seeding, file: ClientFile) -> None:
    """A plan in the next four months; a few passed in the last week without being recorded,
    so a demo caseworker's queue has missed appointments as a real one has."""
    day = s.today + timedelta(days=s.rng.randint(-6, 120))
    worker = file.worker_on(s.today)
    s.w["conversation"].add(
        file.client_id,
        worker,
        day,
        "planned",
        "in_person",
        True,
        "monitoring",
        None,
        "",
        None,
        at(s.today, 17),
        at=at(s.today, 17),
        by=worker,
    )
