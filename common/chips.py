"""The filters a list is shown with, as chips above it: each with a link that drops just it."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any, cast

from django import forms
from django.http import QueryDict
from django.utils.formats import date_format

# Query parameters that are no filter: the sort order, the page, a download.
NOT_FILTERS = frozenset({"sort", "page", "export"})


@dataclass(frozen=True)
class Chip:
    label: str
    value: str  # empty for a yes/no filter: the label says it
    query: str  # the query string without this filter (and back to the first page)


def _shown(field: forms.Field, value: Any) -> str:
    if isinstance(field, forms.BooleanField):
        return ""
    if isinstance(field, forms.ModelChoiceField):
        return str(value)
    if isinstance(field, forms.ChoiceField):
        pairs = cast(Iterable[tuple[Any, Any]], field.choices)
        choices = {str(key): label for key, label in pairs}
        values = value if isinstance(value, list | tuple) else [value]
        return ", ".join(str(choices.get(str(v), v)) for v in values)
    if isinstance(value, date):
        return date_format(value, "DATE_FORMAT")
    return str(value)


def _without(query: QueryDict, name: str) -> str:
    rest = query.copy()
    for key in (name, "page"):
        rest.pop(key, None)
    return rest.urlencode()


def filter_chips(
    form: forms.Form, query: QueryDict, *, shown: dict[str, tuple[str, str]] | None = None
) -> list[Chip]:
    """A chip per filter of `form` that narrows the list (valid, not empty and not required:
    a required field cannot be removed). `shown` gives
    the label and value for a field the form cannot say in words (a hidden id)."""
    if not form.is_bound:
        return []
    form.is_valid()
    cleaned = getattr(form, "cleaned_data", {})
    chips = []
    for name, field in form.fields.items():
        value = cleaned.get(name)
        if name in NOT_FILTERS or field.required or value in (None, "", False, [], ()):
            continue
        label, text = (shown or {}).get(name) or (str(field.label or name), _shown(field, value))
        chips.append(Chip(label=label, value=text, query=_without(query, name)))
    return chips
