"""The API document states every answer an operation can give."""

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
