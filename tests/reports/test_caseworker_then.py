"""Figures for a past day put a client under the caseworker who was its fixed contact person
then (the dated assignments), as they put it in the team it was in then: a handover today
moves none of last year's counts, rows or drill-downs to the new caseworker."""

import datetime

import pytest
from django.utils import timezone

from clients.models import Client
from clients.querysets import caseworker_on_expression
from referrals.models import Referral
from reports.catalogue.contact_norm import contact_norm
from reports.catalogue.referrals import referrals_per_kind
from reports.drilldown import Event, drilldown_clients
from tests.factories import (
    CaseworkerAssignmentFactory,
    CaseworkerFactory,
    ClientFactory,
    ConversationFactory,
)
from tests.referrals.factories import ReferralFactory
from tests.reports.conftest import team_scope

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def handed_over(team):
    """A client with `first` from 2020 up to 1 June 2024, nobody until 1 September 2024, then
    `second`; referred on 1 March 2024 and on 1 October 2024."""
    first, second = (CaseworkerFactory.create(team=team) for _ in range(2))
    client = ClientFactory.create(team=team, caseworker=second, in_service_since=D(2019, 1, 1))
    CaseworkerAssignmentFactory.create(
        client=client, caseworker=first, started_on=D(2020, 1, 1), ended_on=D(2024, 6, 1)
    )
    CaseworkerAssignmentFactory.create(client=client, caseworker=second, started_on=D(2024, 9, 1))
    for day in (D(2024, 3, 1), D(2024, 10, 1)):
        referred(client, day)
    return client, first, second


def referred(client, day: datetime.date) -> None:
    """A referral of `client` on `day`, closed (no follow-up)."""
    ReferralFactory.create(
        client=client, referred_on=day, consent_on=day, status="finished", follow_up_on=None
    )


@pytest.mark.parametrize(
    ("day", "who"),
    [
        (D(2019, 12, 31), "second"),  # before the first assignment: the caseworker now
        (D(2020, 1, 1), "first"),
        (D(2024, 5, 31), "first"),
        (D(2024, 6, 1), None),  # the assignment ended: nobody, until the next
        (D(2024, 8, 31), None),
        (D(2024, 9, 1), "second"),
    ],
)
def test_the_caseworker_then_is_the_assignment_covering_the_day(handed_over, day, who):
    _client, first, second = handed_over
    expected = {"first": first.pk, "second": second.pk, None: None}[who]

    found = Client.objects.annotate(then=caseworker_on_expression(day, client="")).get()

    assert found.then == expected
    dated = Referral.objects.filter(referred_on=D(2024, 3, 1)).annotate(
        then=caseworker_on_expression("referred_on")
    )
    assert dated.get().then == first.pk


def test_a_past_day_counts_the_client_under_its_caseworker_then(team, handed_over):
    _client, first, second = handed_over

    table = contact_norm(team_scope(team), on=D(2024, 5, 31))

    assert table.value(str(first), "population") == 1
    assert table.value(str(second), "population") == 0
    gap = contact_norm(team_scope(team), on=D(2024, 7, 1))
    assert gap.value("Zonder vaste contactpersoon", "population") == 1


def test_a_caseworker_who_left_the_team_keeps_a_row_for_the_past(team, handed_over):
    _client, first, _second = handed_over
    first.memberships.all().delete()  # moved on

    table = referrals_per_kind(team_scope(team), year=2024, today=timezone.localdate())

    assert table.value(str(first), "total") == 1  # the March referral
    assert [c.value for c in table.totals or []][-1] == 2


def test_a_caseworkers_own_figures_keep_the_clients_they_had_then(team, handed_over):
    _client, first, second = handed_over

    def referrals_of(caseworker):
        scope = team_scope(team, caseworker=caseworker)
        totals = referrals_per_kind(scope, year=2024, today=D(2025, 1, 1)).totals or []
        return totals[-1].value

    assert (referrals_of(first), referrals_of(second)) == (1, 1)


def test_the_drill_down_by_caseworker_lists_the_clients_they_had_then(team, handed_over, manager):
    client, first, second = handed_over
    today = timezone.localdate()

    def behind(caseworker, **figure):
        found = drilldown_clients(
            team_scope(team), user=manager, today=today, caseworker=str(caseworker), **figure
        )
        return list(found)

    on_day = {"norm": "population", "on": D(2024, 5, 31)}
    assert (behind(first.pk, **on_day), behind(second.pk, **on_day)) == ([client], [])
    referred = {"event": Event(referral="any"), "start": D(2024, 1, 1), "end": D(2024, 4, 30)}
    assert (behind(first.pk, **referred), behind(second.pk, **referred)) == ([client], [])
    autumn = {"event": Event(referral="any"), "start": D(2024, 9, 1), "end": D(2024, 12, 31)}
    assert (behind(first.pk, **autumn), behind(second.pk, **autumn)) == ([], [client])


def test_the_drill_down_of_the_none_row_lists_who_had_nobody_on_the_events_day(
    team, handed_over, manager
):
    client, first, _second = handed_over  # nobody from 1 June to 1 September 2024
    referred(client, D(2024, 7, 1))
    now_without = ClientFactory.create(team=team, caseworker=None, in_service_since=D(2019, 1, 1))
    CaseworkerAssignmentFactory.create(
        client=now_without, caseworker=first, started_on=D(2020, 1, 1), ended_on=D(2025, 1, 1)
    )
    referred(now_without, D(2024, 3, 1))
    table = referrals_per_kind(team_scope(team), year=2024, today=timezone.localdate())

    found = drilldown_clients(
        team_scope(team),
        user=manager,
        today=timezone.localdate(),
        caseworker="none",
        event=Event(referral="any"),
        start=D(2024, 1, 1),
        end=D(2024, 12, 31),
    )

    assert table.value("Zonder vaste contactpersoon", "total") == 1
    assert list(found) == [client]


def test_a_caseworker_cannot_drill_into_a_colleagues_figures(team, handed_over):
    client, first, second = handed_over
    ConversationFactory.create(client=client, caseworker=first, held_on=D(2024, 3, 1))
    mine = team_scope(team, caseworker=second)
    year = {"start": D(2024, 1, 1), "end": D(2024, 12, 31)}

    def behind(**figure):
        found = drilldown_clients(mine, user=second, today=timezone.localdate(), **figure)
        return list(found)

    assert behind(event=Event(referral="any"), **year) == [client]  # October: theirs
    assert behind(caseworker=str(first.pk), event=Event(referral="any"), **year) == []
    assert behind(caseworker="none", event=Event(referral="any"), **year) == []
    assert behind(event=Event(spoken_by=first.pk), **year) == []
