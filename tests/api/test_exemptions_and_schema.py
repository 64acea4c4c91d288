"""Contact and phase exemptions over the API, and the OpenAPI document itself."""

import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from interventions.models import ContactExemption
from phases.models import PhaseExemption
from tests.api_client import api_as
from tests.factories import ClientFactory, TeamFactory

pytestmark = pytest.mark.django_db


def test_a_contact_exemption_is_recorded_with_the_contract_fields(caseworker, client_file):
    today = timezone.localdate().isoformat()
    response = api_as(caseworker).post(
        "/api/v1/contact-exemptions/",
        {
            "client": client_file.pk,
            "reason": "stable_work",
            "note": "Vast contract",
            "valid_from": today,
            "valid_until": "2027-12-31",
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert set(response.json()) == {"id", "client", "reason", "note", "valid_from", "valid_until"}
    assert ContactExemption.objects.get().recorded_by == caseworker


def test_an_exemption_ending_before_it_starts_is_refused(caseworker, client_file):
    response = api_as(caseworker).post(
        "/api/v1/contact-exemptions/",
        {
            "client": client_file.pk,
            "reason": "medical",
            "valid_from": "2026-06-01",
            "valid_until": "2026-01-01",
        },
        format="json",
    )
    assert response.status_code == 400 and "valid_until" in response.json()
    assert not ContactExemption.objects.exists()


def test_a_phase_exemption_with_an_unknown_reason_is_refused(caseworker, client_file):
    response = api_as(caseworker).post(
        "/api/v1/phase-exemptions/",
        {
            "client": client_file.pk,
            "phase": "1",
            "reason": "zin",
            "valid_from": "2026-01-01",
            "review_on": "2026-12-31",
        },
        format="json",
    )
    assert response.status_code == 400 and "reason" in response.json()
    assert not PhaseExemption.objects.exists()


def test_a_phase_exemption_is_recorded(caseworker, client_file):
    response = api_as(caseworker).post(
        "/api/v1/phase-exemptions/",
        {
            "client": client_file.pk,
            "phase": "1",
            "reason": "stabilisation_goal",
            "valid_from": "2026-01-01",
            "review_on": "2026-12-31",
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert PhaseExemption.objects.get().phase == "1"


def test_the_client_filter_finds_nothing_outside_the_scope(caseworker, client_file):
    stranger = ClientFactory.create(team=TeamFactory.create(name="Team Elders"))
    ContactExemption.objects.create(
        client=stranger, reason="medical", valid_from="2026-01-01", valid_until="2026-02-01"
    )
    body = api_as(caseworker).get("/api/v1/contact-exemptions/", {"client": stranger.pk}).json()
    assert body["count"] == 0


def test_the_openapi_document_validates_without_warnings():
    out = io.StringIO()
    call_command("spectacular", "--validate", "--fail-on-warn", stdout=out)
    assert "openapi: 3" in out.getvalue()


def test_the_change_reason_header_is_the_exemptions_history_reason(caseworker, client_file):
    response = api_as(caseworker).post(
        "/api/v1/phase-exemptions/",
        {
            "client": client_file.pk,
            "phase": "1",
            "reason": "medical",
            "valid_from": "2026-01-01",
            "review_on": "2026-12-31",
        },
        format="json",
        HTTP_X_CHANGE_REASON="Advies verzekeringsarts",
    )
    assert response.status_code == 201
    exemption = PhaseExemption.objects.get()
    assert exemption.history.first().history_change_reason == "Advies verzekeringsarts"


def test_every_field_is_described_and_errors_are_documented():
    from drf_spectacular.generators import SchemaGenerator

    document = SchemaGenerator().get_schema(request=None, public=True)
    undescribed = [
        f"{component}.{name}"
        for component, schema in document["components"]["schemas"].items()
        for name, prop in schema.get("properties", {}).items()
        if "description" not in prop and "$ref" not in prop and "allOf" not in prop
    ]
    assert undescribed == []
    post = document["paths"]["/api/v1/clients/"]["post"]
    assert {"400", "401", "403"} <= set(post["responses"])
    assert "409" in document["paths"]["/api/v1/clients/{id}/"]["patch"]["responses"]


def test_a_phase_transition_documents_the_version_it_needs_and_its_conflict():
    from drf_spectacular.generators import SchemaGenerator

    document = SchemaGenerator().get_schema(request=None, public=True)
    post = document["paths"]["/api/v1/clients/{id}/phase-transitions/"]["post"]
    assert "version" in document["components"]["schemas"]["PhaseTransitionRequest"]["required"]
    conflict = post["responses"]["409"]["content"]["application/json"]["schema"]
    assert "current_version" in conflict["properties"]
