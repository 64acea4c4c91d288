"""Filters every API list shares. A filter value that is not what the document says (an id
that is no whole number, a yes/no that is neither) is a 400 on the parameter; an id that
matches nothing finds nothing."""

import datetime
import re
from typing import Any

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field

from common.forms import MAX_ID
from common.serializers import EMPTY_PARAMETER


class IdField(forms.IntegerField):
    """A database id: a whole number from 1 that fits the id column (a larger one is a 400,
    not a database error)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(*args, **kwargs)


@extend_schema_field({"type": "integer", "minimum": 1, "maximum": MAX_ID})
class IdFilter(django_filters.NumberFilter):
    """An id: a whole number. An unknown id or one outside the user's scope finds nothing, so
    the filter tells nobody which records exist."""

    field_class = IdField


YES_NO = {"true": True, "1": True, "false": False, "0": False}


class YesNoField(forms.Field):
    """`true` or `false` (also 1 and 0, in any case); anything else is refused, not ignored."""

    default_error_messages = {"invalid": _("Kies true of false.")}

    def to_python(self, value: Any) -> bool | None:
        if value in (None, ""):
            return None
        if not isinstance(value, str) or value.lower() not in YES_NO:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return YES_NO[value.lower()]

    def validate(self, value: Any) -> None:
        if value is None and self.required:
            raise ValidationError(self.error_messages["required"], code="required")


@extend_schema_field({"type": "boolean"})
class YesNoFilter(django_filters.Filter):
    field_class = YesNoField


ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


class DayField(forms.DateField):
    """A day as the document writes it, YYYY-MM-DD; not the other spellings a Dutch form
    would read (31-01-2024)."""

    def to_python(self, value: Any) -> datetime.date | None:
        if isinstance(value, str) and value and not ISO_DAY.fullmatch(value):
            raise ValidationError(_("Geef een datum als JJJJ-MM-DD."), code="invalid")
        return super().to_python(value)


class DayFilter(django_filters.DateFilter):
    field_class = DayField


class FilterSet(django_filters.FilterSet):
    """A list's filters. A parameter sent without a value (`?status=`) is a 400 unless it is
    free text: an empty id, day, choice or yes/no is no value the document allows."""

    def is_valid(self) -> bool:
        form = self.form
        if self.is_bound and not form.errors:
            for name, found in self.filters.items():
                if self.data.get(name) == "" and not isinstance(found, django_filters.CharFilter):
                    form.add_error(name, EMPTY_PARAMETER)
        return super().is_valid()
