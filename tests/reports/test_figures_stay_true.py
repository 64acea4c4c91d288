"""Figures for a past day use what was true that day: a move to another team or a decision on
work capacity today rewrites nothing before it, live or stored."""

import datetime

import pytest
from django.utils import timezone

from clients.capacity import record_capacity_decision
from clients.services import update_client
from reports.catalogue.phase_distribution import phase_distribution
from reports.catalogue.work_status import work_status
from reports.models import FigureState
from reports.month_end_figures import month_end_counts
from reports.permissions import ReportScope
from reports.services import refresh_month_end_figures
from tests.factories import ClientFactory, JobFactory, PhasePeriodFactory, TeamFactory

pytestmark = pytest.mark.django_db
D = datetime.date


def scope_of(team) -> ReportScope:
    return ReportScope(
        (team.pk,), all_teams=False, caseworker=None, may_open_clients=True, team=team
    )


def figures(scope: ReportScope, year: int, today: datetime.date) -> tuple:
    end = D(year, 12, 31)
    distribution = phase_distribution(scope, year=year, today=today)
    work = work_status(scope, on=end)
    live = sorted(
        (row["phase"], row["active"]) for row in month_end_counts(scope.clients_on(end), end)
    )
    return distribution["rows"], distribution["total"], work["active"], work["employed"], live


def test_last_years_figures_stay_the_same_after_a_move_and_a_decision_today(team):
    today = timezone.localdate()
    last_year = today.year - 1
    other = TeamFactory.create(name="Team Zwolle 1")
    clients = ClientFactory.create_batch(4, team=team, in_service_since=D(2018, 1, 1))
    for index, client in enumerate(clients):
        PhasePeriodFactory.create(client=client, phase=str(1 + index % 4), started_on=D(2018, 1, 1))
        JobFactory.create(client=client, started_on=D(2019, 1, 1))
    mover, decided = clients[0], clients[1]
    refresh_month_end_figures(today=today)
    scope = scope_of(team)
    before = figures(scope, last_year, today)
    today_before = work_status(scope, on=today)["active"]

    update_client(client=mover, expected_version=mover.version, changes={"team": other}, by=None)
    record_capacity_decision(client=decided, decided_on=today, outcome="lasting_none", by=None)

    state = FigureState.objects.get(pk=1)
    assert state.holds(D(last_year, 12, 31))  # nothing stored was marked stale
    assert figures(scope, last_year, today) == before  # stored and live alike
    assert before[2] == 4
    assert work_status(scope, on=today)["active"] == today_before - 2
    assert work_status(scope_of(other), on=today)["active"] == 1
    assert work_status(scope_of(other), on=D(last_year, 12, 31))["active"] == 0


def test_a_backdated_move_marks_the_months_from_its_day_stale(team):
    today = timezone.localdate()
    other = TeamFactory.create(name="Team Zwolle 2")
    client = ClientFactory.create(team=team, in_service_since=D(2018, 1, 1))
    refresh_month_end_figures(today=today)
    from clients.services import move_to_team

    move_to_team(client=client, team=other, on=D(today.year - 1, 6, 15), by=None)

    state = FigureState.objects.get(pk=1)
    assert state.stale_from == D(today.year - 1, 6, 15)
    assert state.holds(D(today.year - 1, 5, 31))
    assert not state.holds(D(today.year - 1, 6, 30))
    end = D(today.year - 1, 12, 31)
    assert work_status(scope_of(other), on=end)["active"] == 1
    assert work_status(scope_of(team), on=D(today.year - 1, 5, 31))["active"] == 1


def test_a_client_counts_as_active_by_the_decision_in_force_that_day(team):
    client = ClientFactory.create(team=team, in_service_since=D(2018, 1, 1))
    record_capacity_decision(
        client=client, decided_on=D(2022, 7, 1), outcome="lasting_none", by=None
    )
    record_capacity_decision(
        client=client, decided_on=D(2023, 7, 1), outcome="has_work_capacity", by=None
    )
    scope = scope_of(team)

    assert work_status(scope, on=D(2022, 6, 30))["active"] == 1
    assert work_status(scope, on=D(2022, 7, 1))["active"] == 0
    assert work_status(scope, on=D(2023, 6, 30))["active"] == 0
    assert work_status(scope, on=D(2023, 7, 1))["active"] == 1


# About today, or (the referral outcomes) the status now of a year's referrals, by design.
ABOUT_NOW = {"key_figures", "caseload", "referral_outcomes"}


def every_report(user, year: int) -> dict[str, tuple]:
    """Every report's rows and totals (values only) for `year`, its last day the reference day,
    as the dashboard shows them to `user`."""
    from django.test import RequestFactory

    from reports.period import Period
    from reports.registry import REPORTS

    request = RequestFactory().get("/dashboard/", {"year": str(year), "on": f"{year}-12-31"})
    request.user = user
    period = Period(request)
    shown = {}
    for key, report in REPORTS.items():
        if key in ABOUT_NOW:
            continue
        table = report.table(period)
        rows = [[cell.value for cell in row] for row in [*table.rows, table.totals or []]]
        shown[key] = tuple(map(tuple, rows))
    return shown


def test_every_report_of_last_year_is_the_same_after_todays_changes(team, manager):
    """A move with a new caseworker, a handover, a decision of lasting no work capacity,
    leaving the benefit, a new rung, referral and phase today: last year's reports, for the
    team, for all teams and for the caseworker, stored and live, show what they showed."""
    from clients.services import hand_over_clients
    from participation.services import record_rung
    from phases.services import transition_phase
    from referrals.services import refer_client
    from tests.factories import (
        CaseworkerAssignmentFactory,
        CaseworkerFactory,
        ConversationFactory,
        UserFactory,
    )
    from tests.referrals.factories import OrganisationFactory, ReferralFactory

    today = timezone.localdate()
    year = today.year - 1
    other = TeamFactory.create(name="Team Zwolle 1")
    ours, second = (CaseworkerFactory.create(team=team) for _ in range(2))
    theirs = CaseworkerFactory.create(team=other)
    auditor = UserFactory.create(username="au.then", role="auditor")
    organisation = OrganisationFactory.create(kind="debt_help")
    clients = ClientFactory.create_batch(
        6, team=team, caseworker=ours, in_service_since=D(2018, 1, 1)
    )
    for index, client in enumerate(clients):
        CaseworkerAssignmentFactory.create(client=client, caseworker=ours, started_on=D(2018, 1, 1))
        PhasePeriodFactory.create(
            client=client, phase="1", started_on=D(2018, 1, 1), ended_on=D(year - 1, 3, 1)
        )
        PhasePeriodFactory.create(
            client=client, phase=str(2 + index % 3), started_on=D(year - 1, 3, 1)
        )
        JobFactory.create(client=client, started_on=D(year, 2, 1))
        ConversationFactory.create(client=client, caseworker=ours, held_on=D(year, 5, 1))
        record_rung(client=client, rung=2, assessed_on=D(year - 1, 6, 1), note="", by=None)
        record_rung(client=client, rung=3 + index % 2, assessed_on=D(year, 6, 1), note="", by=None)
        ReferralFactory.create(
            client=client,
            organisation=organisation,
            referred_on=D(year, 4, 1),
            consent_on=D(year, 4, 1),
            status="finished",
            follow_up_on=None,
        )
    refresh_month_end_figures(today=today)
    viewers = (manager, auditor, ours)  # the team, all teams, one caseworker's own clients
    before = [every_report(viewer, year) for viewer in viewers]

    moved, decided, left, busy, handed = clients[:5]
    update_client(
        client=moved,
        expected_version=moved.version,
        changes={"team": other, "caseworker": theirs},
        by=None,
    )
    record_capacity_decision(client=decided, decided_on=today, outcome="lasting_none", by=None)
    left.refresh_from_db()
    update_client(
        client=left,
        expected_version=left.version,
        changes={"out_of_service_on": today, "out_of_service_reason": "retirement"},
        by=None,
    )
    record_rung(client=busy, rung=6, assessed_on=today, note="", by=None)
    refer_client(
        client=busy, organisation=organisation, referred_on=today, consent_on=today, by=ours
    )
    transition_phase(client=busy, phase="4", started_on=today, reason="Werk gevonden", by=None)
    hand_over_clients(
        clients=[handed], caseworker=second, on=today, handover_note="Verlof", by=manager
    )

    state = FigureState.objects.get(pk=1)
    assert state.holds(D(year, 12, 31))  # nothing stored for last year was marked stale
    after = [every_report(viewer, year) for viewer in viewers]
    for viewer, shown, now in zip(viewers, before, after, strict=True):
        changed = [key for key in shown if shown[key] != now[key]]
        assert changed == [], (viewer, {key: (shown[key], now[key]) for key in changed})
    assert work_status(scope_of(team), on=today)["active"] == 3  # today's figures did change
