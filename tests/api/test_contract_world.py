"""The rules the schemathesis runs apply to a generated request read the database as it is at
that step, not as the world was made: a scenario may have changed a record a step before."""

import datetime
from typing import Any

import pytest
from django.utils import timezone

from clients.models import Client
from tests.api.contract_world import RULES, make_world

pytestmark = pytest.mark.django_db


def test_a_client_replaced_by_the_worlds_is_read_as_stored_now():
    world = make_world()
    today = timezone.localdate()
    # A step before: PATCH /clients/{id}/ moved the birth (and the day in service) to today.
    Client.objects.filter(pk=world.client.pk).update(date_of_birth=today, in_service_since=today)
    assert world.client.date_of_birth < today  # the world's copy, as made
    body: dict[str, Any] = {
        "client": 0,
        "purchased_on": "2015-10-06",
        "service_type": 0,
        "provider": 0,
    }

    RULES[("POST", "/api/v1/trajectories/")](None, body, world)

    assert body["client"] == world.client.pk
    assert datetime.date.fromisoformat(body["purchased_on"]) == today


@pytest.mark.parametrize(
    "path, body, field",
    [
        (
            "/api/v1/jobs/",
            {"kind": "self_employed", "started_on": "1990-01-01", "placed_by": "self"},
            "started_on",
        ),
        (
            "/api/v1/provisions/",
            {"kind": "job_coach", "applicant": "client", "applied_on": "1990-01-01"},
            "applied_on",
        ),
    ],
)
def test_a_work_date_is_kept_on_or_after_the_clients_birth(path, body, field):
    world = make_world()
    body = {"client": world.client.pk, **body}

    RULES[("POST", path)](None, body, world)

    assert body[field] == world.client.date_of_birth.isoformat()
