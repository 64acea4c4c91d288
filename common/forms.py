from collections.abc import Callable, Iterable, Mapping
from typing import TypeVar

from django import forms
from django.core.exceptions import ValidationError
from django.http import QueryDict
from django.utils.translation import gettext

from .exceptions import EditConflict

F = TypeVar("F", bound=forms.BaseForm)

# The largest id an id column holds: a larger number is no id, not a database error.
MAX_ID = 2**63 - 1


def ids_from(values: Iterable[str]) -> set[int]:
    """The values that are ids; other text is ignored. Only ASCII digits count: "²" is a digit
    to str.isdigit() but not to int()."""
    return {
        int(value)
        for value in values
        if value.isascii() and value.isdigit() and 1 <= int(value) <= MAX_ID
    }


def add_service_errors(
    form: forms.BaseForm, error: ValidationError, aliases: Mapping[str, str] | None = None
) -> None:
    """Show a service's refusal on the form: next to the field it names, else above the form.

    `aliases` maps a service's argument names onto the form's field names where they differ.
    """
    errors = error.message_dict if hasattr(error, "error_dict") else {"__all__": error.messages}
    for field, messages in errors.items():
        name = (aliases or {}).get(field, field)
        form.add_error(name if name in form.fields else None, messages)


def form_after_conflict(
    conflict: EditConflict,
    data: QueryDict,
    make_form: Callable[[QueryDict], F],
    version_field: str = "version",
) -> F:
    """The form again with everything the user typed, the version it now has, and a message
    above it saying someone else changed the record meanwhile."""
    data = data.copy()
    if conflict.current_version is not None:
        data[version_field] = str(conflict.current_version)
    form = make_form(data)
    form.is_valid()
    form.add_error(
        None,
        " ".join(
            [
                conflict.detail or gettext("Iemand anders heeft dit dossier intussen gewijzigd."),
                gettext("Uw invoer staat er nog; controleer de gegevens en sla opnieuw op."),
            ]
        ),
    )
    return form
