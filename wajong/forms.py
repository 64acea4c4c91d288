from collections.abc import Mapping

from django import forms
from django.core.exceptions import ValidationError


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
