"""wajong.api.exception_handler: the services' refusals as the API contract's error responses."""

from django.core.exceptions import ValidationError

from wajong.api import exception_handler
from wajong.exceptions import EditConflict


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
