"""Finding 10 of the attack: nothing with personal data may be kept by a browser or proxy."""

import pytest

from tests.api_client import api_as

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "path",
    [
        "/clienten/",
        "/clienten/{pk}/",
        "/clienten/{pk}/historie/",
        "/clienten/?export=csv",
        "/gesprekken/export.csv",
        "/dashboard/",
    ],
)
def test_pages_and_exports_are_not_stored(client, caseworker, client_file, path):
    client.force_login(caseworker)

    response = client.get(path.format(pk=client_file.pk))

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


@pytest.mark.parametrize("path", ["/api/v1/clients/", "/api/v1/clients/{pk}/", "/api/schema/"])
def test_api_answers_are_not_stored(caseworker, client_file, path):
    response = api_as(caseworker).get(path.format(pk=client_file.pk))

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


def test_the_login_page_is_not_stored(client):
    assert "no-store" in client.get("/login/")["Cache-Control"]


def test_a_refusal_is_not_stored_either(client, caseworker):
    client.force_login(caseworker)

    assert "no-store" in client.get("/clienten/999999/")["Cache-Control"]


def test_static_files_stay_cacheable(client):
    response = client.get("/static/js/app.js")

    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")
