"""Benchmark the dashboards at full size (PostgreSQL, `seed_demo --clients 110000`).

For one team and for all teams: each figure through the reports code (best of three, with its
query count) against a hand-written SQL statement for the same figure, whether both give the
same numbers, and the ratio; then each dashboard page and the yearly API report as a user gets
them, and the cost of storing the month-end figures.
"""

import time
from collections.abc import Callable
from datetime import date
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import User
from benchmarks import report_queries as sql
from benchmarks import work_queries
from benchmarks.flow_bench import bench_flows
from benchmarks.web import Browser
from benchmarks.work_flow_bench import bench_work_flow
from clients.models import Client
from common.dates import month_ends, months_back
from common.tables import Cell
from norms.selectors import norm_in_force
from reports.catalogue.phase_distribution import round_half_up
from reports.catalogue.shared import PHASES, Groups
from reports.catalogue.time_in_phase import DAYS_PER_MONTH
from reports.catalogue.work_status import work_status
from reports.models import FigureState, MonthEndFigure
from reports.permissions import ReportScope, report_scope
from reports.registry import PAGES, REPORTS
from reports.services import figures_changed_from, refresh_month_end_figures
from signals.selectors import contact_window_start


def best_of(action: Callable[[], Any], runs: int = 3) -> tuple[Any, float, int]:
    """The result, the fastest of `runs` timings, and the queries of one run."""
    timings = []
    for _ in range(runs):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            result = action()
            timings.append(time.perf_counter() - started)
    return result, min(timings), len(queries.captured_queries)


class Command(BaseCommand):
    help = "Time the dashboards and reports against hand-written SQL (PostgreSQL, full size)."

    def handle(self, *args: Any, **options: Any) -> None:
        if connection.vendor != "postgresql":
            raise CommandError("bench_reports meet PostgreSQL; zet DATABASE_URL.")
        settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
        self.today = timezone.localdate()
        manager = User.objects.get(username="teammanager")
        self.auditor = User.objects.get(username="auditor")
        self.manager = manager
        team_scope = report_scope(manager, None)
        all_scope = report_scope(self.auditor, None)
        self.stdout.write(
            f"Clients: {Client.objects.count():,}; team "
            f"{team_scope.team}: {team_scope.clients().count():,} clients"
        )
        self.bench_refresh()
        self.stdout.write(
            "\nfigure                      scope     code s   queries  SQL s  ratio  same"
        )
        self.failures = 0
        for scope, name in ((team_scope, "team"), (all_scope, "all")):
            self.bench_figures(scope, name)
        self.bench_pages()
        if self.failures:
            raise CommandError(f"{self.failures} figures differ from the hand-written SQL")

    def bench_refresh(self) -> None:
        MonthEndFigure.objects.all().delete()
        FigureState.objects.all().delete()
        result, seconds, queries = best_of(refresh_month_end_figures, runs=1)
        self.stdout.write(
            f"Store month-end figures from scratch: {len(result.counted)} month-ends in "
            f"{seconds:.1f} s ({seconds / max(len(result.counted), 1):.2f} s each, "
            f"{queries} queries)"
        )
        figures_changed_from(result.counted[-1])
        result, seconds, _ = best_of(refresh_month_end_figures, runs=1)
        self.stdout.write(
            f"Nightly refresh after a backdated write: {len(result.counted)} month-end(s) "
            f"in {seconds:.2f} s; a refresh with nothing to do: "
            f"{best_of(refresh_month_end_figures, runs=1)[1]:.3f} s"
        )

    def row(self, figure: str, scope: str, code: tuple, hand: tuple, same: bool) -> None:
        ratio = code[1] / hand[1] if hand[1] else float("inf")
        if not same:
            self.failures += 1
        self.stdout.write(
            f"{figure:<27} {scope:<6} {code[1]:>8.3f} {code[2]:>8} {hand[1]:>7.3f} "
            f"{ratio:>6.2f}x  {'yes' if same else 'NO'}"
        )

    def bench_figures(self, scope: ReportScope, name: str) -> None:
        self._contact_figures(scope, name)
        self._year_figures(scope, name)
        self._period_figures(scope, name)
        bench_work_flow(self, scope, name, best_of)
        self._work_figures(scope, name)
        bench_flows(self, scope, name, best_of)

    def _frame(self, scope: ReportScope) -> tuple[list[int] | None, str, date, date, list[date]]:
        """The teams (None: all), what a row is per, and last year: start, end, month-ends."""
        today = self.today
        teams = None if scope.all_teams else list(scope.team_ids)
        by = "caseworker" if len(scope.team_ids) == 1 else "team"
        start, end = date(today.year - 1, 1, 1), date(today.year - 1, 12, 31)
        return teams, by, start, end, month_ends(start, end)

    def _contact_figures(self, scope: ReportScope, name: str) -> None:
        today = self.today
        teams, by, _start, _end, _month_ends = self._frame(scope)
        code = best_of(lambda: REPORTS["caseload"].builder(scope, today=today))
        hand = best_of(lambda: sql.caseload(teams, today, by))
        keys = [c.key for c in code[0].columns]
        same = all(
            row[keys.index(f"phase_{p}")].value == hand[0].get((row_key(row, keys, by), p), 0)
            for row in code[0].rows
            for p in PHASES
        )
        self.row("caseload per caseworker", name, code, hand, same)

        norm = norm_in_force(today)
        code = best_of(lambda: REPORTS["contact_norm"].builder(scope, on=today))
        hand = best_of(
            lambda: sql.contact_norm(teams, today, contact_window_start(today, norm), by)
        )
        totals = [cell.value for cell in code[0].totals or []]
        same = (totals[1], totals[2]) == tuple(map(sum, zip(*hand[0].values(), strict=True)))
        self.row("contact norm today", name, code, hand, same)

        ends = months_back(today, 24)
        windows = [(e, contact_window_start(e, norm_in_force(e))) for e in ends]
        code = best_of(lambda: REPORTS["contact_norm_trend"].builder(scope, on=today))
        hand = best_of(lambda: sql.contact_trend(teams, windows))
        same = [
            (p, s)
            for p, s in zip(code[0].column("population"), code[0].column("spoken"), strict=True)
        ] == [hand[0].get(e, (0, 0)) for e in ends]
        self.row("contact norm, 24 months", name, code, hand, same)

    def _year_figures(self, scope: ReportScope, name: str) -> None:
        today = self.today
        teams, _by, start, end, year_ends = self._frame(scope)
        code = best_of(
            lambda: REPORTS["phase_distribution"].builder(scope, years=[start.year], today=today)
        )
        hand = best_of(lambda: sql.phase_distribution(teams, year_ends))
        same = code[0].column(str(start.year)) == [round_half_up(hand[0].get(p, 0)) for p in PHASES]
        self.row("phase distribution (year)", name, code, hand, same)

        code = best_of(
            lambda: REPORTS["conversations_per_phase"].builder(
                scope, years=[start.year], today=today
            )
        )
        hand = best_of(lambda: sql.conversations_per_phase(teams, year_ends))
        same = all(
            row[2].value == hand[0].get((row_phase(row), row_early(row))) for row in code[0].rows
        )
        self.row("conversations per phase", name, code, hand, same)

        code = best_of(lambda: REPORTS["phase_transitions"].builder(scope, start=start, end=end))
        hand = best_of(lambda: sql.transitions(teams, start, end))
        origins = ["start", *PHASES]
        same = all(
            row[1 + i].value == hand[0].get((origin, phase), 0)
            for origin, row in zip(origins, code[0].rows, strict=True)
            for i, phase in enumerate(PHASES)
        )
        self.row("phase transitions", name, code, hand, same)

    def _period_figures(self, scope: ReportScope, name: str) -> None:
        today = self.today
        teams, by, start, end, _month_ends = self._frame(scope)
        code = best_of(lambda: REPORTS["time_in_phase"].builder(scope, start=start, end=end))
        hand = best_of(lambda: sql.time_in_phase(teams, start, end))
        same = all(
            row[2].value == (round(hand[0][p][1] / DAYS_PER_MONTH, 1) if p in hand[0] else None)
            for p, row in zip(PHASES, code[0].rows, strict=True)
        )
        self.row("time in phase", name, code, hand, same)

        code = best_of(lambda: REPORTS["trajectories"].builder(scope, start=start, end=end))
        hand = best_of(lambda: sql.trajectories(teams, start, end))
        totals = [cell.value for cell in code[0].totals or []]
        same = (totals[2], totals[-3]) == (
            sum(v[0] for v in hand[0].values()),
            sum((v[1] for v in hand[0].values()), start=0),
        )
        self.row("trajectories", name, code, hand, same)

        if by == "caseworker":
            workers = [m.pk for m in Groups(scope).members()]
            code = best_of(
                lambda: REPORTS["production"].builder(scope, year=start.year, today=today)
            )
            hand = best_of(lambda: sql.production(list(scope.team_ids), start, end))
            per_ge = norm_in_force(end).minutes_per_conversation_equivalent
            same = all(
                row[month].value == round(hand[0].get((worker, month), 0) / per_ge, 1)
                for worker, row in zip(workers, code[0].rows, strict=True)
                for month in range(1, 13)
            )
            self.row("production", name, code, hand, same)

    def _work_figures(self, scope: ReportScope, name: str) -> None:
        """Who works (tables 1b-1d, 5.1-5.3, 3.7) today and on last year's last day."""
        teams = None if scope.all_teams else list(scope.team_ids)
        for day, label in ((self.today, "today"), (date(self.today.year - 1, 12, 31), "year end")):

            def ours(day: date = day) -> dict[str, Any]:
                return work_status(scope, on=day)

            def theirs(day: date = day) -> dict[int, dict[str, int]]:
                return work_queries.work_status(teams, day)

            code, hand = best_of(ours), best_of(theirs)
            counted = {key: sum(row[key] for row in hand[0].values()) for key in work_queries.LINES}
            figures = code[0] | code[0]["contracts"] | code[0]["provisions"]
            same = all(figures[key] == counted[key] for key in work_queries.LINES)
            self.row(f"work status, {label}", name, code, hand, same)

    def bench_pages(self) -> None:
        self.stdout.write(
            "\npage                              user          seconds  queries  goal"
        )
        for user, goal in ((self.manager, 0.5), (self.auditor, 1.0)):
            web = Browser(user)
            pages = [f"/dashboard/{slug + '/' if slug else ''}" for slug, *_ in PAGES]
            pages.append(f"/api/v1/reports/phase-distribution/?year={self.today.year - 1}")
            pages.append(f"/api/v1/reports/placements/?year={self.today.year - 1}")
            pages.append(f"/api/v1/reports/work/?on={self.today.year - 1}-12-31")
            year = self.today.year - 1
            pages.append(f"/api/v1/reports/ladder/?from={year - 1}-12-31&to={year}-12-31")
            pages.append(
                f"/api/v1/reports/phase-flows/?phase=1&from={year - 1}-01-01&to={year}-12-31"
            )
            for url in pages:

                def fetch(url: str = url, web: Browser = web) -> Any:
                    return web.get(url)

                response, seconds, queries = best_of(fetch)
                assert response.status_code == 200, (url, response.status_code)
                verdict = "ok" if seconds < goal else "SLOW"
                self.stdout.write(
                    f"{url:<33} {user.username:<12} {seconds:>8.3f} {queries:>8}  "
                    f"< {goal} s {verdict}"
                )


def row_key(row: list[Cell], keys: list[str], by: str) -> object:
    """The caseworker or team id a caseload row is about (None: the no-caseworker row)."""
    drill = row[keys.index("clients")].filters or {}
    value = drill.get(by)
    return int(value) if value and value != "none" else None


def row_phase(row: list[Cell]) -> str:
    return str(row[0].value).split()[-1]


def row_early(row: list[Cell]) -> bool:
    return str(row[1].value) == "eerste twee jaar"
