"""Figure 3.2, phase transitions, time in phase, trajectories and production, on data where the
answer is known."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from norms.models import NormVersion
from reports.catalogue.conversations_per_phase import conversations_per_phase
from reports.catalogue.phase_transitions import phase_transitions
from reports.catalogue.production import production
from reports.catalogue.time_in_phase import _percentile, time_in_phase
from reports.catalogue.trajectories import trajectories_report
from reports.drilldown import Event, drilldown_clients
from tests.factories import (
    CaseworkerFactory,
    ClientFactory,
    ConversationFactory,
    PhasePeriodFactory,
    ProviderFactory,
    ServiceTypeFactory,
    TeamFactory,
    TrajectoryFactory,
    UserFactory,
)
from tests.reports.conftest import D, team_scope

pytestmark = pytest.mark.django_db
OLD = D(2010, 1, 1)


@pytest.fixture
def team_with_worker(db):
    team = TeamFactory.create(name="Team Activiteit")
    worker = CaseworkerFactory.create(username="cw.act", last_name="Aa", team=team)
    return team, worker


def periods(client, *spans):
    """spans: (phase, started_on, ended_on or None)"""
    for phase, started, ended in spans:
        PhasePeriodFactory.create(client=client, phase=phase, started_on=started, ended_on=ended)


def test_conversations_per_client_year_per_phase_split_by_stay(team_with_worker, counted):
    team, worker = team_with_worker
    # in phase 2 since 2024-06-01 (early all of 2025): spoken in 3 of 12 months
    early = ClientFactory.create(team=team, in_service_since=OLD)
    periods(early, ("2", D(2024, 6, 1), None))
    for month in (2, 5, 5, 9):  # two conversations in May count as one month
        ConversationFactory.create(client=early, caseworker=worker, held_on=D(2025, month, 10))
    # in phase 2 since 2020 (later) but only for half of 2025, then phase 4
    later = ClientFactory.create(team=team, in_service_since=OLD)
    periods(later, ("2", D(2020, 1, 1), D(2025, 7, 1)), ("4", D(2025, 7, 1), None))
    ConversationFactory.create(client=later, caseworker=worker, held_on=D(2025, 3, 3))
    ConversationFactory.create(
        client=later, caseworker=worker, held_on=D(2025, 4, 3), channel="written"
    )
    counted()

    table = conversations_per_phase(team_scope(team), years=[2025], today=D(2026, 11, 24))

    rows = {(row[0].value, row[1].value): row[2].value for row in table.rows}
    assert rows[("Fase 2", "eerste twee jaar")] == 3.0  # 3 months / (12 months / 12)
    assert rows[("Fase 2", "langer dan twee jaar")] == 2.0  # 1 month / (6 months / 12)
    assert rows[("Fase 4", "eerste twee jaar")] == 0.0  # 6 months in phase 4, never spoken
    assert rows[("Fase 3", "eerste twee jaar")] is None  # nobody in phase 3


@pytest.fixture
def moves(team_with_worker):
    team, _ = team_with_worker
    first = ClientFactory.create(team=team, in_service_since=OLD)
    periods(first, ("1", D(2025, 2, 1), None))  # a first phase
    up = ClientFactory.create(team=team, in_service_since=OLD)
    periods(up, ("2", D(2024, 1, 1), D(2025, 3, 1)), ("3", D(2025, 3, 1), None))
    back = ClientFactory.create(team=team, in_service_since=OLD)
    periods(back, ("3", D(2024, 7, 1), D(2025, 1, 1)), ("1", D(2025, 1, 1), None))
    jump = ClientFactory.create(team=team, in_service_since=OLD, out_of_service_on=D(2025, 9, 1))
    periods(jump, ("1", D(2023, 1, 1), D(2025, 12, 31)), ("4", D(2025, 12, 31), None))
    outside = ClientFactory.create(team=team, in_service_since=OLD)
    periods(outside, ("2", D(2023, 1, 1), D(2026, 1, 1)), ("3", D(2026, 1, 1), None))
    return team, {"first": first, "up": up, "back": back, "jump": jump}


def test_transitions_count_first_phases_regressions_and_skips(moves):
    team, _ = moves
    table = phase_transitions(team_scope(team), start=D(2025, 1, 1), end=D(2025, 12, 31))

    assert table.value("Eerste fase", "to_1") == 1
    assert table.value("Fase 2", "to_3") == 1
    assert (table.value("Fase 3", "to_1"), table.value("Fase 3", "down")) == (1, 1)
    assert (table.value("Fase 1", "to_4"), table.value("Fase 1", "skip")) == (1, 1)
    assert [cell.value for cell in table.totals or []][5] == 4  # 2026's move is outside


def test_a_transition_drills_down_to_its_clients(moves):
    team, clients = moves
    cell = phase_transitions(team_scope(team), start=D(2025, 1, 1), end=D(2025, 12, 31)).rows[3][
        1
    ]  # from phase 3 to phase 1
    filters = cell.filters or {}

    found = drilldown_clients(
        team_scope(team),
        user=UserFactory.create(username="audit.t", role="auditor"),
        today=timezone.localdate(),
        event=Event(transition=filters["transition"]),
        start=D.fromisoformat(filters["start"]),
        end=D.fromisoformat(filters["end"]),
    )
    assert list(found) == [clients["back"]]


def test_percentiles_interpolate_like_postgresql():
    assert _percentile([], 0.5) is None
    assert _percentile([10], 0.75) == 10
    assert _percentile([1, 2, 3, 4], 0.5) == 2.5
    assert _percentile([1, 2, 3, 4], 0.75) == 3.25


def test_time_in_phase_over_the_periods_that_ended(moves):
    team, _ = moves
    table = time_in_phase(team_scope(team), start=D(2025, 1, 1), end=D(2025, 12, 31))

    assert table.value("Fase 2", "ended") == 1  # 2024-01-01 to 2025-03-01: 425 days
    assert table.value("Fase 2", "median") == round(425 / (365.25 / 12), 1)
    assert table.value("Fase 1", "ended") == 1  # the jump's phase 1
    assert table.value("Fase 4", "median") is None


def test_trajectories_per_service_and_provider(team_with_worker):
    team, _ = team_with_worker
    client = ClientFactory.create(team=team, in_service_since=OLD)
    work_fit = ServiceTypeFactory.create(code="WF", name="Werkfit")
    provider = ProviderFactory.create(name="Stap BV")
    common = {"client": client, "service_type": work_fit, "provider": provider}
    TrajectoryFactory.create(
        **common, purchased_on=D(2025, 2, 1), started_on=D(2025, 2, 2), cost=Decimal("1000.00")
    )
    TrajectoryFactory.create(
        **common,
        purchased_on=D(2025, 8, 1),
        started_on=D(2025, 8, 2),
        ended_on=D(2025, 11, 1),
        cost=Decimal("2000.50"),
        status="completed",
        outcome="work_found",
        repeat_justification="Eerste traject te vroeg gestopt",
    )
    TrajectoryFactory.create(  # bought the year before
        **common, purchased_on=D(2024, 8, 1), started_on=D(2024, 8, 2)
    )

    table = trajectories_report(team_scope(team), start=D(2025, 1, 1), end=D(2025, 12, 31))

    assert len(table.rows) == 1
    assert table.value("Werkfit", "bought") == 2
    assert table.value("Werkfit", "status_running") == 1
    assert table.value("Werkfit", "outcome_work_found") == 1
    assert table.value("Werkfit", "cost") == Decimal("3000.50")
    assert table.value("Werkfit", "average") == Decimal("1500.25")
    assert table.value("Werkfit", "repeats") == 1


def test_production_in_conversation_equivalents_against_the_target(team_with_worker):
    team, worker = team_with_worker
    NormVersion.objects.update(
        minutes_per_conversation_equivalent=Decimal("100"), production_target_per_fte=120
    )
    client = ClientFactory.create(team=team, in_service_since=OLD)
    for held_on, minutes in ((D(2025, 1, 5), 60), (D(2025, 1, 20), 90), (D(2025, 3, 1), 50)):
        ConversationFactory.create(
            client=client, caseworker=worker, held_on=held_on, duration_minutes=minutes
        )
    ConversationFactory.create(  # a planned one is no production
        client=client,
        caseworker=worker,
        held_on=D(2025, 3, 2),
        duration_minutes=500,
        status="planned",
    )

    table = production(team_scope(team), year=2025, today=D(2025, 3, 31))

    assert [c.label for c in table.columns[1:4]] == ["jan 2025", "feb 2025", "mrt 2025"]
    assert [table.value(str(worker), f"m{m}") for m in (1, 2, 3)] == [
        Decimal("1.5"),
        Decimal("0.0"),
        Decimal("0.5"),
    ]
    assert table.value(str(worker), "total") == Decimal("2.0")
    assert table.value(str(worker), "target") == Decimal("30.0")  # 1 fte x 120 x 3/12
    assert table.value(str(worker), "share") == pytest.approx(2 / 30)


def test_production_drills_down_to_the_clients_spoken_that_month(team_with_worker):
    team, worker = team_with_worker
    spoken = ClientFactory.create(team=team, in_service_since=OLD)
    ClientFactory.create(team=team, in_service_since=OLD)
    ConversationFactory.create(
        client=spoken, caseworker=worker, held_on=D(2025, 1, 31), duration_minutes=30
    )

    cell = production(team_scope(team), year=2025, today=D(2025, 3, 31)).rows[0][1]
    filters = cell.filters or {}
    assert (filters["start"], filters["end"]) == ("2025-01-01", "2025-01-31")

    found = drilldown_clients(
        team_scope(team),
        user=UserFactory.create(username="audit.p", role="auditor"),
        today=datetime.date.today(),
        event=Event(spoken_by=int(filters["spoken_by"])),
        start=D(2025, 1, 1),
        end=D(2025, 1, 31),
    )
    assert list(found) == [spoken]


def test_trajectory_outcomes_and_ended_phases_drill_down(team_with_worker, moves):
    team, _ = team_with_worker
    client = ClientFactory.create(team=team, in_service_since=OLD)
    TrajectoryFactory.create(
        client=client,
        purchased_on=D(2025, 2, 1),
        started_on=D(2025, 2, 2),
        ended_on=D(2025, 6, 1),
        status="completed",
        outcome="work_found",
    )
    scope = team_scope(team)
    auditor = UserFactory.create(username="audit.o", role="auditor")
    start, end = D(2025, 1, 1), D(2025, 12, 31)

    row = trajectories_report(scope, start=start, end=end).rows[0]
    link = next(c.filters for c in row if c.filters and c.filters.get("outcome") == "work_found")
    assert link is not None
    found = drilldown_clients(
        scope,
        user=auditor,
        today=timezone.localdate(),
        event=Event(service_type=int(link["service_type"]), outcome=link["outcome"]),
        start=start,
        end=end,
    )
    assert list(found) == [client]

    ended = time_in_phase(scope, start=start, end=end).rows[1][1]  # phase 2 periods ended
    found = drilldown_clients(
        scope,
        user=auditor,
        today=timezone.localdate(),
        event=Event(ended_phase="2"),
        start=start,
        end=end,
    )
    assert ended.filters == {
        "team": str(team.pk),
        "start": "2025-01-01",
        "end": "2025-12-31",
        "ended_phase": "2",
    }
    assert [c.pk for c in found] == [moves[1]["up"].pk]
