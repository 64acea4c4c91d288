"""Filters every API list shares."""

from typing import Any

import django_filters
from django import forms
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from common.forms import MAX_ID


class IdField(forms.IntegerField):
    """A database id: a whole number from 1 that fits the id column (a larger one is a 400,
    not a database error)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(*args, **kwargs)


@extend_schema_field(OpenApiTypes.INT)
class IdFilter(django_filters.NumberFilter):
    """An id: a whole number. An unknown id or one outside the user's scope finds nothing, so
    the filter tells nobody which records exist."""

    field_class = IdField
