"""seed_demo's participation ladder: near the study's figures 5.7 and 5.8, consistent with work,
with history; within tolerances a 1,000-client seed can hold."""

import datetime

import pytest
from django.db.models import Exists, OuterRef

from clients.models import Client
from participation.figures import (
    empty_distribution,
    empty_movement,
    movement_counts,
    rung_counts,
    summed,
    with_rung_on,
)
from participation.models import RungAssessment
from tests.demo.test_seed_work import AS_OF, seed
from work.models import Job

THREE_YEARS_AGO = AS_OF - datetime.timedelta(days=3 * 365)


@pytest.fixture(autouse=True)
def debug_on(settings):
    settings.DEBUG = True


@pytest.fixture
def seeded(db):
    seed(1000, seed=3)


def unknown_share(day: datetime.date) -> float:
    counts = summed(rung_counts(Client.objects.all(), day), empty_distribution())
    return counts["unknown"] / counts["active"]


def test_a_quarter_has_no_rung_when_the_registration_starts_and_most_have_one_later(seeded):
    assert 0.17 <= unknown_share(THREE_YEARS_AGO) <= 0.33
    assert unknown_share(AS_OF - datetime.timedelta(days=365)) <= 0.08


def test_over_three_years_most_stay_and_more_move_up_than_down(seeded):
    moved = summed(movement_counts(Client.objects.all(), THREE_YEARS_AGO, AS_OF), empty_movement())
    share = {key: moved[key] / moved["counted"] for key in ("up", "same", "down")}
    assert 0.48 <= share["same"] <= 0.62, share  # the study: 54 %
    assert 0.16 <= share["up"] <= 0.27, share  # 21 %
    assert 0.12 <= share["down"] <= 0.23, share  # 17 %


def test_clients_with_a_job_today_are_mostly_on_rung_5_or_6(seeded):
    working = Job.objects.running_on(AS_OF).filter(client=OuterRef("pk"))
    rungs = with_rung_on(Client.objects.filter(Exists(working)), AS_OF)
    on_five_or_six = rungs.filter(rung_then__gte=5).count() / rungs.count()
    assert on_five_or_six >= 0.8, on_five_or_six


def test_every_rung_has_a_history_row_with_user_and_reason(seeded):
    history = RungAssessment.history.filter(history_type="+")
    assert history.count() == RungAssessment.objects.count() > 0
    assert not history.filter(history_user__isnull=True).exists()
    assert not history.exclude(history_change_reason__startswith="Demodata").exists()
