"""Norms are data: the default norms are seeded, and versions apply from their date."""

import datetime

import pytest

from norms.models import NormVersion
from norms.selectors import NoNormInForce, norm_in_force

pytestmark = pytest.mark.django_db

CONTACT_NORM_START = datetime.date(2018, 1, 1)  # "Since 2018 UWV aims to speak every Wajonger"
NEWER = datetime.date(2025, 7, 1)


@pytest.fixture
def newer_norm(db):
    return NormVersion.objects.create(
        effective_from=NEWER,
        contact_window_months=12,
        stalled_phase_1_months=18,
        stalled_phase_2_months=9,
        stalled_phase_3_months=6,
        note="Strengere stagnatienormen",
    )


def test_default_norm_version_is_seeded_from_the_start_of_the_contact_norm():
    norm = NormVersion.objects.get()

    assert norm.effective_from == CONTACT_NORM_START


def test_default_norm_asks_for_contact_at_least_once_a_year():
    assert NormVersion.objects.get(effective_from=CONTACT_NORM_START).contact_window_months == 12


def test_default_norm_has_the_stalled_phase_thresholds_of_the_domain():
    norm = NormVersion.objects.get(effective_from=CONTACT_NORM_START)

    assert (
        norm.stalled_phase_1_months,
        norm.stalled_phase_2_months,
        norm.stalled_phase_3_months,
    ) == (24, 12, 12)


def test_default_norm_version_has_a_history_row():
    norm = NormVersion.objects.get(effective_from=CONTACT_NORM_START)

    assert norm.history.filter(history_type="+").exists()


def test_norm_in_force_on_its_effective_date_is_the_default():
    assert norm_in_force(CONTACT_NORM_START).effective_from == CONTACT_NORM_START


def test_no_norm_is_in_force_before_the_first_version():
    with pytest.raises(NoNormInForce):
        norm_in_force(CONTACT_NORM_START - datetime.timedelta(days=1))


def test_norm_in_force_the_day_before_a_newer_version_is_the_older_one(newer_norm):
    norm = norm_in_force(NEWER - datetime.timedelta(days=1))

    assert norm.effective_from == CONTACT_NORM_START


def test_norm_in_force_on_the_effective_date_of_a_newer_version_is_the_newer_one(newer_norm):
    assert norm_in_force(NEWER) == newer_norm


def test_norm_in_force_long_after_the_newest_version_is_the_newest(newer_norm):
    assert norm_in_force(datetime.date(2030, 1, 1)) == newer_norm


def test_norm_in_force_does_not_depend_on_the_order_versions_were_entered(newer_norm):
    middle = NormVersion.objects.create(effective_from=datetime.date(2021, 1, 1))

    assert norm_in_force(datetime.date(2023, 6, 30)) == middle
    assert norm_in_force(NEWER) == newer_norm


@pytest.mark.parametrize(
    ("phase", "field"),
    [
        ("1", "stalled_phase_1_months"),
        ("2", "stalled_phase_2_months"),
        ("3", "stalled_phase_3_months"),
    ],
)
def test_stalled_after_months_reads_the_threshold_of_that_phase(newer_norm, phase, field):
    assert newer_norm.stalled_after_months(phase) == getattr(newer_norm, field)


def test_phase_4_never_stalls():
    norm = NormVersion.objects.get(effective_from=CONTACT_NORM_START)

    assert norm.stalled_after_months("4") is None


def test_default_norm_has_the_work_signal_thresholds_of_the_domain():
    norm = NormVersion.objects.get(effective_from=CONTACT_NORM_START)

    assert (
        norm.contract_ending_days,
        norm.job_ended_after_days,
        norm.job_ended_within_days,
    ) == (56, 14, 365)
