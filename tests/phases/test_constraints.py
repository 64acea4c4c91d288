"""Invariants of phase periods that the database itself holds, whatever code writes the rows.

Rows are written directly (factories, ``save``, ``update``), bypassing services and
``full_clean``. Phase periods are half-open ``[started_on, ended_on)``; the no-overlap rule is
an exclusion constraint on PostgreSQL and a trigger on SQLite, and both must behave the same.
Each refused write runs in its own ``transaction.atomic()`` block.
"""

import datetime

import pytest
from django.db import IntegrityError, transaction

from phases.models import PhasePeriod
from tests.factories import PhasePeriodFactory

pytestmark = pytest.mark.django_db

JAN_1 = datetime.date(2020, 1, 1)
MAR_1 = datetime.date(2020, 3, 1)
JUN_1 = datetime.date(2020, 6, 1)
SEP_1 = datetime.date(2020, 9, 1)


# Phase periods ---------------------------------------------------------------------------


def test_second_open_phase_period_for_a_client_is_refused_by_the_database(client_file):
    PhasePeriodFactory.create(client=client_file, phase="1", started_on=JAN_1)

    with pytest.raises(IntegrityError), transaction.atomic():
        PhasePeriodFactory.create(client=client_file, phase="2", started_on=JUN_1)

    assert client_file.phase_periods.filter(ended_on__isnull=True).count() == 1


def test_closed_phase_period_overlapping_another_closed_one_is_refused_by_the_database(
    client_file,
):
    PhasePeriodFactory.create(client=client_file, phase="1", started_on=JAN_1, ended_on=JUN_1)

    with pytest.raises(IntegrityError), transaction.atomic():
        PhasePeriodFactory.create(client=client_file, phase="2", started_on=MAR_1, ended_on=SEP_1)

    assert client_file.phase_periods.count() == 1


def test_closed_phase_period_inside_another_closed_one_is_refused_by_the_database(client_file):
    PhasePeriodFactory.create(client=client_file, phase="1", started_on=JAN_1, ended_on=SEP_1)

    with pytest.raises(IntegrityError), transaction.atomic():
        PhasePeriodFactory.create(client=client_file, phase="2", started_on=MAR_1, ended_on=JUN_1)


def test_open_phase_period_starting_inside_a_closed_one_is_refused_by_the_database(client_file):
    PhasePeriodFactory.create(client=client_file, phase="1", started_on=JAN_1, ended_on=JUN_1)

    with pytest.raises(IntegrityError), transaction.atomic():
        PhasePeriodFactory.create(client=client_file, phase="2", started_on=MAR_1)


def test_open_phase_period_starting_on_the_last_day_of_a_closed_one_is_refused(client_file):
    """The end is exclusive: a period ending on 1 June includes 31 May."""
    PhasePeriodFactory.create(client=client_file, phase="1", started_on=JAN_1, ended_on=JUN_1)

    with pytest.raises(IntegrityError), transaction.atomic():
        PhasePeriodFactory.create(
            client=client_file, phase="2", started_on=JUN_1 - datetime.timedelta(days=1)
        )


def test_phase_period_starting_on_the_exclusive_end_of_the_previous_one_is_accepted(
    client_file,
):
    PhasePeriodFactory.create(client=client_file, phase="1", started_on=JAN_1, ended_on=JUN_1)
    PhasePeriodFactory.create(client=client_file, phase="2", started_on=JUN_1)

    assert client_file.phase_periods.count() == 2


def test_extending_a_closed_phase_period_into_the_next_one_is_refused_by_the_database(
    client_file,
):
    first = PhasePeriodFactory.create(
        client=client_file, phase="1", started_on=JAN_1, ended_on=JUN_1
    )
    PhasePeriodFactory.create(client=client_file, phase="2", started_on=JUN_1, ended_on=SEP_1)

    first.ended_on = JUN_1 + datetime.timedelta(days=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        first.save()

    first.refresh_from_db()
    assert first.ended_on == JUN_1


def test_reopening_a_closed_phase_period_before_an_open_one_is_refused_by_the_database(
    client_file,
):
    first = PhasePeriodFactory.create(
        client=client_file, phase="1", started_on=JAN_1, ended_on=JUN_1
    )
    PhasePeriodFactory.create(client=client_file, phase="2", started_on=JUN_1)

    with pytest.raises(IntegrityError), transaction.atomic():
        PhasePeriod.objects.filter(pk=first.pk).update(ended_on=None)


def test_moving_a_phase_period_start_back_into_the_previous_one_is_refused_by_the_database(
    client_file,
):
    PhasePeriodFactory.create(client=client_file, phase="1", started_on=JAN_1, ended_on=JUN_1)
    second = PhasePeriodFactory.create(client=client_file, phase="2", started_on=JUN_1)

    with pytest.raises(IntegrityError), transaction.atomic():
        PhasePeriod.objects.filter(pk=second.pk).update(started_on=MAR_1)


def test_same_day_empty_phase_period_next_to_its_successor_is_accepted(client_file):
    """A same-day correction leaves [D, D): empty, so it overlaps nothing."""
    PhasePeriodFactory.create(client=client_file, phase="1", started_on=JAN_1, ended_on=JUN_1)
    PhasePeriodFactory.create(client=client_file, phase="2", started_on=JUN_1, ended_on=JUN_1)
    PhasePeriodFactory.create(client=client_file, phase="3", started_on=JUN_1)

    assert client_file.phase_periods.count() == 3


def test_same_day_empty_phase_period_inside_another_period_is_accepted(client_file):
    PhasePeriodFactory.create(client=client_file, phase="1", started_on=JAN_1, ended_on=SEP_1)
    PhasePeriodFactory.create(client=client_file, phase="2", started_on=JUN_1, ended_on=JUN_1)

    assert client_file.phase_periods.count() == 2


def test_phase_periods_of_different_clients_may_overlap(client_file, team):
    other = PhasePeriodFactory.create(client__team=team, phase="1", started_on=JAN_1)
    PhasePeriodFactory.create(client=client_file, phase="1", started_on=JAN_1)

    assert other.client_id != client_file.pk
    assert PhasePeriod.objects.filter(started_on=JAN_1, ended_on__isnull=True).count() == 2


def test_phase_period_ending_before_it_starts_is_refused_by_the_database(client_file):
    with pytest.raises(IntegrityError), transaction.atomic():
        PhasePeriodFactory.create(client=client_file, started_on=JUN_1, ended_on=MAR_1)
