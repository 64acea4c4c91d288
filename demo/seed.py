"""Reproducible, realistic demo data (DOMAIN.md numbers), written in bulk with history rows.

The same seed and as-of date give the same data. Staff and catalogues go through the ORM (a few
hundred rows); clients and everything attached to them go through `common.bulk.BulkWriter`.
"""

import math
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from datetime import time as clock
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.db import connection, transaction
from simple_history.utils import bulk_create_with_history

from accounts.models import Membership, Role, Team, User
from clients.models import CaseworkerAssignment, Client
from common.bulk import BulkWriter
from interventions.models import (
    Agreement,
    ContactExemption,
    Conversation,
    Provider,
    ServiceType,
    Trajectory,
    TrajectoryPause,
    WorkPlan,
)
from phases.models import PhaseExemption, PhasePeriod

from . import vocabulary as words

REASON = "Demodata (seed_demo)"
DEMO_PASSWORD = "wajong-demo-2026"
# The demo logins, one per role; documented in the README. Local use only.
DEMO_LOGINS = {
    "casemanager": Role.CASEWORKER,
    "teammanager": Role.TEAM_MANAGER,
    "auditor": Role.AUDITOR,
    "beheerder": Role.FUNCTIONAL_ADMIN,
}
# Clients per phase, average per month in 2021 (DOMAIN.md); the demo's current-phase mix.
PHASE_MIX = {"1": 20_110, "2": 15_585, "3": 11_115, "4": 41_595}
# Mean days a client stays in a phase, and all conversations a year (held ~85% of them).
PHASE_DAYS = {"1": 900, "2": 420, "3": 330, "4": 1100}
CONVERSATIONS_PER_YEAR = {"1": 1.5, "2": 2.2, "3": 2.2, "4": 1.1}
CLIENTS_PER_TEAM = 2_750
CLIENTS_PER_CASEWORKER = 400
CHUNK = 5_000
AMSTERDAM = ZoneInfo("Europe/Amsterdam")
# (phase, started_on, ended_on or None while open, reason)
Period = tuple[str, date, date | None, str]


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


@dataclass
class Staff:
    teams: list[Team]
    caseworkers: dict[int, list[int]]  # team id -> caseworker ids
    managers: dict[int, int]  # team id -> manager id


@dataclass
class Writers:
    all: dict[str, BulkWriter] = field(default_factory=dict)

    def __getitem__(self, name: str) -> BulkWriter:
        return self.all[name]

    def flush(self) -> None:
        for writer in self.all.values():
            writer.flush()

    def finish(self) -> None:
        for writer in self.all.values():
            writer.finish()


def make_writers() -> Writers:
    def writer(model, *fields: str) -> BulkWriter:
        return BulkWriter(model, fields, change_reason=REASON)

    return Writers(
        {
            "client": writer(
                Client,
                "bsn",
                "first_name",
                "last_name",
                "date_of_birth",
                "regime",
                "has_work_capacity",
                "in_service_since",
                "out_of_service_on",
                "team",
                "caseworker",
                "version",
                "created_at",
                "updated_at",
            ),
            "assignment": writer(
                CaseworkerAssignment,
                "client",
                "caseworker",
                "started_on",
                "ended_on",
                "handover_note",
                "assigned_by",
            ),
            "phase": writer(
                PhasePeriod,
                "client",
                "phase",
                "started_on",
                "ended_on",
                "reason",
                "recorded_by",
                "recorded_at",
            ),
            "conversation": writer(
                Conversation,
                "client",
                "caseworker",
                "held_on",
                "status",
                "channel",
                "with_client",
                "kind",
                "duration_minutes",
                "summary",
                "next_contact_on",
                "created_at",
            ),
            "workplan": writer(
                WorkPlan,
                "client",
                "version",
                "goal",
                "status",
                "agreed_on",
                "created_by",
                "created_at",
            ),
            "agreement": writer(Agreement, "work_plan", "description", "owner", "due_on", "status"),
            "trajectory": writer(
                Trajectory,
                "client",
                "service_type",
                "provider",
                "purpose",
                "purchased_on",
                "started_on",
                "planned_end_on",
                "ended_on",
                "status",
                "cost",
                "outcome",
                "outcome_note",
                "repeat_justification",
                "purchased_by",
            ),
            "pause": writer(TrajectoryPause, "trajectory", "from_date", "to_date", "reason"),
            "contact_exemption": writer(
                ContactExemption,
                "client",
                "reason",
                "note",
                "valid_from",
                "valid_until",
                "recorded_by",
            ),
            "phase_exemption": writer(
                PhaseExemption,
                "client",
                "phase",
                "reason",
                "note",
                "valid_from",
                "review_on",
                "recorded_by",
            ),
        }
    )


def write_demo_data(
    *, clients: int, seed: int, as_of: date, say: Callable[[str], None] = print
) -> dict[str, float]:
    """Write the demo data set; returns seconds per stage."""
    rng = random.Random(seed)
    timings: dict[str, float] = {}
    started = time.perf_counter()
    with transaction.atomic():
        staff = create_staff(rng, clients)
        catalogue = create_catalogue(rng)
        timings["staff and catalogues"] = time.perf_counter() - started
        writers = make_writers()
        generator = ClientGenerator(rng, as_of, staff, catalogue, writers)
        bsns = bsn_numbers(rng, clients)
        phases = phase_quota(clients)
        rng.shuffle(phases)
        for start in range(0, clients, CHUNK):
            for i in range(start, min(start + CHUNK, clients)):
                generator.client(bsns[i], phases[i])
            writers.flush()
            say(f"  {min(start + CHUNK, clients):>7} clients written")
        writers.finish()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # fresh planner statistics after a bulk load
    timings["total"] = time.perf_counter() - started
    timings.update({f"rows {name}": w.written for name, w in writers.all.items()})
    return timings


def create_staff(rng: random.Random, n_clients: int) -> Staff:
    n_teams = max(2, round(n_clients / CLIENTS_PER_TEAM))
    n_caseworkers = max(2 * n_teams, round(n_clients / CLIENTS_PER_CASEWORKER))
    groups = {role: Group.objects.get_or_create(name=role.value)[0] for role in Role}
    unusable = make_password(None)
    demo_hash = make_password(DEMO_PASSWORD)

    team_names = [
        f"{words.CITIES[i % len(words.CITIES)]} {i // len(words.CITIES) + 1}"
        for i in range(n_teams)
    ]
    teams = bulk_create_with_history(
        [Team(name=name) for name in team_names], Team, default_change_reason=REASON
    )
    teams = list(Team.objects.filter(name__in=team_names).order_by("id"))

    users: list[tuple[User, Role, Team | None]] = []

    def person(username: str, function: str = "") -> User:
        return User(
            username=username,
            first_name=rng.choice(words.FIRST_NAMES),
            last_name=rng.choice(words.LAST_NAMES),
            function=function,
            password=unusable,
        )

    for index, team in enumerate(teams):
        users.append((person(f"tm{index + 1:02d}"), Role.TEAM_MANAGER, team))
    for index in range(n_caseworkers):
        function = User.Function.AD if rng.random() < 0.7 else User.Function.AID
        users.append(
            (
                person(f"{function}{index + 1:03d}", function),
                Role.CASEWORKER,
                teams[index % n_teams],
            )
        )
    # The demo logins: a caseworker and a manager of the first team, an auditor, an admin.
    users[0][0].username = "teammanager"
    users[n_teams][0].username = "casemanager"
    users.append((person("auditor"), Role.AUDITOR, None))
    users.append((person("beheerder"), Role.FUNCTIONAL_ADMIN, None))
    for user, _, _ in users:
        if user.username in DEMO_LOGINS:
            user.password = demo_hash
    users[-1][0].is_staff = True  # the functional administrator works in the admin

    bulk_create_with_history([u for u, _, _ in users], User, default_change_reason=REASON)
    by_name = {
        u.username: u for u in User.objects.filter(username__in=[u.username for u, _, _ in users])
    }
    User.groups.through.objects.bulk_create(
        [
            User.groups.through(user_id=by_name[u.username].id, group_id=groups[role].id)
            for u, role, _ in users
        ]
    )
    bulk_create_with_history(
        [Membership(user=by_name[u.username], team=team) for u, _, team in users if team],
        Membership,
        default_change_reason=REASON,
    )
    caseworkers: dict[int, list[int]] = {team.id: [] for team in teams}
    managers: dict[int, int] = {}
    for u, role, team in users:
        if team is None:
            continue
        if role == Role.CASEWORKER:
            caseworkers[team.id].append(by_name[u.username].id)
        else:
            managers[team.id] = by_name[u.username].id
            team.manager_id = by_name[u.username].id
    Team.objects.bulk_update(teams, ["manager"])
    admin = User.objects.filter(username="admin").first()
    if admin is None:
        User.objects.create_superuser(
            "admin", password=DEMO_PASSWORD, first_name="Demo", last_name="Beheer"
        )
    return Staff(teams=teams, caseworkers=caseworkers, managers=managers)


@dataclass
class Catalogue:
    service_types: list[ServiceType]
    providers: list[Provider]


def create_catalogue(rng: random.Random) -> Catalogue:
    for code, name, category, phases in words.SERVICE_TYPES:
        if not ServiceType.objects.filter(code=code).exists():
            bulk_create_with_history(
                [ServiceType(code=code, name=name, category=category, phases=phases)],
                ServiceType,
                default_change_reason=REASON,
            )
    names = [f"{word} Re-integratie" for word in words.PROVIDER_WORDS]
    missing = set(names) - set(
        Provider.objects.filter(name__in=names).values_list("name", flat=True)
    )
    bulk_create_with_history(
        [
            Provider(name=name, kvk_number=f"{rng.randrange(10**7, 10**8)}")
            for name in names
            if name in missing
        ],
        Provider,
        default_change_reason=REASON,
    )
    return Catalogue(
        service_types=list(ServiceType.objects.order_by("code")),
        providers=list(Provider.objects.filter(name__in=names).order_by("name")),
    )


def weighted(rng: random.Random, options: dict[str, float]) -> str:
    return rng.choices(list(options), weights=list(options.values()))[0]


def previous_phase(rng: random.Random, phase: str) -> str:
    """The phase before `phase`: mostly the one below, sometimes a skip or a fallback."""
    p = int(phase)
    options = {str(p - 1): 0.6, str(p - 2): 0.15, str(p + 1): 0.25}
    valid = {k: w for k, w in options.items() if k in PHASE_MIX}
    return weighted(rng, valid)


class ClientGenerator:
    def __init__(
        self, rng: random.Random, as_of: date, staff: Staff, catalogue: Catalogue, writers: Writers
    ):
        self.rng = rng
        self.today = as_of
        self.staff = staff
        self.catalogue = catalogue
        self.w = writers
        self.types_by_phase = {
            p: [t for t in catalogue.service_types if t.serves(p)] for p in PHASE_MIX
        }

    def days_ago(self, low: int, high: int) -> date:
        return self.today - timedelta(days=self.rng.randint(low, high))

    def client(self, bsn: str, phase: str) -> None:
        rng, today = self.rng, self.today
        team = rng.choice(self.staff.teams)
        team_workers = self.staff.caseworkers[team.id]
        caseworker = rng.choice(team_workers) if rng.random() < 0.92 else None
        regime = weighted(rng, {"owajong": 0.45, "wajong2010": 0.5, "wajong2015": 0.05})
        born = {"owajong": (1958, 1991), "wajong2010": (1991, 1996), "wajong2015": (1997, 2007)}
        year = rng.randint(*born[regime])
        date_of_birth = date(year, rng.randint(1, 12), rng.randint(1, 28))
        has_capacity = regime != "wajong2015" or rng.random() < 0.4
        if rng.random() < 0.04:
            in_service = self.days_ago(20, 364)
        else:
            earliest = max(date_of_birth + timedelta(days=18 * 365), date(2008, 1, 1))
            span = max(1, (today - timedelta(days=365) - earliest).days)
            in_service = earliest + timedelta(days=rng.randint(0, span))
        out_of_service = self.days_ago(1, 364) if rng.random() < 0.03 else None
        if out_of_service is not None and out_of_service <= in_service:
            out_of_service = None
        last_day = min(today, out_of_service - timedelta(days=1)) if out_of_service else today
        history_start = max(in_service, today - timedelta(days=5 * 365 + rng.randint(0, 365)))

        workers = self.assignments(team_workers, caseworker, history_start)
        client_id = self.w["client"].add(
            bsn,
            rng.choice(words.FIRST_NAMES),
            rng.choice(words.LAST_NAMES),
            date_of_birth,
            regime,
            has_capacity,
            in_service,
            out_of_service,
            team.id,
            caseworker,
            1,
            at(in_service, 9),
            at(in_service, 9),
            at=at(in_service, 9),
            by=self.staff.managers[team.id],
        )
        for worker, start, end, note in workers:
            self.w["assignment"].add(
                client_id,
                worker,
                start,
                end,
                note,
                self.staff.managers[team.id],
                at=at(start, 8),
                by=self.staff.managers[team.id],
            )

        def worker_on(day: date) -> int:
            for worker, start, end, _ in workers:
                if start <= day and (end is None or day < end):
                    return worker
            return caseworker or team_workers[0]

        periods = self.phase_periods(phase, history_start)
        for p, start, end, reason in periods:
            self.w["phase"].add(
                client_id,
                p,
                start,
                end,
                reason,
                worker_on(start),
                at(start),
                at=at(start),
                by=worker_on(start),
            )
        self.conversations(client_id, periods, last_day, worker_on, active=out_of_service is None)
        self.work_plans(client_id, periods, history_start, worker_on)
        self.trajectories(client_id, periods, worker_on)
        self.exemptions(client_id, periods, worker_on)

    def assignments(
        self, team_workers: list[int], current: int | None, history_start: date
    ) -> list[tuple[int, date, date | None, str]]:
        rng = self.rng
        result: list[tuple[int, date, date | None, str]] = []
        others = lambda worker: [w for w in team_workers if w != worker] or team_workers  # noqa: E731
        if current is None:
            if rng.random() < 0.5:  # the fixed contact person left and nobody took over yet
                start = max(history_start, self.days_ago(400, 1500))
                end = max(start, self.days_ago(10, 399))
                result.append((rng.choice(team_workers), start, end, ""))
            return result
        start = max(history_start, self.days_ago(0, 1500))
        if start > history_start and rng.random() < 0.6:
            result.append((rng.choice(others(current)), history_start, start, ""))
            result.append((current, start, None, rng.choice(words.HANDOVER_NOTES)))
        else:
            result.append((current, start, None, ""))
        return result

    def phase_periods(self, current: str, history_start: date) -> list[Period]:
        rng = self.rng
        start = max(
            history_start,
            self.today - timedelta(days=int(rng.expovariate(1 / PHASE_DAYS[current])) + 1),
        )
        periods: list[Period] = [(current, start, None, "")]
        while start > history_start and len(periods) < 7:
            end = start
            phase = previous_phase(rng, periods[-1][0])
            start = max(
                history_start,
                end - timedelta(days=int(rng.expovariate(1 / PHASE_DAYS[phase])) + 30),
            )
            periods.append((phase, start, end, ""))
        periods.reverse()
        described: list[Period] = []
        for index, (phase, began, ended, _) in enumerate(periods):
            if index == 0:
                reason = "Intake: klantfase vastgesteld"
            elif int(phase) > int(periods[index - 1][0]):
                reason = "Voortgang: cliënt is een stap verder"
            else:
                reason = "Terugval: werk verloren of gezondheid verslechterd"
            described.append((phase, began, ended, reason))
        return described

    def conversations(
        self,
        client_id: int,
        periods,
        last_day: date,
        worker_on: Callable[[date], int],
        *,
        active: bool,
    ) -> None:
        rng = self.rng
        first = True
        for phase, start, end, _ in periods:
            stop = min(end or last_day + timedelta(days=1), last_day + timedelta(days=1))
            yearly = CONVERSATIONS_PER_YEAR[phase]
            day = start
            while True:
                boost = 1.3 if (day - start).days < 730 else 1.0
                day += timedelta(days=int(rng.expovariate(yearly * boost / 365)) + 1)
                if day >= stop:
                    break
                status = weighted(rng, {"held": 0.85, "no_show": 0.08, "cancelled": 0.07})
                channel = weighted(
                    rng, {"in_person": 0.55, "phone": 0.25, "video": 0.15, "written": 0.05}
                )
                kind = (
                    "intake"
                    if first
                    else weighted(
                        rng, {"monitoring": 0.55, "coaching": 0.35, "workplan": 0.07, "other": 0.03}
                    )
                )
                first = False
                held = status == "held"
                minutes = None
                if held:
                    minutes = (
                        rng.randint(40, 100)
                        if channel in ("in_person", "video")
                        else rng.randint(10, 35)
                    )
                next_contact = day + timedelta(days=rng.randint(60, 365)) if held else None
                worker = worker_on(day)
                self.w["conversation"].add(
                    client_id,
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
        if active and rng.random() < 0.55:
            day = self.today + timedelta(days=rng.randint(1, 120))
            worker = worker_on(self.today)
            self.w["conversation"].add(
                client_id,
                worker,
                day,
                "planned",
                "in_person",
                True,
                "monitoring",
                None,
                "",
                None,
                at(self.today, 17),
                at=at(self.today, 17),
                by=worker,
            )

    def work_plans(
        self, client_id: int, periods, history_start: date, worker_on: Callable[[date], int]
    ) -> None:
        rng = self.rng
        if rng.random() > 0.85:
            return
        versions = weighted(rng, {"1": 0.6, "2": 0.3, "3": 0.1})
        span = max(1, (self.today - history_start).days)
        made_on = sorted(
            history_start + timedelta(days=rng.randint(0, span)) for _ in range(int(versions))
        )
        for index, day in enumerate(made_on, start=1):
            current = index == len(made_on)
            phase = next(
                (p for p, s, e, _ in periods if s <= day and (e is None or day < e)), periods[-1][0]
            )
            status = ("agreed" if rng.random() < 0.8 else "draft") if current else "superseded"
            worker = worker_on(day)
            plan_id = self.w["workplan"].add(
                client_id,
                index,
                rng.choice(words.GOALS[phase]),
                status,
                day if status != "draft" else None,
                worker,
                at(day, 11),
                at=at(day, 11),
                by=worker,
            )
            for owner, description in rng.sample(words.AGREEMENTS, rng.randint(2, 4)):
                due = day + timedelta(days=rng.randint(30, 240))
                if not current:
                    agreement_status = weighted(rng, {"done": 0.6, "cancelled": 0.15, "open": 0.25})
                elif due < self.today:
                    agreement_status = weighted(rng, {"done": 0.6, "open": 0.35, "cancelled": 0.05})
                else:
                    agreement_status = "open"
                self.w["agreement"].add(
                    plan_id, description, owner, due, agreement_status, at=at(day, 11), by=worker
                )

    def trajectories(self, client_id: int, periods, worker_on: Callable[[date], int]) -> None:
        rng = self.rng
        bought: set[int] = set()
        count = 0 if rng.random() > 0.17 else (2 if rng.random() < 0.15 else 1)
        history_start = periods[0][1]
        span = (self.today - timedelta(days=7) - history_start).days
        if span <= 0:
            return
        for purchased in sorted(
            history_start + timedelta(days=rng.randint(0, span)) for _ in range(count)
        ):
            phase = next(
                p for p, s, e, _ in periods if s <= purchased and (e is None or purchased < e)
            )
            service_type = rng.choice(self.types_by_phase[phase])
            low, high = words.COST_RANGE[service_type.category]
            cost = Decimal(rng.randint(low * 100, high * 100)) / 100
            started = purchased + timedelta(days=rng.randint(7, 45))
            planned_end = started + timedelta(days=rng.randint(90, 365))
            status, ended, outcome = "running", None, ""
            if started > self.today:
                status, started = "requested", None
            elif planned_end < self.today:
                ended = min(self.today, planned_end + timedelta(days=rng.randint(-30, 30)))
                ended = max(ended, started)
                if rng.random() < 0.85:
                    status = "completed"
                    outcome = weighted(
                        rng,
                        {
                            "work_found": 0.3,
                            "work_fit": 0.2,
                            "work_retained": 0.1,
                            "next_step": 0.15,
                            "no_result": 0.15,
                            "dropped_out": 0.1,
                        },
                    )
                else:
                    status = "cancelled"
            pause = None
            if started is not None and rng.random() < 0.15:
                pause_from = started + timedelta(days=rng.randint(10, 60))
                pause_end = pause_from + timedelta(days=rng.randint(14, 90))
                pause_to: date | None = pause_end
                limit = ended or self.today
                if pause_from <= limit:
                    if pause_end > limit:
                        pause_to = ended  # a closed trajectory closes its pause; else still paused
                        if ended is None:
                            status = "paused"
                    pause = (pause_from, pause_to)
            worker = worker_on(purchased)
            repeat = (
                "Eerder traject leverde onvoldoende op; nieuwe aanbieder gekozen."
                if service_type.id in bought
                else ""
            )
            bought.add(service_type.id)
            trajectory_id = self.w["trajectory"].add(
                client_id,
                service_type.id,
                rng.choice(self.catalogue.providers).id,
                f"{service_type.name} gericht op het doel uit het werkplan",
                purchased,
                started,
                planned_end if started else None,
                ended,
                status,
                cost,
                outcome,
                "",
                repeat,
                worker,
                at=at(purchased, 14),
                by=worker,
            )
            if pause is not None:
                self.w["pause"].add(
                    trajectory_id,
                    pause[0],
                    pause[1],
                    "Cliënt tijdelijk ziek",
                    at=at(pause[0], 14),
                    by=worker,
                )

    def exemptions(self, client_id: int, periods, worker_on: Callable[[date], int]) -> None:
        rng = self.rng
        phase, since = periods[-1][0], periods[-1][1]
        if (phase == "4" and rng.random() < 0.05) or rng.random() < 0.01:
            start = max(since, self.days_ago(0, 300))
            reason = "stable_work" if phase == "4" else "medical"
            worker = worker_on(start)
            self.w["contact_exemption"].add(
                client_id,
                reason,
                "Afgesproken met teammanager",
                start,
                start + timedelta(days=365),
                worker,
                at=at(start),
                by=worker,
            )
        if phase == "1" and rng.random() < 0.08:
            start = max(since, self.days_ago(0, 300))
            worker = worker_on(start)
            self.w["phase_exemption"].add(
                client_id,
                "1",
                "stabilisation_goal",
                "Stabilisatie is het doel",
                start,
                start + timedelta(days=365),
                worker,
                at=at(start),
                by=worker,
            )
