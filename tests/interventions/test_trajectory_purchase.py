"""Buying a trajectory through the service: the catalogue, the dates and repeat purchases."""

import datetime
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from interventions.models import Trajectory
from interventions.services.trajectories import purchase_trajectory
from tests.factories import PhasePeriodFactory, ServiceTypeFactory, TrajectoryFactory

pytestmark = pytest.mark.django_db


def today() -> datetime.date:
    return timezone.localdate()


def days(n: int) -> datetime.timedelta:
    return datetime.timedelta(days=n)


def purchase(client, service_type, provider, by, **overrides: Any) -> Trajectory:
    fields: dict[str, Any] = {
        "client": client,
        "service_type": service_type,
        "provider": provider,
        "purpose": "Werkritme opbouwen",
        "purchased_on": today(),
        "cost": Decimal("4250.00"),
        "by": by,
    }
    fields.update(overrides)
    return purchase_trajectory(**fields)


def test_purchase_starting_today_is_running(client_file, caseworker, work_fit, provider):
    trajectory = purchase(client_file, work_fit, provider, caseworker, started_on=today())

    assert Trajectory.objects.get(pk=trajectory.pk).status == Trajectory.Status.RUNNING


def test_purchase_without_a_start_date_is_requested(client_file, caseworker, work_fit, provider):
    trajectory = purchase(client_file, work_fit, provider, caseworker)

    assert Trajectory.objects.get(pk=trajectory.pk).status == Trajectory.Status.REQUESTED


def test_purchase_starting_tomorrow_is_requested_not_running(
    client_file, caseworker, work_fit, provider
):
    trajectory = purchase(client_file, work_fit, provider, caseworker, started_on=today() + days(1))

    assert Trajectory.objects.get(pk=trajectory.pk).status == Trajectory.Status.REQUESTED


def test_purchase_dated_tomorrow_is_refused(client_file, caseworker, work_fit, provider):
    with pytest.raises(ValidationError) as excinfo:
        purchase(client_file, work_fit, provider, caseworker, purchased_on=today() + days(1))

    assert "purchased_on" in excinfo.value.message_dict


def test_purchase_has_a_history_row_with_the_user(client_file, caseworker, work_fit, provider):
    trajectory = purchase(
        client_file, work_fit, provider, caseworker, change_reason="Na werkplan v2"
    )

    row = trajectory.history.get()
    assert row.history_user == caseworker
    assert row.history_change_reason == "Na werkplan v2"
    assert trajectory.purchased_by == caseworker


def test_repeat_purchase_without_justification_is_refused(
    client_file, caseworker, work_fit, provider
):
    TrajectoryFactory.create(
        client=client_file,
        service_type=work_fit,
        status=Trajectory.Status.COMPLETED,
        ended_on=datetime.date(2024, 9, 1),
        outcome=Trajectory.Outcome.NO_RESULT,
    )

    with pytest.raises(ValidationError) as excinfo:
        purchase(client_file, work_fit, provider, caseworker, repeat_justification="  ")

    assert "repeat_justification" in excinfo.value.message_dict
    assert Trajectory.objects.filter(client=client_file).count() == 1


def test_repeat_purchase_with_justification_is_accepted(
    client_file, caseworker, work_fit, provider
):
    TrajectoryFactory.create(
        client=client_file,
        service_type=work_fit,
        status=Trajectory.Status.COMPLETED,
        ended_on=datetime.date(2024, 9, 1),
        outcome=Trajectory.Outcome.NO_RESULT,
    )

    trajectory = purchase(
        client_file,
        work_fit,
        provider,
        caseworker,
        repeat_justification="Eerste traject afgebroken door opname; nu stabiel.",
    )

    assert Trajectory.objects.get(pk=trajectory.pk).repeat_justification.startswith("Eerste")


def test_earlier_cancelled_purchase_does_not_require_a_justification(
    client_file, caseworker, work_fit, provider
):
    TrajectoryFactory.create(
        client=client_file,
        service_type=work_fit,
        started_on=None,
        status=Trajectory.Status.CANCELLED,
        ended_on=datetime.date(2024, 3, 5),
    )

    trajectory = purchase(client_file, work_fit, provider, caseworker)

    assert Trajectory.objects.filter(pk=trajectory.pk).exists()


def test_purchase_of_a_different_service_type_does_not_require_a_justification(
    client_file, caseworker, work_fit, provider
):
    TrajectoryFactory.create(
        client=client_file, service_type=ServiceTypeFactory.create(code="JC001")
    )

    trajectory = purchase(client_file, work_fit, provider, caseworker)

    assert Trajectory.objects.filter(pk=trajectory.pk).exists()


def test_purchase_of_a_service_not_for_the_clients_current_phase_is_refused(
    client_file, caseworker, work_fit, provider
):
    PhasePeriodFactory.create(client=client_file, phase="4", started_on=datetime.date(2020, 1, 1))

    with pytest.raises(ValidationError) as excinfo:
        purchase(client_file, work_fit, provider, caseworker)

    assert "service_type" in excinfo.value.message_dict
    assert not Trajectory.objects.exists()


def test_purchase_of_an_inactive_service_for_another_phase_reports_both_problems(
    client_file, caseworker, work_fit, provider
):
    PhasePeriodFactory.create(client=client_file, phase="4", started_on=datetime.date(2020, 1, 1))
    work_fit.active = False
    work_fit.save()

    with pytest.raises(ValidationError) as excinfo:
        purchase(client_file, work_fit, provider, caseworker)

    assert len(excinfo.value.message_dict["service_type"]) == 2


def test_purchase_of_a_service_for_the_clients_current_phase_is_accepted(
    client_file, caseworker, work_fit, provider, in_phase_2
):
    trajectory = purchase(client_file, work_fit, provider, caseworker)

    assert Trajectory.objects.filter(pk=trajectory.pk).exists()


def test_purchase_with_planned_end_before_the_start_is_refused(
    client_file, caseworker, work_fit, provider
):
    start = datetime.date(2024, 3, 15)

    with pytest.raises(ValidationError) as excinfo:
        purchase(
            client_file,
            work_fit,
            provider,
            caseworker,
            purchased_on=datetime.date(2024, 3, 1),
            started_on=start,
            planned_end_on=start - days(1),
        )

    assert "planned_end_on" in excinfo.value.message_dict


def test_purchase_with_planned_end_on_the_start_day_is_accepted(
    client_file, caseworker, work_fit, provider
):
    start = datetime.date(2024, 3, 15)

    trajectory = purchase(
        client_file,
        work_fit,
        provider,
        caseworker,
        purchased_on=datetime.date(2024, 3, 1),
        started_on=start,
        planned_end_on=start,
    )

    assert Trajectory.objects.get(pk=trajectory.pk).planned_end_on == start


@pytest.mark.parametrize("cost", ["0.10", "4250.35", "99999999.99"])
def test_trajectory_cost_is_stored_as_an_exact_decimal(
    client_file, caseworker, work_fit, provider, cost
):
    trajectory = purchase(client_file, work_fit, provider, caseworker, cost=Decimal(cost))

    stored = Trajectory.objects.get(pk=trajectory.pk).cost
    assert isinstance(stored, Decimal)
    assert stored == Decimal(cost)


def test_trajectory_cost_in_fractions_of_a_cent_is_refused(
    client_file, caseworker, work_fit, provider
):
    with pytest.raises(ValidationError) as excinfo:
        purchase(client_file, work_fit, provider, caseworker, cost=Decimal("10.005"))

    assert "cost" in excinfo.value.message_dict


def test_trajectory_with_negative_cost_is_refused(client_file, caseworker, work_fit, provider):
    with pytest.raises(ValidationError) as excinfo:
        purchase(client_file, work_fit, provider, caseworker, cost=Decimal("-1.00"))

    assert "cost" in excinfo.value.message_dict
