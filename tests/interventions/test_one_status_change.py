"""The screen and the API change a trajectory's status through the one service function, so a
rule changed there holds on both routes."""

import datetime
from unittest import mock

import pytest

from interventions.models import Trajectory
from interventions.services import trajectories
from tests.api_client import api_as
from tests.factories import TrajectoryFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def running(client_file, work_fit, provider):
    return TrajectoryFactory.create(
        client=client_file,
        service_type=work_fit,
        provider=provider,
        purchased_on=datetime.date(2026, 1, 1),
        started_on=datetime.date(2026, 1, 5),
        status=Trajectory.Status.RUNNING,
    )


def spy(module: str):
    return mock.patch(
        f"{module}.change_trajectory_status", wraps=trajectories.change_trajectory_status
    )


def test_the_screen_pauses_through_change_trajectory_status(client, caseworker, running):
    client.force_login(caseworker)
    with spy("casework.views.trajectories") as change:
        client.post(
            f"/clienten/{running.client_id}/trajecten/{running.pk}/pause/",
            {
                f"pause-{running.pk}-from_date": "2026-02-01",
                f"pause-{running.pk}-reason": "Ziek",
                f"pause-{running.pk}-seen_status": "running",
            },
        )

    change.assert_called_once()
    assert change.call_args.kwargs["action"] == trajectories.TrajectoryAction.PAUSE
    assert Trajectory.objects.get().status == Trajectory.Status.PAUSED


def test_the_api_pauses_through_change_trajectory_status(caseworker, running):
    with spy("interventions.api.views") as change:
        response = api_as(caseworker).patch(
            f"/api/v1/trajectories/{running.pk}/",
            {"status": "paused", "on": "2026-02-01", "reason": "Ziek"},
            format="json",
        )

    assert response.status_code == 200, response.json()
    change.assert_called_once()
    assert change.call_args.kwargs["action"] == trajectories.TrajectoryAction.PAUSE
    assert Trajectory.objects.get().status == Trajectory.Status.PAUSED


def test_a_refusal_of_the_service_reads_the_same_on_both_routes(client, caseworker, running):
    """Completing without an outcome: the service's one message, on the page and in the API."""
    message = "Geef het resultaat van het traject."
    client.force_login(caseworker)
    page = client.post(
        f"/clienten/{running.client_id}/trajecten/{running.pk}/close/",
        {
            f"close-{running.pk}-status": "completed",
            f"close-{running.pk}-ended_on": "2026-06-01",
            f"close-{running.pk}-outcome": "",
            f"close-{running.pk}-seen_status": "running",
        },
    )
    api = api_as(caseworker).patch(
        f"/api/v1/trajectories/{running.pk}/",
        {"status": "completed", "on": "2026-06-01"},
        format="json",
    )

    assert message in page.content.decode()
    assert api.status_code == 400 and api.json()["outcome"] == [message]
    assert Trajectory.objects.get().status == Trajectory.Status.RUNNING
