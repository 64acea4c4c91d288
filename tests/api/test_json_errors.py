"""Everything under /api/ answers JSON, whatever status and whatever layer refused it: an unknown
address or a non-numeric id (Django's 404, a page of its own when DEBUG is on), a method the
address does not have, an Accept or Content-Type the API does not speak, a server error. The
message is in the user's language, read when the request is answered."""

import pytest
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.test import RequestFactory

from common.middleware import ApiErrorMiddleware
from tests.api_client import api_as

pytestmark = pytest.mark.django_db

NOT_FOUND_NL = "Niet gevonden: dit adres of dit record bestaat niet, of valt buiten uw bereik."


@pytest.fixture
def api(caseworker):
    api = api_as(caseworker)
    api.raise_request_exception = False  # a server error must show as the 500 it would be
    return api


def detail_of(response) -> str:
    assert response["Content-Type"] == "application/json", response.content[:200]
    body = response.json()
    assert set(body) == {"detail"}
    return body["detail"]


@pytest.mark.parametrize("debug", [False, True], ids=["production", "debug"])
@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/nothing-here/",
        "/api/v1/clients/0.5/",
        "/api/v1/clients/abc/",
        "/api/v1/clients/0.5/history/",
        "/api/v1/trajectories/1e3/",
        "/api/v1/signals/-1/dismiss/",
        "/api/nothing/",
    ],
)
def test_an_unknown_address_or_a_non_numeric_id_is_a_json_404(api, settings, path, debug):
    settings.DEBUG = debug  # with DEBUG on, Django answers 404 with its own page

    response = api.get(path)

    assert response.status_code == 404
    assert detail_of(response)


def test_a_404_from_the_url_resolver_says_it_in_dutch_or_english(api):
    assert detail_of(api.get("/api/v1/clients/0.5/")) == NOT_FOUND_NL

    api.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = detail_of(api.get("/api/v1/clients/0.5/"))

    assert english != NOT_FOUND_NL and "found" in english.lower()


@pytest.mark.parametrize(
    "method, path, allowed",
    [
        ("delete", "/api/v1/clients/", "GET, POST, HEAD, OPTIONS"),
        ("put", "/api/v1/clients/1/", "GET, PATCH, HEAD, OPTIONS"),
        ("post", "/api/v1/clients/1/history/", "GET, HEAD, OPTIONS"),
        ("get", "/api/v1/signals/1/dismiss/", "POST, OPTIONS"),
    ],
)
def test_a_method_the_address_does_not_have_is_a_json_405_with_allow(
    api, client_file, method, path, allowed
):
    response = getattr(api, method)(path)

    assert response.status_code == 405
    assert detail_of(response)
    assert response["Allow"] == allowed


def test_an_answer_the_client_does_not_accept_is_a_json_406(api):
    response = api.get("/api/v1/clients/", HTTP_ACCEPT="text/html")

    assert response.status_code == 406
    assert detail_of(response)


@pytest.mark.parametrize(
    "body, content_type",
    [
        ("held_on=2025-01-01", "application/x-www-form-urlencoded"),
        ("just text", "text/plain"),
        ("<conversation/>", "application/xml"),
    ],
)
def test_a_body_that_is_not_json_is_a_json_415(api, body, content_type):
    """JSON only: form fields carry no types, so a form body cannot be checked against the
    API document."""
    response = api.post("/api/v1/conversations/", body, content_type=content_type)

    assert response.status_code == 415
    assert detail_of(response)


@pytest.mark.parametrize("debug", [False, True], ids=["production", "debug"])
def test_a_server_error_is_a_json_500(api, settings, monkeypatch, debug):
    settings.DEBUG = debug  # with DEBUG on, Django answers 500 with its traceback page

    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr("casework.api.views.ClientViewSet.list", broken)

    response = api.get("/api/v1/clients/")

    assert response.status_code == 500
    assert detail_of(response) == "Er ging iets mis aan onze kant. Er is niets half opgeslagen."


def test_without_credentials_the_api_answers_a_json_401_that_names_the_scheme(db):
    from rest_framework.test import APIClient

    response = APIClient().get("/api/v1/clients/")

    assert response.status_code == 401
    assert detail_of(response)
    assert response["WWW-Authenticate"] == "Token"


def test_pages_outside_the_api_keep_their_html_error_page(client):
    response = client.get("/nothing-here/")

    assert response.status_code == 404
    assert "text/html" in response["Content-Type"]


# The middleware on its own: any refusal without JSON under /api/ ----------------------------


def answer(status: int, **headers) -> HttpResponse:
    response = HttpResponse("Bad Request", status=status, content_type="text/plain")
    for name, value in headers.items():
        response[name.replace("_", "-")] = value
    return response


def through_middleware(path: str, response: HttpResponse) -> HttpResponse:
    request: HttpRequest = RequestFactory().get(path)
    return ApiErrorMiddleware(lambda request: response)(request)


def test_a_plain_text_refusal_under_the_api_becomes_json_with_its_headers():
    refused = answer(503, Retry_After="5", Allow="GET")

    converted = through_middleware("/api/v1/clients/", refused)

    assert converted.status_code == 503
    assert converted["Content-Type"] == "application/json"
    assert (converted["Retry-After"], converted["Allow"]) == ("5", "GET")
    assert converted.content == b'{"detail": "Probeer het over een paar seconden opnieuw."}'


@pytest.mark.parametrize("status", [200, 302, 304])
def test_answers_that_are_no_error_pass_untouched(status):
    passed = answer(status)
    assert through_middleware("/api/v1/clients/", passed) is passed


def test_json_errors_and_pages_outside_the_api_pass_untouched():
    json_error = HttpResponse(b'{"x": ["y"]}', status=400, content_type="application/json")
    assert through_middleware("/api/v1/clients/", json_error) is json_error
    page = answer(400)
    assert through_middleware("/clienten/", page) is page


def test_a_status_without_a_message_of_its_own_gets_its_reason_phrase():
    converted = through_middleware("/api/v1/clients/", answer(418))

    assert converted.status_code == 418
    assert converted.content == b'{"detail": "I\'m a Teapot"}'
