"""Stored month-end figures: equal to counting live, refreshed only where out of date."""

import datetime

import pytest
from django.utils import timezone

from clients.capacity import record_capacity_decision
from clients.models import Client
from clients.services import assign_caseworker, move_to_team, update_client
from common.dates import months_back
from interventions.models import ContactExemption
from interventions.services.conversations import log_conversation
from interventions.services.exemptions import record_contact_exemption
from phases.services import transition_phase
from reports import month_end_figures, services
from reports.models import FigureState, MonthEndFigure
from reports.month_end_figures import figures_on, month_end_counts
from reports.services import figures_changed_from, refresh_month_end_figures
from reports.tasks import refresh_figures
from tests.factories import (
    CaseworkerFactory,
    ClientFactory,
    ConversationFactory,
    PhasePeriodFactory,
    TeamFactory,
)
from tests.reports.conftest import D, team_scope

pytestmark = pytest.mark.django_db


@pytest.fixture
def history(db):
    team = TeamFactory.create(name="Team Historie")
    worker = CaseworkerFactory.create(username="cw.hist", team=team)
    for index in range(4):
        client = ClientFactory.create(team=team, caseworker=worker, in_service_since=D(2019, 1, 1))
        PhasePeriodFactory.create(client=client, phase=str(index % 4 + 1), started_on=D(2022, 3, 1))
        ConversationFactory.create(client=client, caseworker=worker, held_on=D(2024, 2, index + 1))
    return team, worker


def last_month_end() -> datetime.date:
    return months_back(timezone.localdate() - datetime.timedelta(days=1), 1)[0]


def stored(month_end):
    return sorted(
        (
            r["team_id"],
            r["phase"],
            r["early_in_phase"],
            r["active"],
            r["norm_population"],
            r["spoken"],
        )
        for r in MonthEndFigure.objects.filter(month_end=month_end).values()
    )


def live(month_end):
    return sorted(
        (
            r["team_id"],
            r["phase"],
            r["early_in_phase"],
            r["active"],
            r["norm_population"],
            r["spoken"],
        )
        for r in month_end_counts(Client.objects.all(), month_end)
    )


def test_the_stored_figures_equal_counting_live(history):
    result = refresh_month_end_figures()

    assert result.counted[-1] == last_month_end()
    for month_end in (D(2024, 2, 29), D(2025, 1, 31), last_month_end()):
        assert stored(month_end) == live(month_end) != []


def test_the_stored_figures_equal_counting_live_after_a_move_and_decisions(history):
    """Each client counted in its team then and by the decision in force then."""
    team, _ = history
    mover, decided = Client.objects.filter(team=team).order_by("pk")[:2]
    assign_caseworker(client=mover, caseworker=None, on=D(2023, 6, 1), by=None)
    move_to_team(
        client=mover, team=TeamFactory.create(name="Team Elders"), on=D(2023, 6, 1), by=None
    )
    record_capacity_decision(
        client=decided, decided_on=D(2023, 9, 1), outcome="lasting_none", by=None
    )
    record_capacity_decision(
        client=decided, decided_on=D(2024, 3, 1), outcome="has_work_capacity", by=None
    )

    refresh_month_end_figures()

    for month_end in (D(2023, 5, 31), D(2023, 6, 30), D(2023, 9, 30), D(2024, 3, 31)):
        assert stored(month_end) == live(month_end) != [], month_end
    teams_in_june = {row[0] for row in stored(D(2023, 6, 30))}
    assert len(teams_in_june) == 2
    active_in_october = sum(row[3] for row in stored(D(2023, 10, 31)))
    assert active_in_october == 3 and sum(row[3] for row in stored(D(2024, 3, 31))) == 4


def test_a_second_refresh_counts_nothing(history):
    refresh_month_end_figures()
    assert refresh_month_end_figures().counted == []


def test_stored_figures_are_read_without_counting(history, monkeypatch):
    team, _ = history
    refresh_month_end_figures()
    monkeypatch.setattr(
        month_end_figures, "month_end_counts", lambda *a: pytest.fail("counted live")
    )

    figures = figures_on(team_scope(team), [D(2024, 2, 29)])

    assert sum(row["active"] for row in figures[D(2024, 2, 29)]) == 4


def test_a_backdated_conversation_is_counted_at_once_and_stored_next_night(history):
    team, worker = history
    refresh_month_end_figures()
    client = Client.objects.filter(team=team).earliest("pk")
    day = D(2025, 3, 10)
    before = figures_on(team_scope(team), [D(2025, 3, 31)])[D(2025, 3, 31)]

    log_conversation(client=client, held_on=day, status="held", channel="phone", by=worker)

    assert FigureState.objects.get().stale_from == day
    after = figures_on(team_scope(team), [D(2025, 3, 31)])[D(2025, 3, 31)]
    assert sum(r["spoken"] for r in after) == sum(r["spoken"] for r in before) + 1
    counted = refresh_month_end_figures().counted
    assert counted[0] == D(2025, 3, 31)
    assert FigureState.objects.get().stale_from is None
    assert stored(D(2025, 3, 31)) == live(D(2025, 3, 31))


def test_a_backdated_contact_exemption_is_counted_at_once_and_stored_next_night(history):
    team, worker = history
    refresh_month_end_figures()
    client = Client.objects.filter(team=team).earliest("pk")
    end = D(2025, 3, 31)
    before = figures_on(team_scope(team), [end])[end]

    record_contact_exemption(
        client=client,
        reason=ContactExemption.Reason.STABLE_WORK,
        valid_from=D(2025, 3, 1),
        valid_until=D(2025, 6, 30),
        by=worker,
    )

    assert FigureState.objects.get().stale_from == D(2025, 3, 1)
    after = figures_on(team_scope(team), [end])[end]
    assert sum(r["norm_population"] for r in after) == sum(r["norm_population"] for r in before) - 1
    refresh_month_end_figures()
    assert FigureState.objects.get().stale_from is None
    assert stored(end) == live(end)


def test_a_conversation_this_month_leaves_the_stored_figures_alone(history):
    team, worker = history
    refresh_month_end_figures()
    client = Client.objects.filter(team=team).earliest("pk")
    log_conversation(
        client=client, held_on=timezone.localdate(), status="held", channel="phone", by=worker
    )
    assert FigureState.objects.get().stale_from is None


def test_a_backdated_phase_change_marks_from_its_date(history):
    team, worker = history
    refresh_month_end_figures()
    client = Client.objects.filter(team=team).earliest("pk")
    transition_phase(
        client=client, phase="4", started_on=D(2023, 6, 1), reason="Werk gevonden", by=worker
    )
    assert FigureState.objects.get().stale_from == D(2023, 6, 1)


def test_moving_a_client_to_another_team_today_marks_nothing(history):
    team, worker = history
    refresh_month_end_figures()
    client = Client.objects.filter(team=team).earliest("pk")
    update_client(
        client=client,
        expected_version=client.version,
        changes={"team": TeamFactory.create(name="Team Elders"), "caseworker": None},
        by=worker,
    )
    assert FigureState.objects.get().stale_from is None  # the past keeps the team it had


def test_a_write_during_a_refresh_keeps_its_mark(history, monkeypatch):
    counting = services.month_end_counts

    def count_while_someone_writes(clients, on):
        if on == D(2024, 2, 29):
            figures_changed_from(D(2024, 1, 1))
        return counting(clients, on)

    monkeypatch.setattr(services, "month_end_counts", count_while_someone_writes)
    refresh_month_end_figures()

    assert FigureState.objects.get().stale_from == D(2024, 1, 1)


def test_the_nightly_task_refreshes(history):
    assert "month-ends" in refresh_figures()
    assert MonthEndFigure.objects.filter(month_end=last_month_end()).exists()


def test_on_a_month_end_day_a_write_of_that_day_marks_nothing(history, monkeypatch):
    """The month-end of today is stored only after today: a write today is not 'in the past'."""
    refresh_month_end_figures()
    monkeypatch.setattr("reports.services.timezone.localdate", lambda: D(2026, 11, 30))

    figures_changed_from(D(2026, 11, 30))
    assert FigureState.objects.get().stale_from is None

    figures_changed_from(D(2026, 10, 31))
    assert FigureState.objects.get().stale_from == D(2026, 10, 31)
