"""The demo data read back through the app's own reports, year by year, beside the figures it
should resemble (DOMAIN.md "Work" and table 3.1 of the study): placements and contract renewals
a year (scaled to 110,000 clients), retention a year after a placement, and the average phase
mix over the month-ends of the year. `demo_figures` prints them; the demo tests check them."""

from dataclasses import dataclass
from datetime import date

from clients.models import Client
from reports.catalogue.phase_distribution import phase_distribution
from reports.catalogue.placements import placements
from reports.catalogue.retention import retention_counts
from reports.permissions import ReportScope
from work.selectors import Retention

SCALE = 110_000  # the caseload the yearly targets are given for
PLACEMENTS = 7_000  # a year at 110,000 clients
RENEWALS = 8_500
RETENTION = {
    Retention.SAME_EMPLOYER: 0.39,
    Retention.OTHER_EMPLOYER: 0.23,
    Retention.NOT_WORKING: 0.38,
}
# Table 3.1: clients per phase, average per month, 2015-2021 (the undetermined 2/3 group left
# out, as the report leaves out clients without a phase).
TABLE_3_1 = {
    2015: {"1": 29_250, "2": 0, "3": 17_855, "4": 35_220},
    2016: {"1": 30_330, "2": 3_990, "3": 14_890, "4": 38_000},
    2017: {"1": 26_855, "2": 9_975, "3": 14_005, "4": 40_565},
    2018: {"1": 23_145, "2": 14_540, "3": 15_685, "4": 40_530},
    2019: {"1": 20_440, "2": 14_770, "3": 13_340, "4": 43_690},
    2020: {"1": 20_465, "2": 15_015, "3": 12_940, "4": 41_860},
    2021: {"1": 20_110, "2": 15_585, "3": 11_115, "4": 41_595},
}


def table_mix(year: int) -> dict[str, float]:
    """Table 3.1's shares per phase for the year it gives nearest to `year`."""
    nearest = min(TABLE_3_1, key=lambda given: (abs(given - year), given))
    counts = TABLE_3_1[nearest]
    total = sum(counts.values())
    return {phase: count / total for phase, count in counts.items()}


@dataclass
class YearFigures:
    year: int
    placements: float  # scaled to `SCALE` clients
    renewals: float
    retention: dict[str, float]  # shares of the placements with a year passed
    retained_placements: int
    phase_mix: dict[str, float]  # shares of the average active clients with a phase


def all_teams() -> ReportScope:
    return ReportScope((), all_teams=True, caseworker=None, may_open_clients=True)


def year_figures(year: int, today: date) -> YearFigures:
    scope = all_teams()
    scale = SCALE / max(1, Client.objects.count())
    totals = placements(scope, year=year, today=today).totals or []
    kept = retention_counts(scope, year=year, today=today)
    placed = kept.get("placements") or 0
    phases = phase_distribution(scope, year=year, today=today)
    averages = {row["phase"]: row["average"] or 0 for row in phases["rows"]}
    in_phases = sum(averages.values())
    return YearFigures(
        year,
        placements=totals[3].value * scale if totals else 0.0,
        renewals=totals[5].value * scale if totals else 0.0,
        retention={s: (kept.get(s) or 0) / placed if placed else 0.0 for s in RETENTION},
        retained_placements=placed,
        phase_mix={p: n / in_phases if in_phases else 0.0 for p, n in averages.items()},
    )


def report_lines(figures: list[YearFigures]) -> list[str]:
    """A table: one line per year, each figure beside its target in brackets."""
    lines = [
        "year  placements      renewals        same/other/not working (target 39/23/38 %)"
        "   phase 1/2/3/4 % (table 3.1)"
    ]
    for f in figures:
        target = table_mix(f.year)
        retained = "/".join(f"{f.retention[s] * 100:.0f}" for s in RETENTION)
        mix = "/".join(f"{f.phase_mix.get(p, 0) * 100:.1f}" for p in target)
        wanted = "/".join(f"{share * 100:.1f}" for share in target.values())
        lines.append(
            f"{f.year}  {f.placements:>6,.0f} ({PLACEMENTS:,})  {f.renewals:>6,.0f} ({RENEWALS:,})"
            f"  {retained:<12} of {f.retained_placements:>5}"
            f"                     {mix} ({wanted})"
        )
    return lines
