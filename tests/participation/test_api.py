"""/api/v1/clients/{id}/ladder/: a client's rungs, oldest first, and recording one."""

import datetime

import pytest
from django.utils import timezone

from participation.models import RungAssessment
from tests.api_client import api_as
from tests.factories import ClientFactory, RungAssessmentFactory, TeamFactory, UserFactory

pytestmark = pytest.mark.django_db
D = datetime.date


def ladder(client) -> str:
    return f"/api/v1/clients/{client.pk}/ladder/"


def test_the_ladder_lists_oldest_first(caseworker, client_file):
    RungAssessmentFactory.create(client=client_file, rung=4, assessed_on=D(2024, 6, 1))
    RungAssessmentFactory.create(client=client_file, rung=2, assessed_on=D(2023, 6, 1))

    body = api_as(caseworker).get(ladder(client_file)).json()

    assert [(r["rung"], r["assessed_on"]) for r in body["results"]] == [
        (2, "2023-06-01"),
        (4, "2024-06-01"),
    ]


def test_posting_records_a_rung_assessed_by_the_requesting_user(caseworker, client_file):
    response = api_as(caseworker).post(
        ladder(client_file),
        {"rung": 5, "assessed_on": "2024-03-01", "note": "Jobcoach", "assessed_by": 999},
        format="json",
        HTTP_X_CHANGE_REASON="Uit het gesprek",
    )

    assert response.status_code == 400  # assessed_by is read-only: a strict body refuses it
    response = api_as(caseworker).post(
        ladder(client_file),
        {"rung": 5, "assessed_on": "2024-03-01", "note": "Jobcoach"},
        format="json",
        HTTP_X_CHANGE_REASON="Uit het gesprek",
    )

    assert response.status_code == 201, response.json()
    assert response.json()["assessed_by"] == caseworker.pk
    found = RungAssessment.objects.get()
    assert (found.client, found.rung, found.history.get().history_change_reason) == (
        client_file,
        5,
        "Uit het gesprek",
    )


def test_a_rung_in_the_future_is_refused_on_its_field(caseworker, client_file):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)

    response = api_as(caseworker).post(
        ladder(client_file), {"rung": 3, "assessed_on": tomorrow.isoformat()}, format="json"
    )

    assert response.status_code == 400 and "assessed_on" in response.json()
    assert not RungAssessment.objects.exists()


@pytest.mark.parametrize("rung", [0, 7, "x"])
def test_an_unknown_rung_is_refused_on_its_field(caseworker, client_file, rung):
    response = api_as(caseworker).post(
        ladder(client_file), {"rung": rung, "assessed_on": "2024-03-01"}, format="json"
    )

    assert response.status_code == 400 and "rung" in response.json()


def test_a_rung_before_birth_is_refused_on_its_field(caseworker, client_file):
    response = api_as(caseworker).post(
        ladder(client_file), {"rung": 3, "assessed_on": "1990-01-01"}, format="json"
    )

    assert response.status_code == 400 and "assessed_on" in response.json()


def test_another_teams_client_is_not_found(caseworker):
    stranger = ClientFactory.create(team=TeamFactory.create(name="Team Elders"))

    api = api_as(caseworker)
    assert api.get(ladder(stranger)).status_code == 404
    posted = api.post(ladder(stranger), {"rung": 9}, format="json")

    assert posted.status_code == 404
    assert not RungAssessment.objects.exists()


def test_an_auditor_reads_but_does_not_record(client_file):
    auditor = UserFactory.create(username="aud", role="auditor")

    api = api_as(auditor)
    assert api.get(ladder(client_file)).status_code == 200
    response = api.post(ladder(client_file), {"rung": 3, "assessed_on": "2024-03-01"})

    assert response.status_code == 403
