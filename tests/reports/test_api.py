"""GET /api/v1/reports/phase-distribution/: its fields, its scope and its refusals."""

import pytest
from django.utils import timezone

from tests.factories import ClientFactory, PhasePeriodFactory, TeamFactory, UserFactory
from tests.reports.conftest import D

pytestmark = pytest.mark.django_db
URL = "/api/v1/reports/phase-distribution/"


@pytest.fixture
def two_teams(team):
    for phase, owner in (("1", team), ("1", team), ("4", TeamFactory.create(name="Team Elders"))):
        client = ClientFactory.create(team=owner, in_service_since=D(2015, 1, 1))
        PhasePeriodFactory.create(client=client, phase=phase, started_on=D(2020, 1, 1))
    return team


def test_the_contract_shape(client, manager, two_teams):
    client.force_login(manager)

    body = client.get(URL, {"year": 2025}).json()

    assert set(body) >= {"year", "months", "rows", "total"}
    assert body["year"] == 2025 and body["months"] == 12
    assert body["rows"] == [
        {"phase": "1", "average": 2},
        {"phase": "2", "average": 0},
        {"phase": "3", "average": 0},
        {"phase": "4", "average": 0},  # the other team's client is not the manager's
    ]
    assert body["total"] == 2


def test_an_auditor_gets_every_team_or_one(client, two_teams):
    client.force_login(UserFactory.create(username="audit", role="auditor"))
    assert client.get(URL, {"year": 2025}).json()["total"] == 3
    assert client.get(URL, {"year": 2025, "team": two_teams.pk}).json()["total"] == 2


def test_another_teams_figures_are_not_found(client, manager, two_teams):
    other = TeamFactory.create(name="Team Ver")
    client.force_login(manager)
    assert client.get(URL, {"year": 2025, "team": other.pk}).status_code == 404


@pytest.mark.parametrize("year", ["", "twintig", "2014", str(timezone.localdate().year + 1)])
def test_a_missing_or_impossible_year_is_a_400_per_field(client, manager, year):
    client.force_login(manager)
    response = client.get(URL, {"year": year})
    assert response.status_code == 400
    assert list(response.json()) == ["year"]


def test_anonymous_gets_401(client):
    assert client.get(URL, {"year": 2025}).status_code == 401
