"""The yearly work figures in `manage.py bench_reports`: table 2, figure 5.2 and new work after a
job ends for last year, through the reports code and through `work_flow_queries`."""

from datetime import date
from typing import Any, Protocol

from benchmarks import work_flow_queries as sql
from reports.permissions import ReportScope
from reports.registry import REPORTS


class Rows(Protocol):
    today: date

    def row(self, figure: str, scope: str, code: tuple, hand: tuple, same: bool) -> None: ...


def bench_work_flow(bench: Rows, scope: ReportScope, name: str, best_of: Any) -> None:
    """Time each figure for `scope` against its hand-written SQL and report both."""
    today = bench.today
    teams = None if scope.all_teams else list(scope.team_ids)
    year = today.year - 1
    start, end = date(year, 1, 1), date(year, 12, 31)

    def totals(code: tuple) -> list[Any]:
        return [cell.value for cell in code[0].totals or []]

    code = best_of(lambda: REPORTS["placements"].builder(scope, year=year, today=today))
    hand = best_of(lambda: sql.placements(teams, start, end))
    found = totals(code)
    bench.row("placements and renewals", name, code, hand, (found[3], *found[5:7]) == hand[0])

    code = best_of(lambda: REPORTS["retention"].builder(scope, year=year, today=today))
    hand = best_of(lambda: sql.retention(teams, start, end, today))
    bench.row("retention (fig. 5.2)", name, code, hand, tuple(totals(code)[1:5]) == hand[0])

    code = best_of(lambda: REPORTS["after_job_end"].builder(scope, year=year, today=today))
    hand = best_of(lambda: sql.after_job_end(teams, start, end, today))
    windows = ("direct", "half_year", "year")
    counted = list(zip(code[0].column("counted"), code[0].column("new_work"), strict=True))
    expected = [hand[0].get(window, (0, 0)) for window in windows]
    bench.row("after a job ends", name, code, hand, counted == expected)
