"""The API document states every answer an operation can give and, as OpenAPI links, what a
client can do next with a record it created or changed."""

import pytest
from drf_spectacular.generators import SchemaGenerator


@pytest.fixture(scope="module")
def document():
    return SchemaGenerator().get_schema(request=None, public=True)


def operations(document):
    for path, methods in document["paths"].items():
        for method, operation in methods.items():
            yield path, method, operation


def test_every_operation_documents_its_error_answers(document):
    for path, method, operation in operations(document):
        codes = set(operation["responses"])
        assert {"400", "401", "403", "406", "429", "503"} <= codes, (method, path)
        if "requestBody" in operation:
            assert "415" in codes, (method, path)
        if "{id}" in path or any(p["name"] == "page" for p in operation.get("parameters", [])):
            assert "404" in codes, (method, path)
        if method == "patch":
            assert "409" in codes, (method, path)


def test_error_answers_are_json_and_name_their_headers(document):
    responses = document["paths"]["/api/v1/clients/"]["get"]["responses"]

    assert responses["404"]["content"]["application/json"]["schema"]["required"] == ["detail"]
    assert responses["429"]["headers"]["Retry-After"]["required"] is True
    assert responses["503"]["headers"]["Retry-After"]["required"] is True
    assert "WWW-Authenticate" in responses["401"]["headers"]


def test_a_created_client_links_to_its_reads_and_writes(document):
    links = document["paths"]["/api/v1/clients/"]["post"]["responses"]["201"]["links"]

    assert links["clients_retrieve"] == {
        "operationId": "clients_retrieve",
        "parameters": {"path.id": "$response.body#/id"},
    }
    assert links["clients_partial_update"]["requestBody"] == {"version": "$response.body#/version"}
    assert links["clients_phase_transitions_create"]["requestBody"] == {
        "version": "$response.body#/version"
    }
    assert {"clients_history_retrieve", "clients_phases_retrieve"} <= set(links)


def test_a_created_client_links_to_the_records_of_its_file(document):
    links = document["paths"]["/api/v1/clients/"]["post"]["responses"]["201"]["links"]

    for create in ["conversations", "contact_exemptions", "phase_exemptions", "workplans"]:
        assert links[f"{create}_create"]["requestBody"] == {"client": "$response.body#/id"}


def test_a_changed_record_links_onwards_and_other_creates_link_to_their_record(document):
    paths = document["paths"]
    changed = paths["/api/v1/clients/{id}/"]["patch"]["responses"]["200"]["links"]
    bought = paths["/api/v1/trajectories/"]["post"]["responses"]["201"]["links"]
    catalogue = paths["/api/v1/service-types/"]["post"]["responses"]["201"]["links"]

    assert changed["clients_partial_update"]["parameters"] == {"path.id": "$request.path.id"}
    assert set(bought) == {"trajectories_retrieve", "trajectories_partial_update"}
    assert catalogue["trajectories_create"]["requestBody"] == {"service_type": "$response.body#/id"}


def test_every_link_names_an_operation_of_the_document(document):
    ids = {operation["operationId"] for _, _, operation in operations(document)}
    linked = {
        link["operationId"]
        for _, _, operation in operations(document)
        for response in operation["responses"].values()
        for link in response.get("links", {}).values()
    }
    assert len(linked) >= 15
    assert linked <= ids
