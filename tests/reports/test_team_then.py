"""The ladder and referral figures, and the drill-down behind a figure for a past day, count a
client in the team it was in then: a move to another team rewrites none of them."""

import datetime

import pytest
from django.utils import timezone

from clients.services import move_to_team
from participation.services import record_rung
from phases.services import transition_phase
from reports.catalogue.contact_norm import contact_norm
from reports.catalogue.ladder import ladder_distribution, ladder_figures, ladder_movement
from reports.catalogue.phase_transitions import phase_transitions
from reports.catalogue.placements import placements
from reports.catalogue.referrals import phase_1_reached, referrals_per_kind
from reports.catalogue.work_year import placement_figures
from reports.drilldown import Event, drilldown_clients
from tests.factories import (
    ClientFactory,
    JobFactory,
    PhasePeriodFactory,
    TeamFactory,
    UserFactory,
)
from tests.referrals.factories import OrganisationFactory, ReferralFactory
from tests.reports.conftest import all_scope, team_scope

pytestmark = pytest.mark.django_db
D = datetime.date
MOVED_ON = D(2025, 6, 1)


@pytest.fixture
def moved(team):
    """A phase-1 client of `team` since 2018, on rung 3 since 2024 and rung 4 since 2025,
    referred in February 2025, who moved to another team on 1 June 2025."""
    other = TeamFactory.create(name="Team Zwolle 1")
    client = ClientFactory.create(team=team, in_service_since=D(2018, 1, 1))
    PhasePeriodFactory.create(client=client, phase="1", started_on=D(2018, 1, 1))
    record_rung(client=client, rung=3, assessed_on=D(2024, 3, 1), note="", by=None)
    record_rung(client=client, rung=4, assessed_on=D(2025, 3, 1), note="", by=None)
    organisation = OrganisationFactory.create(kind="debt_help")
    ReferralFactory.create(
        client=client,
        organisation=organisation,
        referred_on=D(2025, 2, 1),
        consent_on=D(2025, 2, 1),
        status="finished",
        follow_up_on=None,
    )
    move_to_team(client=client, team=other, on=MOVED_ON, by=None)
    return client, other


def total(table, key):
    index = [c.key for c in table.columns].index(key)
    return sum(row[index].value for row in table.rows)


def test_the_rungs_on_a_day_count_the_client_in_its_team_that_day(team, moved):
    _, other = moved
    before, after = MOVED_ON - datetime.timedelta(days=1), MOVED_ON

    assert total(ladder_distribution(team_scope(team), on=before), "4") == 1
    assert total(ladder_distribution(team_scope(other), on=before), "active") == 0
    assert total(ladder_distribution(team_scope(team), on=after), "active") == 0
    assert total(ladder_distribution(team_scope(other), on=after), "4") == 1


def test_the_ladder_movement_counts_the_client_in_its_team_on_the_first_day(team, moved):
    _, other = moved

    assert total(ladder_movement(team_scope(team), on=D(2025, 12, 31)), "up") == 1
    assert total(ladder_movement(team_scope(other), on=D(2025, 12, 31)), "counted") == 0
    figures = ladder_figures(team_scope(team), start=D(2024, 12, 31), end=D(2025, 12, 31))
    assert figures["movement"]["up"] == 1 and figures["on_to"]["4"] == 0


def test_a_referral_counts_for_the_team_the_client_was_in_when_referred(team, moved):
    _, other = moved

    assert (
        total(referrals_per_kind(team_scope(team), year=2025, today=D(2026, 1, 1)), "debt_help")
        == 1
    )
    assert (
        total(referrals_per_kind(team_scope(other), year=2025, today=D(2026, 1, 1)), "total") == 0
    )
    assert total(phase_1_reached(team_scope(team), on=D(2025, 5, 31)), "referred") == 1
    assert total(phase_1_reached(team_scope(other), on=D(2025, 5, 31)), "phase_1") == 0
    assert total(phase_1_reached(team_scope(other), on=D(2025, 6, 30)), "referred") == 1


def test_the_contact_norm_on_a_past_day_counts_the_client_in_its_team_that_day(team, moved):
    _, other = moved
    before, after = MOVED_ON - datetime.timedelta(days=1), MOVED_ON

    assert total(contact_norm(team_scope(team), on=before), "population") == 1
    assert total(contact_norm(team_scope(other), on=before), "population") == 0
    assert total(contact_norm(team_scope(team), on=after), "population") == 0
    assert total(contact_norm(team_scope(other), on=after), "population") == 1
    per_team = {row[0].value: row[1].value for row in contact_norm(all_scope(), on=before).rows}
    assert (per_team[str(team)], per_team[str(other)]) == (1, 0)


def test_the_drill_down_behind_a_past_day_lists_the_team_of_that_day(team, moved):
    client, other = moved
    auditor = UserFactory.create(username="audit.then", role="auditor")
    today = timezone.localdate()

    def behind(scope_team, on):
        return list(
            drilldown_clients(team_scope(scope_team), user=auditor, today=today, ladder="4", on=on)
        )

    assert behind(team, D(2025, 5, 31)) == [client]
    assert behind(other, D(2025, 5, 31)) == []
    assert behind(other, D(2025, 6, 30)) == [client]


def test_events_count_for_the_team_the_client_was_in_when_they_happened(team, moved):
    client, other = moved
    JobFactory.create(
        client=client, started_on=D(2025, 3, 1), ended_on=D(2025, 4, 30), end_reason="resigned"
    )
    JobFactory.create(client=client, started_on=D(2025, 8, 1))
    transition_phase(client=client, phase="2", started_on=D(2025, 3, 1), reason="Stap", by=None)
    today = D(2026, 1, 1)

    def placed(scope_team):
        return total(placements(team_scope(scope_team), year=2025, today=today), "placements")

    assert (placed(team), placed(other)) == (1, 1)
    assert placement_figures(team_scope(team), year=2025, today=today)["placements"] == 1
    spring = {"start": D(2025, 1, 1), "end": D(2025, 5, 31)}
    assert total(phase_transitions(team_scope(team), **spring), "to_2") == 1
    assert total(phase_transitions(team_scope(other), **spring), "to_2") == 0


def test_the_drill_down_behind_an_event_lists_the_team_of_the_events_day(team, moved):
    client, other = moved
    auditor = UserFactory.create(username="audit.events", role="auditor")

    def behind(scope_team, start, end, **event):
        return list(
            drilldown_clients(
                team_scope(scope_team),
                user=auditor,
                today=D(2026, 1, 1),
                event=Event(**event),
                start=start,
                end=end,
            )
        )

    # The reach in phase 1 counts the client in its team on the last day, any referral in it.
    assert behind(team, D(2024, 6, 1), D(2025, 5, 31), referral="phase_1") == [client]
    assert behind(other, D(2024, 6, 1), D(2025, 5, 31), referral="phase_1") == []
    assert behind(other, D(2024, 7, 1), D(2025, 6, 30), referral="phase_1") == [client]
    assert behind(team, D(2024, 7, 1), D(2025, 6, 30), referral="phase_1") == []

    JobFactory.create(
        client=client, started_on=D(2025, 3, 1), ended_on=D(2025, 4, 30), end_reason="resigned"
    )
    transition_phase(client=client, phase="2", started_on=D(2025, 3, 1), reason="Stap", by=None)
    for event in ({"work": "placed"}, {"transition": "1-2"}, {"referral": "debt_help"}):
        assert behind(team, D(2025, 1, 1), D(2025, 12, 31), **event) == [client], event
        assert behind(other, D(2025, 1, 1), D(2025, 12, 31), **event) == [], event
