"""The phase flows (figures 5.9 and 5.10), the participation ladder (5.7, 5.8) and the referral
figures in `manage.py bench_reports`: the flows against `flow_queries`, the others through the
reports code alone (their pages are timed with the other pages)."""

from datetime import date
from typing import Any, Protocol

from benchmarks.flow_queries import phase_flows
from phases.flows import switch_category
from reports.catalogue.phase_flows import counted
from reports.permissions import ReportScope
from reports.registry import REPORTS


class Rows(Protocol):
    today: date
    stdout: Any

    def row(self, figure: str, scope: str, code: tuple, hand: tuple, same: bool) -> None: ...


def bench_flows(bench: Rows, scope: ReportScope, name: str, best_of: Any) -> None:
    """Time the flows of the starters of the two years before last against the hand-written
    SQL, and the ladder and referral tables through the code."""
    today = bench.today
    teams = None if scope.all_teams else list(scope.team_ids)
    start, end = date(today.year - 2, 1, 1), date(today.year - 1, 12, 31)
    for phase in ("1", "2"):
        code = best_of(
            lambda phase=phase: counted(
                scope, phase=phase, start=start, end=end, on=today, shared=None
            )
        )
        hand = best_of(lambda phase=phase: phase_flows(teams, phase, start, end, today))
        expected: dict[int | None, dict[tuple[str, str], int]] = {}
        for (team, switches, ended), n in hand[0].items():
            line = expected.setdefault(team, {})
            key = (switch_category(switches), ended)
            line[key] = line.get(key, 0) + n
        bench.row(f"phase flows from {phase}", name, code, hand, code[0] == expected)
    on = date(today.year - 1, 12, 31)
    reports: list[tuple[str, dict[str, Any]]] = [
        ("ladder_distribution", {"on": on}),
        ("ladder_movement", {"on": on}),
        ("referrals_per_kind", {"year": on.year, "today": today}),
        ("phase_1_referred", {"on": on}),
        ("referral_outcomes", {"year": on.year, "today": today}),
    ]
    for report, arguments in reports:
        code = best_of(
            lambda report=report, arguments=arguments: REPORTS[report].builder(scope, **arguments)
        )
        bench.stdout.write(
            f"{report.replace('_', ' '):<27} {name:<6} {code[1]:>8.3f} {code[2]:>8}       -"
        )
