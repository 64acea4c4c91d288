"""Services keep their own transaction: a task or command has no request wrapped around it, so
a failure half-way must leave nothing behind."""

import datetime
from decimal import Decimal
from unittest import mock

import pytest

from common.history import save_with_history
from interventions.models import Trajectory
from interventions.services.trajectories import purchase_trajectory
from phases.models import PhaseExemption
from phases.services import record_phase_exemption
from tests.factories import ProviderFactory, ServiceTypeFactory

pytestmark = pytest.mark.django_db


def failing_after(*args, **kwargs):
    """Stores the row as usual, then fails, as a later step of the write would."""
    save_with_history(*args, **kwargs)
    raise RuntimeError("a later step failed")


def test_a_purchase_that_fails_half_way_stores_nothing(client_file, caseworker):
    with (
        mock.patch("interventions.services.trajectories.save_with_history", failing_after),
        pytest.raises(RuntimeError),
    ):
        purchase_trajectory(
            client=client_file,
            service_type=ServiceTypeFactory.create(phases="1234"),
            provider=ProviderFactory.create(),
            purpose="Werkfit",
            purchased_on=datetime.date(2026, 1, 5),
            cost=Decimal("1000.00"),
            by=caseworker,
        )

    assert not Trajectory.objects.exists()
    assert not Trajectory.history.exists()


def test_a_phase_exemption_that_fails_half_way_stores_nothing(client_file, caseworker):
    with (
        mock.patch("phases.services.save_with_history", failing_after),
        pytest.raises(RuntimeError),
    ):
        record_phase_exemption(
            client=client_file,
            phase="2",
            reason=PhaseExemption.Reason.MEDICAL,
            valid_from=datetime.date(2026, 1, 1),
            review_on=datetime.date(2026, 6, 30),
            by=caseworker,
        )

    assert not PhaseExemption.objects.exists()
