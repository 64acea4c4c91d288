"""Every report on the dashboard, in one place: its key (in the export's address and the
section's id), title, builder, chart, page and who may see it.

The dashboard pages, the exports, the API and the benchmark read the reports from here; a new
report is a module in `reports/catalogue/` and a line below.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, NamedTuple

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from common.tables import Table

from .catalogue import (
    after_job_end,
    caseload,
    contact_norm,
    contact_norm_trend,
    conversations_per_phase,
    key_figures,
    ladder,
    phase_distribution,
    phase_flows,
    phase_transitions,
    placements,
    production,
    referrals,
    retention,
    time_in_phase,
    trajectories,
    work_status,
)
from .charts import ChartSpec
from .period import Period
from .permissions import may_see_dashboards


@dataclass(frozen=True)
class Report:
    key: str
    title: str | Promise
    # builder(scope, **arguments(period)): the report's table for the dashboard's period
    builder: Callable[..., Table]
    arguments: Callable[[Period], dict[str, Any]]
    chart: ChartSpec
    page: str  # the slug of the dashboard page that shows it
    summary: bool = False  # the key numbers at the top of its page: the table shown, not folded
    may_see: Callable[[User], bool] = may_see_dashboards
    # Kept rendered under the team generations (`kept_sections`): only where every write its
    # figures depend on announces `past_changed`, or is a change of staff.
    kept: bool = False

    def table(self, period: Period) -> Table:
        return self.builder(period.scope, **self.arguments(period))

    def filename(self, period: Period) -> str:
        """The export's name: with the day a report about one day is about, else the year."""
        day = self.arguments(period).get("on")
        return f"{self.key}-{day.isoformat() if day else period.year}"


class Page(NamedTuple):
    """A dashboard page; the first is /dashboard/ itself."""

    slug: str
    title: str | Promise
    fields: tuple[str, ...] = ("team", "year", "on")  # the fields of `PeriodForm` it asks

    def reports(self, user: User) -> list[Report]:
        """The page's reports that `user` may see, in the registry's order."""
        return [r for r in REPORTS.values() if r.page == self.slug and r.may_see(user)]


def _today(period: Period) -> dict[str, Any]:
    return {"today": period.today}


def _on(period: Period) -> dict[str, Any]:
    return {"on": period.on}


def _years(period: Period) -> dict[str, Any]:
    return {"years": period.years, "today": period.today}


def _flows(period: Period) -> dict[str, Any]:
    """The start phase and the period it started in, followed up to the reference day."""
    return {
        "phase": period.flow_phase,
        "start": period.flow_from,
        "end": period.flow_to,
        "on": period.on,
        "shared": period.shared,
    }


def _start_end(period: Period) -> dict[str, Any]:
    return {"start": period.start, "end": period.end}


def _year(period: Period) -> dict[str, Any]:
    return {"year": period.year, "today": period.today}


def _reference_day(period: Period) -> dict[str, Any]:
    """The chosen date, else the end of the chosen year (today for this year); the page's
    work tables share their counts."""
    return {"on": period.on if "on" in period.query else period.end, "shared": period.shared}


OVERVIEW, CONVERSATIONS, TRANSITIONS, FLOWS, TRAJECTORIES, PRODUCTION, WORK, LADDER, REFERRALS = (
    "",
    "gesprekken",
    "faseovergangen",
    "doorstroom",
    "trajecten",
    "productie",
    "werk",
    "participatieladder",
    "doorverwijzingen",
)
PAGES = [
    Page(OVERVIEW, _("Overzicht")),
    Page(CONVERSATIONS, _("Gesprekken per fase")),
    Page(TRANSITIONS, _("Faseovergangen")),
    Page(FLOWS, _("Doorstroom klantfasen"), ("team", "phase", "from", "to", "on")),
    Page(TRAJECTORIES, _("Trajecten")),
    Page(PRODUCTION, _("Productie")),
    Page(WORK, _("Werk")),
    Page(LADDER, _("Participatieladder")),
    Page(REFERRALS, _("Doorverwijzingen")),
]
REPORTS: dict[str, Report] = {
    report.key: report
    for report in (
        Report(
            "key_figures",
            _("Kerncijfers"),
            key_figures.key_figures,
            _today,
            key_figures.CHART,
            OVERVIEW,
            summary=True,
            kept=True,
        ),
        Report(
            "caseload",
            _("Caseload per casemanager"),
            caseload.caseload_per_caseworker,
            _today,
            caseload.CHART,
            OVERVIEW,
            kept=True,
        ),
        Report(
            "contact_norm",
            _("Contactnorm: cliënten gesproken in het afgelopen jaar"),
            contact_norm.contact_norm,
            _on,
            contact_norm.CHART,
            OVERVIEW,
            kept=True,
        ),
        Report(
            "contact_norm_trend",
            _("Contactnorm per maand"),
            contact_norm_trend.contact_norm_trend,
            _on,
            contact_norm_trend.CHART,
            OVERVIEW,
            kept=True,
        ),
        Report(
            "phase_distribution",
            _("Cliënten per fase (gemiddeld per maand)"),
            phase_distribution.phase_distribution_table,
            _years,
            phase_distribution.CHART,
            OVERVIEW,
            kept=True,
        ),
        Report(
            "conversations_per_phase",
            _("Gesprekken per cliënt per jaar, per fase"),
            conversations_per_phase.conversations_per_phase,
            _years,
            conversations_per_phase.CHART,
            CONVERSATIONS,
        ),
        Report(
            "phase_transitions",
            _("Faseovergangen"),
            phase_transitions.phase_transitions,
            _start_end,
            phase_transitions.CHART,
            TRANSITIONS,
        ),
        Report(
            "time_in_phase",
            _("Tijd in een fase (afgesloten perioden)"),
            time_in_phase.time_in_phase,
            _start_end,
            time_in_phase.CHART,
            TRANSITIONS,
        ),
        Report(
            "phase_flows",
            _("Doorstroom vanuit een klantfase (figuren 5.9 en 5.10)"),
            phase_flows.phase_flows,
            _flows,
            phase_flows.FLOW_CHART,
            FLOWS,
        ),
        Report(
            "phase_flows_teams",
            _("Doorstroom per team"),
            phase_flows.phase_flows_per_team,
            _flows,
            phase_flows.TEAMS_CHART,
            FLOWS,
        ),
        Report(
            "trajectories",
            _("Ingekochte trajecten"),
            trajectories.trajectories_report,
            _start_end,
            trajectories.CHART,
            TRAJECTORIES,
        ),
        Report(
            "production",
            _("Productie in gespreksequivalenten (GE)"),
            production.production,
            _year,
            production.CHART,
            PRODUCTION,
        ),
        Report(
            "work_status",
            _("Werkende cliënten"),
            work_status.work_status_table,
            _reference_day,
            work_status.STATUS_CHART,
            WORK,
        ),
        Report(
            "work_contracts",
            _("Contracten bij een reguliere werkgever"),
            work_status.contracts_table,
            _reference_day,
            work_status.CONTRACTS_CHART,
            WORK,
        ),
        Report(
            "work_provisions",
            _("Werkend bij een reguliere werkgever met ondersteuning"),
            work_status.provisions_table,
            _reference_day,
            work_status.PROVISIONS_CHART,
            WORK,
        ),
        Report(
            "placements",
            _("Plaatsingen tegen de norm en contractverlengingen"),
            placements.placements,
            _year,
            placements.CHART,
            WORK,
        ),
        Report(
            "retention",
            _("Een jaar na plaatsing nog aan het werk (figuur 5.2)"),
            retention.retention,
            _year,
            retention.CHART,
            WORK,
        ),
        Report(
            "after_job_end",
            _("Na een baaneinde: weer aan het werk"),
            after_job_end.after_job_end,
            _year,
            after_job_end.CHART,
            WORK,
        ),
        Report(
            "ladder_distribution",
            _("Cliënten per trede van de participatieladder (figuur 5.7)"),
            ladder.ladder_distribution,
            _reference_day,
            ladder.DISTRIBUTION_CHART,
            LADDER,
        ),
        Report(
            "ladder_movement",
            _("Beweging op de participatieladder in een jaar (figuur 5.8)"),
            ladder.ladder_movement,
            _reference_day,
            ladder.MOVEMENT_CHART,
            LADDER,
        ),
        Report(
            "referrals_per_kind",
            _("Doorverwijzingen per soort organisatie"),
            referrals.referrals_per_kind,
            _year,
            referrals.KIND_CHART,
            REFERRALS,
        ),
        Report(
            "phase_1_referred",
            _("Cliënten in fase 1 met een doorverwijzing"),
            referrals.phase_1_reached,
            _reference_day,
            referrals.REACH_CHART,
            REFERRALS,
        ),
        Report(
            "referral_outcomes",
            _("Hoe de doorverwijzingen verliepen"),
            referrals.referral_outcomes,
            _year,
            referrals.OUTCOME_CHART,
            REFERRALS,
        ),
    )
}


def page_of(slug: str) -> Page | None:
    return next((p for p in PAGES if p.slug == slug), None)
