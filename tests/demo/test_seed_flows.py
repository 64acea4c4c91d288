"""seed_demo's past years read back through the reports: every one of the last five years has
about the placements, renewals, retention and phase mix the country has (DOMAIN.md "Work",
table 3.1), not only today. Bounds hold for a 3,000-client seed; at 11,000 the figures lie
within about 10 % of their targets (`demo_figures`)."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from demo.figures import (
    PLACEMENTS,
    RENEWALS,
    RETENTION,
    TABLE_3_1,
    YearFigures,
    table_mix,
    year_figures,
)

AS_OF = datetime.date(2026, 11, 2)
YEARS = range(AS_OF.year - 5, AS_OF.year)
pytestmark = pytest.mark.django_db  # the module fixture needs the test database set up


@pytest.fixture(scope="module")
def figures(django_db_setup, django_db_blocker) -> list[YearFigures]:
    """One 3,000-client seed for the module, read back and rolled back."""
    with django_db_blocker.unblock(), override_settings(DEBUG=True), transaction.atomic():
        call_command("seed_demo", clients=3000, seed=1, as_of=AS_OF, stdout=io.StringIO())
        found = [year_figures(year, AS_OF) for year in YEARS]
        transaction.set_rollback(True)
    return found


def test_placements_every_past_year_are_near_7000_at_110000_clients(figures):
    for year in figures:
        assert 0.78 * PLACEMENTS <= year.placements <= 1.22 * PLACEMENTS, year


def test_renewals_every_past_year_are_near_8500_at_110000_clients(figures):
    for year in figures:
        assert 0.78 * RENEWALS <= year.renewals <= 1.22 * RENEWALS, year


def test_retention_a_year_after_placement_is_near_39_23_38_over_the_years(figures):
    placed = sum(year.retained_placements for year in figures)
    for status, target in RETENTION.items():
        kept = sum(year.retention[status] * year.retained_placements for year in figures)
        assert abs(kept / placed - target) <= 0.05, (status, kept / placed)


def test_every_past_years_phase_mix_is_within_three_points_of_table_3_1(figures):
    for year in figures:
        for phase, share in table_mix(year.year).items():
            assert abs(year.phase_mix[phase] - share) <= 0.03, (year.year, phase, year.phase_mix)


def test_table_3_1_is_taken_for_the_nearest_year_it_gives():
    assert table_mix(2025) == table_mix(2021)
    assert table_mix(2010) == table_mix(2015)
    assert table_mix(2018)["2"] == TABLE_3_1[2018]["2"] / sum(TABLE_3_1[2018].values())
