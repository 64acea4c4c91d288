"""The referral figures on the dashboard page "Doorverwijzingen": per kind, the phase-1
clients reached, the outcomes; with drill-down, exports and a fixed number of queries."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from reports.catalogue.referrals import phase_1_reached, referral_outcomes, referrals_per_kind
from tests.factories import ClientFactory, PhasePeriodFactory, TeamFactory, UserFactory
from tests.referrals.factories import OrganisationFactory, ReferralFactory
from tests.reports.conftest import all_scope, team_scope

pytestmark = pytest.mark.django_db
D = datetime.date
ON = D(2025, 6, 30)
PAGE = "/dashboard/doorverwijzingen/"


def in_phase_1(team, **kwargs):
    client = ClientFactory.create(team=team, **kwargs)
    PhasePeriodFactory.create(client=client, phase="1", started_on=D(2020, 1, 1))
    return client


def refer(client, on: D, kind="debt_help", status="referred"):
    return ReferralFactory.create(
        client=client,
        organisation=OrganisationFactory.create(kind=kind),
        referred_on=on,
        consent_on=on,
        status=status,
        follow_up_on=on if status in ("referred", "waiting", "in_care") else None,
    )


def cell(table, key, row=0):
    index = [c.key for c in table.columns].index(key)
    return (table.rows[row] if row is not None else table.totals)[index]


def test_referrals_are_counted_per_kind_in_their_year(team, caseworker):
    client = ClientFactory.create(team=team, caseworker=caseworker)
    refer(client, D(2025, 1, 1), "debt_help")
    refer(client, D(2025, 12, 31), "housing")
    refer(client, D(2024, 12, 31), "housing")  # the year before

    table = referrals_per_kind(team_scope(team), year=2025, today=D(2026, 1, 5))

    assert (cell(table, "debt_help").value, cell(table, "housing").value) == (1, 1)
    assert cell(table, "total").value == 2


def test_outcomes_count_the_years_referrals_by_status(team, caseworker):
    client = ClientFactory.create(team=team, caseworker=caseworker)
    refer(client, D(2025, 3, 1), status="finished")
    refer(client, D(2025, 4, 1), status="dropped_out")
    refer(client, D(2025, 5, 1), status="in_care")

    table = referral_outcomes(all_scope(), year=2025, today=D(2026, 1, 5))

    counts = [cell(table, s, None).value for s in ("finished", "dropped_out", "in_care")]
    assert counts == [1, 1, 1]


def test_a_phase_1_client_counts_as_referred_for_a_year_and_a_day_no_longer(team):
    exactly_a_year = in_phase_1(team)
    refer(exactly_a_year, ON - datetime.timedelta(days=364))  # the window's first day
    too_long_ago = in_phase_1(team)
    refer(too_long_ago, ON - datetime.timedelta(days=365))
    later = in_phase_1(team)
    refer(later, ON + datetime.timedelta(days=1))  # after the day
    in_phase_1(team)

    table = phase_1_reached(team_scope(team), on=ON)

    assert (cell(table, "phase_1", None).value, cell(table, "referred", None).value) == (4, 1)
    assert cell(table, "share", None).value == 0.25


def test_a_client_in_phase_2_is_not_counted(team):
    client = ClientFactory.create(team=team)
    PhasePeriodFactory.create(client=client, phase="2", started_on=D(2020, 1, 1))
    refer(client, ON)

    table = phase_1_reached(all_scope(), on=ON)

    assert cell(table, "phase_1", None).value == 0
    assert cell(table, "share", None).value is None


def test_the_reach_opens_the_referred_clients_and_logs_the_read(client, manager, team):
    referred = in_phase_1(team, last_name="Doorverwezen")
    refer(referred, ON)
    in_phase_1(team, last_name="Nietverwezen")
    client.force_login(manager)

    response = client.get(PAGE, {"on": ON.isoformat()})
    reach = next(
        s["table"] for s in response.context["sections"] if s["table"].key == "phase_1_referred"
    )
    referred_cell, all_cell = reach.totals[2], reach.totals[1]

    shown = client.get("/dashboard/clienten/", referred_cell.filters).context["page"]
    everyone = client.get("/dashboard/clienten/", all_cell.filters).context["page"]
    assert [c.pk for c in shown] == [referred.pk]
    assert len(list(everyone)) == 2


def test_a_kind_opens_its_clients(client, manager, team, caseworker):
    housed = ClientFactory.create(team=team, caseworker=caseworker)
    refer(housed, D(2025, 2, 1), "housing")
    refer(ClientFactory.create(team=team, caseworker=caseworker), D(2025, 2, 1), "debt_help")
    client.force_login(manager)

    table = next(
        s["table"]
        for s in client.get(PAGE, {"year": 2025}).context["sections"]
        if s["table"].key == "referrals_per_kind"
    )
    shown = client.get("/dashboard/clienten/", cell(table, "housing", None).filters)
    assert [c.pk for c in shown.context["page"]] == [housed.pk]


@pytest.mark.parametrize("extension", ["csv", "xlsx"])
def test_the_figures_export(client, manager, team, extension):
    refer(ClientFactory.create(team=team), D(2025, 2, 1))
    client.force_login(manager)
    response = client.get(f"/dashboard/referrals_per_kind.{extension}", {"year": 2025})
    assert response.status_code == 200


def test_the_page_costs_the_same_queries_for_more_referrals(client, team):
    auditor = UserFactory.create(username="aud", role="auditor")
    other = TeamFactory.create(name="Team Elders")
    client.force_login(auditor)
    client.get(PAGE, {"on": ON.isoformat()})  # warm the caches
    with CaptureQueriesContext(connection) as few:
        client.get(PAGE, {"on": ON.isoformat()})
    for owner in (team, other) * 3:
        refer(in_phase_1(owner), ON, "social_work", "in_care")
    with CaptureQueriesContext(connection) as many:
        client.get(PAGE, {"on": ON.isoformat()})
    assert len(many.captured_queries) == len(few.captured_queries)
