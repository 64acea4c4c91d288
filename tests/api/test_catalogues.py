"""Providers and service types: everyone reads them, functional administrators add to them."""

import pytest

from interventions.models import Provider, ServiceType
from tests.api_client import api_as
from tests.factories import ServiceTypeFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def administrator(db):
    return UserFactory.create(username="fb", role="functional_admin")


def test_a_service_type_lists_its_phases(caseworker):
    ServiceTypeFactory.create(code="WF", name="Werkfit", phases="23")
    body = api_as(caseworker).get("/api/v1/service-types/").json()
    assert body["results"][0]["phases"] == ["2", "3"]
    assert set(body["results"][0]) == {"id", "code", "name", "phases", "category", "active"}


def test_a_functional_administrator_adds_a_service_type(administrator):
    response = api_as(administrator).post(
        "/api/v1/service-types/",
        {"code": "JC", "name": "Jobcoach", "phases": ["4", "3", "4"], "category": "job_coaching"},
        format="json",
        HTTP_X_CHANGE_REASON="Nieuw contract 2027",
    )
    assert response.status_code == 201, response.json()
    created = ServiceType.objects.get(code="JC")
    assert created.phases == "34"
    assert created.history.first().history_change_reason == "Nieuw contract 2027"


@pytest.mark.parametrize(
    "payload, field",
    [
        ({"phases": ["5"]}, "phases"),
        ({"phases": []}, "phases"),
        ({"category": "zwemles"}, "category"),
        ({"code": ""}, "code"),
    ],
)
def test_bad_service_types_are_refused(administrator, payload, field):
    data = {"code": "X1", "name": "X", "phases": ["1"], "category": "job_coaching"} | payload
    response = api_as(administrator).post("/api/v1/service-types/", data, format="json")
    assert response.status_code == 400 and field in response.json()
    assert not ServiceType.objects.exists()


def test_a_duplicate_provider_is_refused(administrator):
    api = api_as(administrator)
    assert api.post("/api/v1/providers/", {"name": "Stap BV"}).status_code == 201
    duplicate = api.post("/api/v1/providers/", {"name": "Stap BV"})
    assert duplicate.status_code == 400 and "name" in duplicate.json()
    assert Provider.objects.count() == 1


def test_caseworkers_may_not_add_to_the_catalogue(caseworker):
    assert api_as(caseworker).post("/api/v1/providers/", {"name": "Eigen BV"}).status_code == 403
