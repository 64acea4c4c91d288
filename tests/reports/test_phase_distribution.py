"""Table 3.1's method: active clients per phase on each month-end, averaged and rounded."""

import pytest

from common.dates import month_ends, months_back
from reports.catalogue.phase_distribution import phase_distribution, round_half_up
from tests.factories import ClientFactory, PhasePeriodFactory, TeamFactory
from tests.reports.conftest import D, all_scope, team_scope

pytestmark = pytest.mark.django_db


def test_month_ends_include_leap_day_and_stop_at_the_last_day():
    assert month_ends(D(2024, 1, 1), D(2024, 3, 30)) == [D(2024, 1, 31), D(2024, 2, 29)]
    assert month_ends(D(2024, 1, 31), D(2024, 1, 31)) == [D(2024, 1, 31)]


def test_months_back_counts_only_passed_month_ends():
    assert months_back(D(2025, 3, 30), 2) == [D(2025, 1, 31), D(2025, 2, 28)]
    assert months_back(D(2025, 3, 31), 2) == [D(2025, 2, 28), D(2025, 3, 31)]


def test_rounding_is_half_up():
    assert [round_half_up(x) for x in (0.5, 1.5, 2.5, 0.4999)] == [1, 2, 3, 0]


@pytest.fixture
def year_2025(db):
    """Six clients of one team through 2025, and one of another team (see each comment)."""
    team = TeamFactory.create(name="Team Noord")
    old = D(2010, 1, 1)

    a = ClientFactory.create(team=team, in_service_since=old)
    # phase 1 until the month-end 31 March: that day it is already in phase 2 (end exclusive)
    PhasePeriodFactory.create(
        client=a, phase="1", started_on=D(2024, 1, 1), ended_on=D(2025, 3, 31)
    )
    PhasePeriodFactory.create(client=a, phase="2", started_on=D(2025, 3, 31))

    b = ClientFactory.create(team=team, in_service_since=old, out_of_service_on=D(2025, 6, 30))
    PhasePeriodFactory.create(client=b, phase="3", started_on=D(2023, 5, 1))  # leaves 30 June

    c = ClientFactory.create(team=team, in_service_since=D(2025, 7, 15))  # enters mid-July
    PhasePeriodFactory.create(client=c, phase="4", started_on=D(2025, 7, 15))

    d = ClientFactory.create(team=team, in_service_since=old)  # falls back from 2 to 1
    PhasePeriodFactory.create(client=d, phase="2", started_on=D(2024, 1, 1), ended_on=D(2025, 9, 1))
    PhasePeriodFactory.create(client=d, phase="1", started_on=D(2025, 9, 1))

    e = ClientFactory.create(team=team, in_service_since=old, has_work_capacity=False)
    PhasePeriodFactory.create(client=e, phase="2", started_on=D(2024, 1, 1))  # never counted

    ClientFactory.create(team=team, in_service_since=old)  # no phase: not in the table

    other = ClientFactory.create(team=TeamFactory.create(name="Team Zuid"), in_service_since=old)
    PhasePeriodFactory.create(client=other, phase="4", started_on=D(2020, 1, 1))
    return team


def test_a_year_of_month_ends_averaged_and_rounded(year_2025, counted):
    counted()
    result = phase_distribution(team_scope(year_2025), year=2025, today=D(2026, 11, 24))

    assert result["months"] == 12
    # month-end counts: phase 1: A Jan-Feb + D Sep-Dec = 6; phase 2: A Mar-Dec + D Jan-Aug = 18;
    # phase 3: B Jan-May = 5; phase 4: C Jul-Dec = 6
    assert [m["1"] for m in result["monthly"]] == [1, 1, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1]
    assert [m["3"] for m in result["monthly"]] == [1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0]
    assert result["rows"] == [
        {"phase": "1", "average": 1},  # 6 / 12 = 0.5, rounded up
        {"phase": "2", "average": 2},  # 18 / 12 = 1.5
        {"phase": "3", "average": 0},  # 5 / 12
        {"phase": "4", "average": 1},  # 6 / 12 = 0.5
    ]
    assert result["total"] == 3  # 35 / 12 = 2.92: the average of the totals, not 1 + 2 + 0 + 1


def test_all_teams_include_the_other_team(year_2025, counted):
    counted()
    result = phase_distribution(all_scope(), year=2025, today=D(2026, 11, 24))
    assert result["rows"][3] == {"phase": "4", "average": 2}  # 6 + 12 month-ends / 12 = 1.5


def test_the_current_year_counts_month_ends_up_to_today(year_2025, counted):
    counted()
    result = phase_distribution(team_scope(year_2025), year=2025, today=D(2025, 3, 30))
    assert result["month_ends"] == [D(2025, 1, 31), D(2025, 2, 28)]
    assert result["rows"][0] == {"phase": "1", "average": 1}


def test_a_year_without_a_month_end_yet_has_no_averages(year_2025):
    result = phase_distribution(team_scope(year_2025), year=2025, today=D(2025, 1, 15))
    assert (result["months"], result["total"], result["rows"][0]["average"]) == (0, None, None)
