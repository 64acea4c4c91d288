"""Trajectories bought for a client (17% have one, a few two), some paused, with outcomes."""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from interventions.models import ServiceType

from .. import vocabulary as words
from .context import ClientFile, Seeding
from .draws import at, weighted

OUTCOMES = {
    "work_found": 0.3,
    "work_fit": 0.2,
    "work_retained": 0.1,
    "next_step": 0.15,
    "no_result": 0.15,
    "dropped_out": 0.1,
}
REPEAT = "Eerder traject leverde onvoldoende op; nieuwe aanbieder gekozen."


@dataclass
class Course:
    """How a trajectory bought on `purchased` runs, as of today."""

    purchased: date
    started: date | None
    planned_end: date
    ended: date | None = None
    status: str = "running"
    outcome: str = ""
    pause: tuple[date, date | None] | None = None


def write_trajectories(s: Seeding, file: ClientFile) -> None:
    rng = s.rng
    bought: set[int] = set()
    count = 0 if rng.random() > 0.17 else (2 if rng.random() < 0.15 else 1)
    history_start = file.periods[0][1]
    span = (s.today - timedelta(days=7) - history_start).days
    if span <= 0:
        return
    for purchased in sorted(
        history_start + timedelta(days=rng.randint(0, span)) for _ in range(count)
    ):
        phase = next(
            p
            for p, start, end, _ in file.periods
            if start <= purchased and (end is None or purchased < end)
        )
        service_type = rng.choice(s.types_by_phase[phase])
        low, high = words.COST_RANGE[service_type.category]
        cost = Decimal(rng.randint(low * 100, high * 100)) / 100
        course = draw_course(s, purchased)
        draw_pause(s, course)
        write_trajectory(s, file, service_type, cost, course, repeat=service_type.id in bought)
        bought.add(service_type.id)


def draw_course(s: Seeding, purchased: date) -> Course:
    """Requested if it starts after today; ended (completed or cancelled) if planned to."""
    rng, today = s.rng, s.today
    started = purchased + timedelta(days=rng.randint(7, 45))
    course = Course(purchased, started, started + timedelta(days=rng.randint(90, 365)))
    if started > today:
        course.status, course.started = "requested", None
    elif course.planned_end < today:
        ended = min(today, course.planned_end + timedelta(days=rng.randint(-30, 30)))
        course.ended = max(ended, started)
        if rng.random() < 0.85:
            course.status = "completed"
            course.outcome = weighted(rng, OUTCOMES)
        else:
            course.status = "cancelled"
    return course


def draw_pause(s: Seeding, course: Course) -> None:
    """Pause 15% of the started courses; one still paused today is marked so."""
    rng = s.rng
    if course.started is None or rng.random() >= 0.15:
        return
    pause_from = course.started + timedelta(days=rng.randint(10, 60))
    pause_end = pause_from + timedelta(days=rng.randint(14, 90))
    limit = course.ended or s.today
    if pause_from > limit:
        return
    if pause_end <= limit:
        course.pause = (pause_from, pause_end)
        return
    course.pause = (pause_from, course.ended)  # a closed trajectory closes its pause
    if course.ended is None:
        course.status = "paused"


def write_trajectory(
    s: Seeding,
    file: ClientFile,
    service_type: ServiceType,
    cost: Decimal,
    course: Course,
    *,
    repeat: bool,
) -> None:
    worker = file.worker_on(course.purchased)
    trajectory_id = s.w["trajectory"].add(
        file.client_id,
        service_type.id,
        s.rng.choice(s.catalogue.providers).id,
        f"{service_type.name} gericht op het doel uit het werkplan",
        course.purchased,
        course.started,
        course.planned_end if course.started else None,
        course.ended,
        course.status,
        cost,
        course.outcome,
        "",
        REPEAT if repeat else "",
        worker,
        at=at(course.purchased, 14),
        by=worker,
    )
    if course.pause is not None:
        pause_from, pause_to = course.pause
        s.w["pause"].add(
            trajectory_id,
            pause_from,
            pause_to,
            "Cliënt tijdelijk ziek",
            at=at(pause_from, 14),
            by=worker,
        )
