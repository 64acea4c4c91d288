"""Invariants of work plans and trajectories that the database itself holds.

Rows are written directly (factories, ``save``, ``update``), bypassing services and
``full_clean``; each refused write runs in its own ``transaction.atomic()`` block.
"""

import datetime
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from interventions.models import Trajectory, TrajectoryPause, WorkPlan
from tests.factories import TrajectoryFactory, TrajectoryPauseFactory, WorkPlanFactory

pytestmark = pytest.mark.django_db

JAN_1 = datetime.date(2020, 1, 1)


# Work plans ------------------------------------------------------------------------------


def test_second_current_work_plan_for_a_client_is_refused_by_the_database(client_file):
    WorkPlanFactory.create(
        client=client_file, version=1, status=WorkPlan.Status.AGREED, agreed_on=JAN_1
    )

    with pytest.raises(IntegrityError), transaction.atomic():
        WorkPlanFactory.create(client=client_file, version=2, status=WorkPlan.Status.DRAFT)

    assert WorkPlan.objects.filter(client=client_file).count() == 1


def test_superseded_work_plans_next_to_a_current_one_are_accepted(client_file):
    WorkPlanFactory.create(client=client_file, version=1, status=WorkPlan.Status.SUPERSEDED)
    WorkPlanFactory.create(client=client_file, version=2, status=WorkPlan.Status.SUPERSEDED)
    WorkPlanFactory.create(client=client_file, version=3, status=WorkPlan.Status.DRAFT)

    assert WorkPlan.objects.filter(client=client_file).count() == 3


def test_agreed_work_plan_without_an_agreement_date_is_refused_by_the_database(client_file):
    with pytest.raises(IntegrityError), transaction.atomic():
        WorkPlanFactory.create(client=client_file, status=WorkPlan.Status.AGREED, agreed_on=None)


# Trajectories ----------------------------------------------------------------------------


def test_second_open_pause_of_a_trajectory_is_refused_by_the_database(client_file):
    trajectory = TrajectoryFactory.create(client=client_file, status=Trajectory.Status.PAUSED)
    TrajectoryPauseFactory.create(trajectory=trajectory, from_date=datetime.date(2024, 4, 1))

    with pytest.raises(IntegrityError), transaction.atomic():
        TrajectoryPauseFactory.create(trajectory=trajectory, from_date=datetime.date(2024, 5, 1))

    assert TrajectoryPause.objects.filter(trajectory=trajectory).count() == 1


def test_ended_pause_and_an_open_pause_of_a_trajectory_are_accepted(client_file):
    trajectory = TrajectoryFactory.create(client=client_file, status=Trajectory.Status.PAUSED)
    TrajectoryPauseFactory.create(
        trajectory=trajectory,
        from_date=datetime.date(2024, 4, 1),
        to_date=datetime.date(2024, 4, 15),
    )
    TrajectoryPauseFactory.create(trajectory=trajectory, from_date=datetime.date(2024, 5, 1))

    assert trajectory.pauses.count() == 2


def test_negative_trajectory_cost_is_refused_by_the_database(client_file):
    with pytest.raises(IntegrityError), transaction.atomic():
        TrajectoryFactory.create(client=client_file, cost=Decimal("-0.01"))

    assert not Trajectory.objects.filter(client=client_file).exists()


def test_trajectory_at_no_cost_is_accepted_by_the_database(client_file):
    trajectory = TrajectoryFactory.create(client=client_file, cost=Decimal("0.00"))

    trajectory.refresh_from_db()
    assert trajectory.cost == Decimal("0.00")
