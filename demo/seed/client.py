"""A client: who they are, since when in service, and their caseworkers over time."""

import random
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from accounts.models import Team

from .. import vocabulary as words
from .context import ClientFile, Seeding
from .conversations import write_conversations
from .dated import write_capacity_decisions, write_team_periods
from .draws import at, weighted
from .exemptions import write_exemptions
from .ladder import write_ladder
from .phase_periods import draw_phase_periods, write_phase_periods
from .referrals import write_referrals
from .trajectories import write_trajectories
from .work import write_work
from .work_plans import write_work_plans

# (caseworker id, from, until or None while current, handover note)
Assignment = tuple[int, date, date | None, str]
BIRTH_YEARS = {"owajong": (1958, 1991), "wajong2010": (1991, 1996), "wajong2015": (1997, 2007)}


@dataclass
class Entry:
    """The facts of a client drawn before anything is written."""

    team: Team
    team_workers: list[int]
    caseworker: int | None
    regime: str
    date_of_birth: date
    has_capacity: bool
    in_service: date
    out_of_service: date | None
    last_day: date
    history_start: date


def write_client(s: Seeding, bsn: str, phase: str) -> None:
    """Write a client now in `phase` with its whole history."""
    entry = draw_entry(s)
    workers = draw_assignments(s, entry.team_workers, entry.caseworker, entry.history_start)
    client_id = write_client_row(s, bsn, entry)
    write_assignments(s, client_id, entry, workers)
    write_team_periods(s, client_id, entry)
    write_capacity_decisions(s, client_id, entry)
    worker_on = worker_lookup(workers, entry.caseworker or entry.team_workers[0])
    periods = draw_phase_periods(s, phase, entry.history_start)
    write_phase_periods(s, client_id, periods, worker_on)
    file = ClientFile(
        client_id,
        periods,
        worker_on,
        entry.history_start,
        entry.last_day,
        active=entry.out_of_service is None,
        in_service=entry.in_service,
        born=entry.date_of_birth,
    )
    write_conversations(s, file)
    write_work_plans(s, file)
    write_trajectories(s, file)
    write_exemptions(s, file)
    write_ladder(s, file, bsn, write_work(s, file))
    write_referrals(s, s.social_map, file, entry.team)


def draw_entry(s: Seeding) -> Entry:
    rng, today = s.rng, s.today
    team = rng.choice(s.staff.teams)
    team_workers = s.staff.caseworkers[team.id]
    caseworker = rng.choice(team_workers) if rng.random() < 0.92 else None
    regime = weighted(rng, {"owajong": 0.45, "wajong2010": 0.5, "wajong2015": 0.05})
    year = rng.randint(*BIRTH_YEARS[regime])
    date_of_birth = date(year, rng.randint(1, 12), rng.randint(1, 28))
    has_capacity = regime != "wajong2015" or rng.random() < 0.4
    in_service = draw_in_service(s, date_of_birth)
    out_of_service = s.days_ago(1, 364) if rng.random() < 0.03 else None
    if out_of_service is not None and out_of_service <= in_service:
        out_of_service = None
    last_day = min(today, out_of_service - timedelta(days=1)) if out_of_service else today
    history_start = max(in_service, today - timedelta(days=5 * 365 + rng.randint(0, 365)))
    return Entry(
        team,
        team_workers,
        caseworker,
        regime,
        date_of_birth,
        has_capacity,
        in_service,
        out_of_service,
        last_day,
        history_start,
    )


def draw_in_service(s: Seeding, date_of_birth: date) -> date:
    """Mostly since a day between turning 18 (not before 2008) and a year ago; some this year."""
    if s.rng.random() < 0.04:
        return s.days_ago(20, 364)
    earliest = max(date_of_birth + timedelta(days=18 * 365), date(2008, 1, 1))
    span = max(1, (s.today - timedelta(days=365) - earliest).days)
    return earliest + timedelta(days=s.rng.randint(0, span))


def draw_assignments(
    s: Seeding, team_workers: list[int], current: int | None, history_start: date
) -> list[Assignment]:
    rng = s.rng
    result: list[Assignment] = []
    if current is None:
        if rng.random() < 0.5:  # the fixed contact person left and nobody took over yet
            start = max(history_start, s.days_ago(400, 1500))
            end = max(start, s.days_ago(10, 399))
            result.append((rng.choice(team_workers), start, end, ""))
        return result
    start = max(history_start, s.days_ago(0, 1500))
    if start > history_start and rng.random() < 0.6:
        others = [w for w in team_workers if w != current] or team_workers
        result.append((rng.choice(others), history_start, start, ""))
        result.append((current, start, None, rng.choice(words.HANDOVER_NOTES)))
    else:
        result.append((current, start, None, ""))
    return result


def _ascii(name: str) -> str:
    """'Dé Jong-Smit' -> 'dejongsmit', for a valid generated e-mail address."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return "".join(c for c in plain.lower() if c.isalnum())


def contact_details(bsn: str, first: str, last: str) -> tuple[str, str, str, str, str, str]:
    """Generated phone, e-mail (a reserved .test domain) and address, from a generator of their
    own per client: adding them changed nothing else a seed gives."""
    rng = random.Random(f"contact-{bsn}")
    phone = f"06{rng.randint(10_000_000, 99_999_999)}"
    email = f"{_ascii(first)}.{_ascii(last)}@voorbeeld.test"
    street = f"{rng.choice(words.STREETS)} {rng.randint(1, 180)}"
    letters = "".join(rng.choice("ABCDEGHJKLMNPRTVWXZ") for _ in range(2))
    postcode = f"{rng.randint(1000, 9999)} {letters}"
    channel = rng.choice(["phone", "phone", "email", "in_person", "letter"])
    return phone, email, street, postcode, rng.choice(words.CITIES), channel


# Why clients leave the benefit: retirement, lasting work and lasting no capacity above all.
LEAVING_REASONS = {
    "retirement": 0.4,
    "recovered_work": 0.25,
    "lasting_none": 0.2,
    "death": 0.07,
    "abroad": 0.04,
    "detention": 0.02,
    "other": 0.02,
}


def leaving_reason(bsn: str) -> str:
    """From a generator of its own per client, so that adding it changed nothing else."""
    return weighted(random.Random(f"leaving-{bsn}"), LEAVING_REASONS)


def write_client_row(s: Seeding, bsn: str, entry: Entry) -> int:
    entered = at(entry.in_service, 9)
    first, last = s.rng.choice(words.FIRST_NAMES), s.rng.choice(words.LAST_NAMES)
    return s.w["client"].add(
        bsn,
        first,
        last,
        entry.date_of_birth,
        entry.regime,
        entry.has_capacity,
        entry.in_service,
        entry.out_of_service,
        leaving_reason(bsn) if entry.out_of_service else "",
        entry.team.id,
        entry.caseworker,
        1,
        entered,
        entered,
        *contact_details(bsn, first, last),
        at=entered,
        by=s.staff.managers[entry.team.id],
    )


def write_assignments(s: Seeding, client_id: int, entry: Entry, workers: list[Assignment]) -> None:
    manager = s.staff.managers[entry.team.id]
    for worker, start, end, note in workers:
        s.w["assignment"].add(
            client_id, worker, start, end, note, manager, at=at(start, 8), by=manager
        )


def worker_lookup(workers: list[Assignment], fallback: int) -> Callable[[date], int]:
    """Who was the client's caseworker on a day; `fallback` outside every assignment."""

    def worker_on(day: date) -> int:
        for worker, start, end, _ in workers:
            if start <= day and (end is None or day < end):
                return worker
        return fallback

    return worker_on
