from collections.abc import Callable, Iterable, Mapping
from typing import Any, ClassVar, TypeVar

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect
from django.utils.translation import gettext

from .exceptions import EditConflict
from .plausible import Plausible

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


def id_from(value: str) -> int | None:
    """The id `value` names, or None when it names none (see `ids_from`)."""
    return next(iter(ids_from([value])), None)


class PlausibleDates:
    """A form whose date fields named in `plausible_dates` take only the dates its record's
    rules allow: the mapping the record's API serializer reads too (e.g.
    `interventions.validators.CONVERSATION_DATES`), so the form and the API refuse alike, here
    with the dates in words ("1 januari 1900"). Put it before `forms.Form` in the bases."""

    plausible_dates: ClassVar[Mapping[str, Plausible]] = {}
    fields: dict[str, forms.Field]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, rule in self.plausible_dates.items():
            keep_plausible(self.fields[name], rule)


def keep_plausible(field: forms.Field, rule: Plausible) -> None:
    """Let `field` (a date field of one form instance) take only the dates `rule` allows."""
    if not isinstance(field, forms.DateField):
        raise TypeError(f"{rule.what} is no date field.")
    field.validators = [v for v in field.validators if not isinstance(v, Plausible)] + [rule]


def plausible_rule(field: forms.Field) -> Plausible | None:
    """The rule a form's date field keeps, if any."""
    return next((v for v in field.validators if isinstance(v, Plausible)), None)


def add_service_errors(
    form: forms.BaseForm, error: ValidationError, aliases: Mapping[str, str] | None = None
) -> None:
    """Show a service's refusal on the form: next to the field it names, else above the form.

    `aliases` maps a service's argument names onto the form's field names where they differ.
    """
    errors = error.message_dict if hasattr(error, "error_dict") else {"__all__": error.messages}
    for field, refusals in errors.items():
        name = (aliases or {}).get(field, field)
        form.add_error(name if name in form.fields else None, refusals)


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


def submit(
    request: HttpRequest,
    form: F,
    write: Callable[[dict[str, Any]], object],
    *,
    done: str | Callable[[Any], str],
    then: str | Callable[[], HttpResponse],
    aliases: Mapping[str, str] | None = None,
    again: Callable[[QueryDict], F] | None = None,
    version_field: str = "version",
) -> tuple[F, HttpResponse | None]:
    """A posted form handed to a service: valid input goes to `write(cleaned_data)`; on success
    the message `done` (or `done(what write returned)`) and the answer `then` (a URL to go
    to, or a function making the response). A refusal lands on the form, which comes back
    with the typed input and no answer, for the caller to show again; `again` rebuilds it
    after an edit conflict."""
    if request.method != "POST" or not form.is_valid():
        return form, None
    try:
        written = write(form.cleaned_data)
    except EditConflict as conflict:
        if again is None:
            raise
        return form_after_conflict(conflict, request.POST, again, version_field), None
    except ValidationError as error:
        add_service_errors(form, error, aliases)
        return form, None
    messages.success(request, done(written) if callable(done) else done)
    return form, redirect(then) if isinstance(then, str) else then()


def report_refusals(request: HttpRequest, form: forms.BaseForm) -> None:
    """A refused form that has no page of its own (a quick action in a list): each message
    above the list, with its field's label so it is clear which input it is about."""
    for field, refusals in form.errors.items():
        label = form[field].label if field in form.fields else None
        for refusal in refusals:
            messages.error(request, f"{label}: {refusal}" if label else str(refusal))
