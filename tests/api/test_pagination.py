"""`?page=` and `?page_size=` as the API document states them: a page number from 1, a size
from 1 to 500. A number that is malformed or out of range is a 400 on the parameter; a page
after the last is a 404 (DRF's convention; an empty list still has its page 1). The same for
the lists that page by hand (a client's phases and history)."""

import pytest
from drf_spectacular.generators import SchemaGenerator

from tests.api_client import api_as
from tests.factories import ClientFactory, PhasePeriodFactory

pytestmark = pytest.mark.django_db

PAGE_MESSAGE = "Geef een paginanummer: een geheel getal vanaf 1."
SIZE_MESSAGE = "Geef een paginagrootte: een geheel getal van 1 tot en met 500."


@pytest.fixture
def api(caseworker):
    return api_as(caseworker)


@pytest.fixture
def lists(client_file):
    PhasePeriodFactory.create(client=client_file)
    return [
        "/api/v1/clients/",
        "/api/v1/conversations/",
        "/api/v1/signals/",
        f"/api/v1/clients/{client_file.pk}/phases/",
        f"/api/v1/clients/{client_file.pk}/history/",
    ]


@pytest.mark.parametrize("page", ["0", "-1", "abc", "1.5", "1e3", "", " 1", "last", "²"])
def test_a_malformed_page_number_is_a_400_on_the_parameter(api, lists, page):
    for path in lists:
        response = api.get(path, {"page": page})

        assert response.status_code == 400, path
        assert response.json() == {"page": [PAGE_MESSAGE]}


@pytest.mark.parametrize("size", ["0", "501", "-5", "abc", "", "null", "10.0"])
def test_a_page_size_outside_1_to_500_is_a_400_on_the_parameter(api, lists, size):
    for path in lists:
        response = api.get(path, {"page_size": size})

        assert response.status_code == 400, path
        assert response.json() == {"page_size": [SIZE_MESSAGE]}


@pytest.mark.parametrize("page", ["2", "99", "9" * 40])
def test_a_page_after_the_last_is_a_404(api, lists, page):
    for path in lists:
        response = api.get(path, {"page": page})

        assert response.status_code == 404, path
        assert response.json() == {"detail": "Ongeldige pagina."}


def test_an_empty_list_has_its_first_page(api):
    response = api.get("/api/v1/trajectories/", {"page": "1"})

    assert response.status_code == 200
    assert response.json() == {"count": 0, "next": None, "previous": None, "results": []}


def test_sizes_from_1_to_500_page_the_list(api, caseworker, team):
    ClientFactory.create_batch(3, team=team)

    first = api.get("/api/v1/clients/", {"page_size": "2"}).json()
    second = api.get("/api/v1/clients/", {"page_size": "2", "page": "2"}).json()
    whole = api.get("/api/v1/clients/", {"page_size": "500"}).json()

    assert (first["count"], len(first["results"]), len(second["results"])) == (3, 2, 1)
    assert len(whole["results"]) == 3


def test_the_document_states_the_ranges_and_the_answers():
    document = SchemaGenerator().get_schema(request=None, public=True)
    for path in [
        "/api/v1/clients/",
        "/api/v1/clients/{id}/phases/",
        "/api/v1/clients/{id}/history/",
    ]:
        operation = document["paths"][path]["get"]
        parameters = {p["name"]: p["schema"] for p in operation["parameters"]}
        assert parameters["page"] == {"type": "integer", "minimum": 1}, path
        assert parameters["page_size"] == {"type": "integer", "minimum": 1, "maximum": 500}
        assert {"400", "404"} <= set(operation["responses"]), path
