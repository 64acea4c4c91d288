"""The contact norm on the dashboard: who was spoken in the year up to a day, per caseworker."""

import pytest

from interventions.models import ContactExemption
from reports.catalogue.contact_norm import contact_norm
from reports.catalogue.contact_norm_trend import contact_norm_trend
from reports.drilldown import drilldown_clients
from tests.factories import CaseworkerFactory, ClientFactory, ConversationFactory, TeamFactory
from tests.reports.conftest import D, team_scope

pytestmark = pytest.mark.django_db

ON = D(2025, 6, 30)  # the window runs from 30 June 2024 up to and including this day
OLD = D(2010, 1, 1)


@pytest.fixture
def norm_team(db):
    team = TeamFactory.create(name="Team Oost")
    first = CaseworkerFactory.create(username="cw.een", last_name="Aalders", team=team)
    second = CaseworkerFactory.create(username="cw.twee", last_name="Bakker", team=team)

    def client(name, caseworker, since=OLD, **contact):
        made = ClientFactory.create(
            team=team, caseworker=caseworker, in_service_since=since, last_name=name
        )
        if contact:
            ConversationFactory.create(client=made, caseworker=caseworker or first, **contact)
        return made

    clients = {
        # in service exactly one window: counted; spoken on the window's first day
        "p1": client("P1", first, since=D(2024, 6, 30), held_on=D(2024, 6, 30)),
        "p2": client("P2", first, since=D(2024, 7, 1)),  # in service too short: not counted
        "p3": client("P3", first, held_on=D(2024, 6, 29)),  # a day before the window
        "p4": client("P4", first, held_on=ON, channel="written"),  # writing is no contact
        "p5": client("P5", second, held_on=D(2025, 1, 10), channel="phone", with_client=False),
        "p6": client("P6", second),  # exempt on ON: not counted
        "p7": client("P7", second, held_on=D(2025, 5, 1)),
        "p8": client("P8", None, held_on=D(2025, 6, 1), status="planned"),
    }
    ContactExemption.objects.create(
        client=clients["p6"], reason="medical", valid_from=ON, valid_until=D(2025, 12, 31)
    )
    ClientFactory.create(team=TeamFactory.create(name="Team West"), in_service_since=OLD)
    return team, first, second, clients


def test_population_and_spoken_per_caseworker(norm_team):
    team, first, second, _ = norm_team
    table = contact_norm(team_scope(team), on=ON)

    assert table.value(str(first), "population") == 3  # P1, P3, P4
    assert table.value(str(first), "spoken") == 1  # P1
    assert table.value(str(second), "population") == 2  # P5, P7 (P6 exempt)
    assert table.value(str(second), "spoken") == 1  # P7
    assert table.value("Zonder vaste contactpersoon", "population") == 1  # P8
    assert table.value("Zonder vaste contactpersoon", "spoken") == 0  # planned is not held
    totals = [cell.value for cell in table.totals or []]
    assert totals[1:4] == [6, 2, 4]
    assert totals[4] == pytest.approx(2 / 6)


def test_the_figures_drill_down_to_exactly_those_clients(norm_team):
    team, *_ = norm_team
    table = contact_norm(team_scope(team), on=ON)
    not_spoken = table.rows[0][3]  # the first caseworker's "not spoken" figure
    filters = dict(not_spoken.filters or {})

    found = drilldown_clients(
        team_scope(team),
        user=_auditor(),
        today=D(2026, 11, 24),
        caseworker=filters["caseworker"],
        norm=filters["norm"],
        on=D.fromisoformat(filters["on"]),
    )

    assert sorted(c.last_name for c in found) == ["P3", "P4"]
    assert not_spoken.value == 2


def test_one_caseworker_sees_only_their_own_row(norm_team):
    team, first, _, _ = norm_team
    table = contact_norm(team_scope(team, caseworker=first), on=ON)
    assert [row[0].value for row in table.rows] == [str(first)]


def test_the_trend_gives_each_month_end(norm_team, counted):
    team, *_ = norm_team
    counted()
    table = contact_norm_trend(team_scope(team), on=D(2025, 7, 15), months=2)

    assert table.column("month") == ["mei 2025", "jun 2025"]  # one Dutch month heading
    # 31 May: P1 not yet a year in service, P6 not yet exempt; P3 and P7 spoken
    assert table.column("population") == [6, 6]
    assert table.column("spoken") == [2, 2]
    assert table.rows[1][1].filters == {
        "team": str(team.pk),
        "on": "2025-06-30",
        "norm": "population",
    }


def _auditor():
    from tests.factories import UserFactory

    return UserFactory.create(username="audit.norm", role="auditor")
