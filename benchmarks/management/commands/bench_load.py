"""A Monday morning under load (PostgreSQL, `seed_demo --clients 110000`).

gunicorn runs as production does (gunicorn.conf.py, DEBUG off, persistent database
connections); 20 caseworkers and 5 team managers are signed in; wrk keeps `--connections`
requests open for `--seconds` per page. Each page is first timed by one user alone, then under
load; `/healthz/` under the same load is the framework's floor, and each page's p95 is shown
as a ratio to it.
"""

import logging
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection
from django.db.models import Count

from accounts.models import User
from benchmarks.load import Figures, check_pages, drive, free_port, gunicorn, session_cookie
from clients.models import Client
from common.cores import usable_cores

CASEWORKERS = 20
MANAGERS = 5
FILES_PER_CASEWORKER = 10


@dataclass(frozen=True)
class Page:
    name: str
    pairs: list[tuple[str, str]]  # (path, Cookie header), taken in turn
    p95_goal_ms: float | None
    per_second_goal: float | None = None


class Command(BaseCommand):
    help = "Load-test the main pages through gunicorn with wrk; print p50/p95/p99 and pages/s."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--connections", type=int, default=20)
        parser.add_argument("--seconds", type=int, default=30)
        parser.add_argument("--alone-seconds", type=int, default=5)
        parser.add_argument("--workers", type=int, default=4)
        parser.add_argument("--threads", type=int, default=1)
        parser.add_argument(
            "--only",
            default="",
            help="Comma-separated words; only the pages whose name holds one (e.g. "
            "'caseload,file,queue'), next to /healthz/.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if connection.vendor != "postgresql":
            raise CommandError("bench_load meet PostgreSQL; zet DATABASE_URL.")
        if not User.objects.filter(username="auditor").exists():
            raise CommandError("Geen demodata: `make bench` zaait ze eerst.")
        logging.getLogger("axes").setLevel(logging.WARNING)  # a line per session signed in
        pages = self.pages()
        wanted = [word.strip() for word in options["only"].split(",") if word.strip()]
        if wanted:
            pages = [p for p in pages if p.name == "/healthz/" or any(w in p.name for w in wanted)]
        connection.close()  # the server's workers take the connections from here on
        log_path = Path(tempfile.mkdtemp()) / "gunicorn.log"
        self.stdout.write(
            f"\nload test: gunicorn {options['workers']} workers x {options['threads']} "
            f"threads, {options['connections']} connections, {options['seconds']} s per page "
            f"({Client.objects.count():,} clients); the server's log: {log_path}\n"
        )
        with gunicorn(options["workers"], options["threads"], free_port(), log_path) as url:
            for page in pages:
                check_pages(url, page.pairs)
            results = {}
            for page in pages:
                alone = drive(url, page.pairs, connections=1, seconds=options["alone_seconds"])
                loaded = drive(
                    url,
                    page.pairs,
                    connections=options["connections"],
                    seconds=options["seconds"],
                )
                results[page.name] = (alone, loaded)
        self.report(pages, results, options["connections"])

    def pages(self) -> list[Page]:
        busiest = list(
            User.objects.caseworkers()
            .annotate(caseload=Count("clients"))
            .order_by("-caseload")[:CASEWORKERS]
        )
        managers = list(User.objects.filter(groups__name="team_manager").order_by("id")[:MANAGERS])
        auditor = User.objects.get(username="auditor")
        caseworkers = [(user, session_cookie(user)) for user in busiest]
        files = [
            (f"/clienten/{client_id}/", cookie)
            for user, cookie in caseworkers
            for client_id in Client.objects.filter(caseworker=user)
            .order_by("id")
            .values_list("id", flat=True)[:FILES_PER_CASEWORKER]
        ]
        return [
            Page("/healthz/", [("/healthz/", "")], None),
            Page("caseload /clienten/", [("/clienten/", c) for _, c in caseworkers], 150, 100),
            Page("client file /clienten/<id>/", files, 150, 100),
            Page("work queue /werk/", [("/werk/", c) for _, c in caseworkers], 150, 100),
            Page(
                "team dashboard /dashboard/",
                [("/dashboard/", session_cookie(m)) for m in managers],
                500,
            ),
            Page("all teams /dashboard/", [("/dashboard/", session_cookie(auditor))], 1000),
        ]

    def report(
        self, pages: list[Page], results: dict[str, tuple[Figures, Figures]], connections: int
    ) -> None:
        floor = results["/healthz/"][1].p95
        cores = usable_cores()
        self.stdout.write(
            f"{'page':30} {'p50 alone':>9} | {'p50':>7} {'p95':>7} {'p99':>7} {'pages/s':>8} "
            f"{'errors':>6} {'p95/healthz':>11} {'cpu/page':>8}  "
            f"goal (at {connections} connections)"
        )
        missed = []
        for page in pages:
            alone, loaded = results[page.name]
            goal = self.goal(page, loaded)
            if goal.endswith("MISSED"):
                missed.append(page.name)
            self.stdout.write(
                f"{page.name:30} {alone.p50:7.0f}ms | {loaded.p50:5.0f}ms {loaded.p95:5.0f}ms "
                f"{loaded.p99:5.0f}ms {loaded.per_second:8.1f} {loaded.errors:6} "
                f"{loaded.p95 / floor:11.1f} {self.cpu_per_page(loaded, cores):6.0f}ms  {goal}"
            )
        self.stdout.write(
            f"\n{len(pages) - 1 - len(missed)} of {len(pages) - 1} pages meet their goal"
            + (f"; missed: {', '.join(missed)}" if missed else "")
        )
        for p95_goal in sorted({p.p95_goal_ms for p in pages if p.p95_goal_ms}):
            needed = self.needed_per_second(p95_goal, connections)
            self.stdout.write(
                f"A p95 of {p95_goal:.0f} ms at {connections} connections needs at least "
                f"{needed:.0f} pages/s (each connection always waits on one page), so at most "
                f"{cores * 1000 / needed:.0f} ms of CPU per page on {cores} cores."
            )

    @staticmethod
    def cpu_per_page(loaded: Figures, cores: int) -> float:
        """The cores' time per page when the load keeps them busy, in ms: the page's cost."""
        return cores * 1000 / loaded.per_second if loaded.per_second else float("nan")

    @staticmethod
    def needed_per_second(p95_goal_ms: float, connections: int) -> float:
        """Little's law: `connections` pages in flight at all times, each taking on average at
        most its p95, pass at least connections / p95 pages a second."""
        return connections / (p95_goal_ms / 1000)

    @staticmethod
    def goal(page: Page, loaded: Figures) -> str:
        if page.p95_goal_ms is None:
            return "(the floor)"
        wanted = f"p95 <= {page.p95_goal_ms:.0f} ms"
        met = loaded.requests > 0 and loaded.errors == 0 and loaded.p95 <= page.p95_goal_ms
        if page.per_second_goal is not None:
            wanted += f", >= {page.per_second_goal:.0f}/s"
            met = met and loaded.per_second >= page.per_second_goal
        return f"{wanted}: {'met' if met else 'MISSED'}"
