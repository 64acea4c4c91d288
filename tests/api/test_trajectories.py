"""Trajectories over the API: buying one, and changing its status with PATCH."""

import datetime

import pytest
from django.utils import timezone

from interventions.models import Trajectory
from tests.api_client import api_as
from tests.factories import (
    PhasePeriodFactory,
    ProviderFactory,
    ServiceTypeFactory,
    TrajectoryFactory,
)

pytestmark = pytest.mark.django_db
LIST = "/api/v1/trajectories/"
D = datetime.date


@pytest.fixture
def in_phase_2(client_file):
    PhasePeriodFactory.create(client=client_file, phase="2", started_on=D(2024, 1, 1))
    return client_file


@pytest.fixture
def catalogue(db):
    return ServiceTypeFactory.create(code="WF", phases="23"), ProviderFactory.create()


def purchase(client, catalogue, **changes):
    service, provider = catalogue
    return {
        "client": client.pk,
        "service_type": service.pk,
        "provider": provider.pk,
        "purpose": "Werkritme opbouwen",
        "purchased_on": "2026-01-05",
        "started_on": "2026-01-12",
        "cost": "4250.00",
    } | changes


def test_buying_a_trajectory_with_the_contract_fields(caseworker, in_phase_2, catalogue):
    response = api_as(caseworker).post(LIST, purchase(in_phase_2, catalogue), format="json")

    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["status"], body["cost"], body["pauses"]) == ("running", "4250.00", [])
    assert set(body) >= {"repeat_justification", "outcome", "ended_on", "planned_end_on"}


def test_a_repeat_purchase_needs_a_justification(caseworker, in_phase_2, catalogue):
    api = api_as(caseworker)
    assert api.post(LIST, purchase(in_phase_2, catalogue), format="json").status_code == 201
    again = api.post(LIST, purchase(in_phase_2, catalogue), format="json")
    assert again.status_code == 400 and "repeat_justification" in again.json()
    justified = api.post(
        LIST,
        purchase(in_phase_2, catalogue, repeat_justification="Eerste stopte door ziekte"),
        format="json",
    )
    assert justified.status_code == 201


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"cost": "-1.00"}, "cost"),
        ({"cost": "12345678901.00"}, "cost"),
        ({"cost": "veel"}, "cost"),
        ({"purchased_on": "0001-01-01"}, "purchased_on"),
        ({"started_on": "2025-12-31"}, "started_on"),  # before the purchase
        ({"provider": 999999}, "provider"),
        ({"purpose": "x" * 6000}, "purpose"),
    ],
)
def test_bad_purchases_are_refused(caseworker, in_phase_2, catalogue, changes, field):
    response = api_as(caseworker).post(
        LIST, purchase(in_phase_2, catalogue, **changes), format="json"
    )
    assert response.status_code == 400 and field in response.json()
    assert not Trajectory.objects.exists()


def test_a_service_for_another_phase_is_refused(caseworker, in_phase_2):
    retention = (ServiceTypeFactory.create(code="WB", phases="4"), ProviderFactory.create())
    response = api_as(caseworker).post(LIST, purchase(in_phase_2, retention), format="json")
    assert response.status_code == 400 and "service_type" in response.json()


def test_pause_resume_and_complete_with_patch(caseworker, in_phase_2, catalogue):
    trajectory = TrajectoryFactory.create(
        client=in_phase_2,
        service_type=catalogue[0],
        provider=catalogue[1],
        purchased_on=D(2026, 1, 1),
        started_on=D(2026, 1, 5),
    )
    api = api_as(caseworker)
    url = f"{LIST}{trajectory.pk}/"

    paused = api.patch(
        url, {"status": "paused", "on": "2026-02-01", "reason": "Ziek"}, format="json"
    )
    resumed = api.patch(url, {"status": "running", "on": "2026-03-01"}, format="json")
    done = api.patch(
        url, {"status": "completed", "on": "2026-06-01", "outcome": "work_found"}, format="json"
    )

    assert [r.status_code for r in (paused, resumed, done)] == [200, 200, 200]
    body = done.json()
    assert (body["status"], body["outcome"], body["ended_on"]) == (
        "completed",
        "work_found",
        "2026-06-01",
    )
    assert body["pauses"] == [
        {"from_date": "2026-02-01", "to_date": "2026-03-01", "reason": "Ziek"}
    ]


def test_patch_refuses_other_fields_and_impossible_moves(caseworker, in_phase_2, catalogue):
    trajectory = TrajectoryFactory.create(
        client=in_phase_2, service_type=catalogue[0], provider=catalogue[1]
    )
    api = api_as(caseworker)
    url = f"{LIST}{trajectory.pk}/"
    other = api.patch(url, {"purpose": "Iets anders"}, format="json")
    assert other.status_code == 400 and "purpose" in other.json()
    no_outcome = api.patch(
        url, {"status": "completed", "on": timezone.localdate().isoformat()}, format="json"
    )
    assert no_outcome.status_code == 400 and "outcome" in no_outcome.json()
    trajectory.refresh_from_db()
    assert trajectory.status == "running"
