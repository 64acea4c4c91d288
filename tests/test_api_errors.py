"""common.api.exception_handler: the services' refusals as the API contract's error responses."""

import json

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from common.api import exception_handler
from common.exceptions import EditConflict
from interventions.models import Conversation, WorkPlan
from tests.api_client import api_as


def handle(exc: Exception):
    return exception_handler(exc, {"view": None, "request": None})


def test_a_validation_error_per_field_is_a_400_with_a_message_per_field():
    response = handle(ValidationError({"until": ["Te vroeg."], "reason": ["Leeg."]}))

    assert response.status_code == 400
    assert response.data == {"until": ["Te vroeg."], "reason": ["Leeg."]}


def test_a_validation_error_without_a_field_goes_under_non_field_errors():
    assert handle(ValidationError("Niet toegestaan.")).data == {
        "non_field_errors": ["Niet toegestaan."]
    }
    assert handle(ValidationError({"__all__": ["Botst."], "phase": ["Fout."]})).data == {
        "non_field_errors": ["Botst."],
        "phase": ["Fout."],
    }


def test_a_validation_errors_parameters_are_filled_in():
    error = ValidationError({"day": ValidationError("Na %(date)s.", params={"date": "2025-01-01"})})
    assert handle(error).data == {"day": ["Na 2025-01-01."]}


def test_an_edit_conflict_is_a_409_with_the_stored_version():
    response = handle(EditConflict(current_version=4))

    assert response.status_code == 409
    assert response.data["detail"] == str(EditConflict.default_message)
    assert response.data["current_version"] == 4


def test_an_edit_conflict_without_a_version_has_only_its_message():
    response = handle(EditConflict("Gewijzigd."))
    assert (response.status_code, dict(response.data)) == (409, {"detail": "Gewijzigd."})


def test_other_exceptions_are_left_to_the_server_error_handling():
    assert handle(ValueError("bug")) is None


# Request bodies the JSON parser refuses -----------------------------------------------------

CONVERSATIONS = "/api/v1/conversations/"


@pytest.fixture
def api(caseworker):
    api = api_as(caseworker)
    api.raise_request_exception = False  # a server error must show as the 500 it would be
    return api


def post_json(api, body: str | bytes):
    return api.post(CONVERSATIONS, body, content_type="application/json")


def a_conversation(client_file, **changes) -> dict:
    return {
        "client": client_file.pk,
        "held_on": timezone.localdate().isoformat(),
        "status": "held",
        "channel": "phone",
    } | changes


@pytest.mark.django_db
def test_json_nested_a_thousand_deep_is_a_400_in_dutch(api):
    response = post_json(api, "[" * 1000 + "]" * 1000)

    assert response.status_code == 400
    assert response.json() == {"detail": "De JSON is te diep genest."}


@pytest.mark.django_db
@pytest.mark.parametrize("field", ["client", "caseworker"])
def test_a_number_too_large_for_a_float_is_a_400(api, client_file, field):
    body = json.dumps(a_conversation(client_file)).replace("{", f'{{"{field}": 1e400, ', 1)

    response = post_json(api, body)

    assert response.status_code == 400
    assert response.json() == {"detail": "Het getal 1e400 is te groot."}
    assert not Conversation.objects.exists()


@pytest.mark.django_db
def test_json_that_is_not_utf8_is_a_400_in_dutch(api, client_file):
    body = json.dumps(a_conversation(client_file, summary="café"), ensure_ascii=False)

    response = post_json(api, body.encode("latin-1"))

    assert response.status_code == 400
    assert response.json() == {"detail": "De aanvraag is geen geldige JSON in UTF-8."}
    assert not Conversation.objects.exists()


@pytest.mark.django_db
def test_malformed_json_says_where_in_dutch(api):
    response = post_json(api, '{"client": 1,\n "held_on": }')

    assert response.status_code == 400
    assert response.json() == {"detail": "De aanvraag is geen geldige JSON (regel 2, kolom 13)."}


@pytest.mark.django_db
@pytest.mark.parametrize("text", ["\\ud800", "a\\u0000b"], ids=["lone-surrogate", "nul"])
def test_text_that_cannot_be_stored_is_a_400_on_its_field(api, client_file, text):
    """Neither a NUL nor half a surrogate pair can be stored (PostgreSQL refuses NUL in text,
    UTF-8 has no lone surrogates); refused wherever it is, even in a nested agreement."""
    plan = {"client": client_file.pk, "goal": "Werk", "agreements": [{"owner": "client"}]}
    body = json.dumps(plan).replace('"owner"', f'"description": "{text}", "owner"')

    response = api.post("/api/v1/workplans/", body, content_type="application/json")

    assert response.status_code == 400
    assert response.json() == {
        "agreements": [
            "Dit veld bevat een teken dat niet kan worden opgeslagen (NUL of ongeldige Unicode)."
        ]
    }
    assert not WorkPlan.objects.exists()


# The X-Change-Reason header -----------------------------------------------------------------


@pytest.mark.django_db
def test_a_nul_in_the_change_reason_is_a_400_and_writes_nothing(api, client_file):
    response = api.post(
        CONVERSATIONS, a_conversation(client_file), format="json", HTTP_X_CHANGE_REASON="a\x00b"
    )

    assert response.status_code == 400
    assert response.json() == {
        "X-Change-Reason": [
            "Dit veld bevat een teken dat niet kan worden opgeslagen (NUL of ongeldige Unicode)."
        ]
    }
    assert not Conversation.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "sent, meant",
    [("café – overleg".encode(), "café – overleg"), ("café".encode("latin-1"), "café")],
    ids=["utf-8", "latin-1"],
)
def test_the_change_reason_header_is_read_as_the_bytes_were_meant(api, client_file, sent, meant):
    """A server hands header bytes to Django as latin-1 text (PEP 3333), so UTF-8 bytes
    arrived garbled ("cafÃ©"). They are read as UTF-8; bytes that are not UTF-8 stay latin-1."""

    response = api.post(
        CONVERSATIONS,
        a_conversation(client_file),
        format="json",
        HTTP_X_CHANGE_REASON=sent.decode("latin-1"),  # as gunicorn or runserver pass it on
    )

    assert response.status_code == 201
    history = Conversation.objects.get().history.get()
    assert history.history_change_reason == meant


def test_the_change_reason_header_and_how_to_send_non_ascii_are_documented():
    from drf_spectacular.generators import SchemaGenerator

    document = SchemaGenerator().get_schema(request=None, public=True)
    post = document["paths"]["/api/v1/conversations/"]["post"]
    (header,) = [p for p in post["parameters"] if p["name"] == "X-Change-Reason"]
    assert header["in"] == "header" and "UTF-8" in header["description"]
