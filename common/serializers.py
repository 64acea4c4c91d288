"""What every API serializer that reads a request body shares.

A body is checked against what the OpenAPI document says of it, so that what the document
calls invalid is refused (400, a message per field) and what it calls valid gets through to
the services: no field that is not in the document (a typo must not be dropped silently),
each value of the JSON type the document gives (no "5" for a number, no 1 for true), dates in
the range a person means, amounts as the text of a decimal number.
"""

import re
from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any, ClassVar

from django.db import models
from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from rest_framework import serializers

from common.dates import iso_date_pattern
from common.forms import MAX_ID
from common.plausible import Plausible, iso_date

if TYPE_CHECKING:  # django-stubs is a development dependency only
    from django_stubs_ext import StrOrPromise

ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


class PlausibleDateField(serializers.DateField):
    """A date within `plausible`'s range, refused with a message a person understands (year 1
    or 9999 are typing errors). The API document states the range as a pattern."""

    def __init__(self, *, plausible: Plausible, **kwargs: Any) -> None:
        self.plausible = plausible
        super().__init__(**kwargs)

    def to_internal_value(self, value: Any) -> date:
        # ISO 8601 as the document says, not the other spellings Python reads ("20240131").
        if isinstance(value, str) and not ISO_DAY.fullmatch(value):
            self.fail("invalid", format="YYYY-MM-DD")
        day: date = super().to_internal_value(value)
        refusal = self.plausible.refusal(day, spell=iso_date)
        if refusal is not None:
            raise serializers.ValidationError(refusal, code="implausible")
        return day


class RequestPatternField(serializers.CharField):
    """Text a request sends in the form `pattern`, which the field's validators enforce (a
    BSN: nine digits); an answer may show it otherwise (masked). The document states the
    pattern for requests."""

    def __init__(self, *, pattern: str, **kwargs: Any) -> None:
        self.pattern = pattern
        super().__init__(**kwargs)


class MoneyField(serializers.DecimalField):
    """Euros as the text of a decimal number ("4250.00"), never negative: digits, and at most
    `decimal_places` after a point. Not "1e3", not a JSON number."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("min_value", Decimal("0"))
        super().__init__(coerce_to_string=True, **kwargs)
        whole = self.max_digits - self.decimal_places  # type: ignore[operator]
        self.pattern = rf"^\d{{1,{whole}}}(?:\.\d{{1,{self.decimal_places}}})?$"

    def to_internal_value(self, data: Any) -> Decimal:
        if isinstance(data, str) and not re.fullmatch(self.pattern, data):
            raise serializers.ValidationError(
                _("Geef een bedrag als 4250.00: cijfers, en hoogstens %(places)d na de punt.")
                % {"places": self.decimal_places}
            )
        return super().to_internal_value(data)


class ChoiceSubsetField(serializers.ChoiceField):
    """A choice of which an answer may show every value but a request send only `writable`
    (a new work plan is a draft or agreed, never superseded); `refusal` says why not."""

    def __init__(self, *, writable: list[str], refusal: "StrOrPromise", **kwargs: Any) -> None:
        self.writable = writable
        self.refusal = refusal
        super().__init__(**kwargs)

    def to_internal_value(self, data: Any) -> Any:
        value = super().to_internal_value(data)
        if value not in self.writable:
            raise serializers.ValidationError(self.refusal)
        return value


UNKNOWN_FIELD = _("Onbekend veld.")
READ_ONLY_FIELD = _("Dit veld kan niet worden gewijzigd.")
EXPECTED = {
    bool: _("Verwacht true of false."),
    int: _("Verwacht een geheel getal."),
    str: _("Verwacht tekst tussen aanhalingstekens."),
    list: _("Verwacht een lijst."),
    dict: _("Verwacht een object."),
}
_TEXT_FIELDS = (serializers.CharField, serializers.DateField, serializers.DateTimeField)
_LIST_FIELDS = (serializers.ListField, serializers.ListSerializer, serializers.ManyRelatedField)


def json_type(field: serializers.Field) -> type | None:
    """The JSON type (as the Python type it parses to) the document gives a field's value."""
    if isinstance(field, serializers.BooleanField):
        return bool
    if isinstance(field, serializers.IntegerField | serializers.PrimaryKeyRelatedField):
        return int
    if isinstance(field, serializers.ChoiceField):
        return str if all(isinstance(key, str) for key in field.choices) else None
    if isinstance(field, serializers.DecimalField):
        return str if field.coerce_to_string else None
    if isinstance(field, _TEXT_FIELDS):
        return str
    if isinstance(field, _LIST_FIELDS):
        return list
    if isinstance(field, serializers.BaseSerializer):
        return dict
    return None


def type_error(field: serializers.Field, value: Any) -> "StrOrPromise | None":
    """What is wrong with the JSON type of `value` for `field` (or an item of its list)."""
    expected = json_type(field)
    if value is None or expected is None:
        return None  # null is the field's own business (allow_null)
    if not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
        return EXPECTED[expected]
    if isinstance(field, serializers.ListField) and isinstance(value, list):
        for item in value:
            if (wrong := type_error(field.child, item)) is not None:
                return wrong
    return None


class StrictInput:
    """A serializer that refuses a body with a field it does not write (unknown, or read-only)
    or a value of another JSON type than the document gives, one message per field."""

    fields: Any

    def to_internal_value(self, data: Any) -> Any:
        if isinstance(data, Mapping):
            errors: dict[str, list[Any]] = {}
            for name, value in data.items():
                field = self.fields.get(name)
                if field is None:
                    errors[str(name)] = [UNKNOWN_FIELD]
                elif field.read_only:
                    errors[name] = [READ_ONLY_FIELD]
                elif (wrong := type_error(field, value)) is not None:
                    errors[name] = [wrong]
            if errors:
                raise serializers.ValidationError(errors)
        return super().to_internal_value(data)  # type: ignore[misc]


class StrictSerializer(StrictInput, serializers.Serializer):
    """The body of an action (a phase transition, a status change, a dismissal)."""


class WholeBodySerializer(StrictSerializer):
    """The body of a PATCH that is an action (a status change), read whole: its required
    fields are required, in the API and in the document alike (a PATCH's body is otherwise
    documented as partial)."""

    @property
    def partial(self) -> bool:
        return False

    @partial.setter
    def partial(self, value: bool) -> None:
        pass  # DRF and the document generator set it for a PATCH; this body stays whole


class QuerySerializer(serializers.Serializer):
    """Query parameters read with a serializer. Unknown ones are left alone (`page` is the
    paginator's); a known one sent without a value (`?to=`) is refused unless it is free text,
    as the filters of a list do."""

    def to_internal_value(self, data: Any) -> Any:
        empty = {
            name: [EMPTY_PARAMETER]
            for name, field in self.fields.items()
            if data.get(name) == "" and not isinstance(field, serializers.CharField)
        }
        try:
            values = super().to_internal_value(data)
        except serializers.ValidationError as error:
            raise serializers.ValidationError({**error.detail, **empty}) from None  # type: ignore[dict-item]
        if empty:
            raise serializers.ValidationError(empty)
        return values


EMPTY_PARAMETER = _("Geef een waarde, of laat de parameter weg.")


class StrictModelSerializer(StrictInput, serializers.ModelSerializer):
    """A record over the API. `plausible_dates` names the model's date fields that take only
    plausible dates, each with its range."""

    plausible_dates: ClassVar[Mapping[str, Plausible]] = {}

    def build_standard_field(
        self, field_name: str, model_field: models.Field
    ) -> tuple[type[serializers.Field], dict[str, Any]]:
        field_class, kwargs = super().build_standard_field(field_name, model_field)
        if field_name in self.plausible_dates:
            field_class = PlausibleDateField
            kwargs["plausible"] = self.plausible_dates[field_name]
        return field_class, kwargs


# How the API document states these rules (drf-spectacular finds the extensions by their class).


class PlausibleDateFieldSchema(OpenApiSerializerFieldExtension):
    """A plausible date's range as a pattern on what a request may send; what a response
    shows was checked when it was written."""

    target_class = PlausibleDateField
    match_subclasses = True

    def map_serializer_field(self, auto_schema: Any, direction: str) -> dict[str, Any]:
        schema = auto_schema._map_serializer_field(self.target, direction, bypass_extensions=True)
        if direction == "request":
            first, last = self.target.plausible.bounds()
            schema["pattern"] = iso_date_pattern(first, last)
        return dict(schema)


class RequestPatternFieldSchema(OpenApiSerializerFieldExtension):
    target_class = RequestPatternField

    def map_serializer_field(self, auto_schema: Any, direction: str) -> dict[str, Any]:
        schema = auto_schema._map_serializer_field(self.target, direction, bypass_extensions=True)
        return {**schema, "pattern": self.target.pattern} if direction == "request" else schema


class MoneyFieldSchema(OpenApiSerializerFieldExtension):
    target_class = MoneyField

    def map_serializer_field(self, auto_schema: Any, direction: str) -> dict[str, Any]:
        schema = auto_schema._map_serializer_field(self.target, direction, bypass_extensions=True)
        return {**schema, "pattern": self.target.pattern}


class ChoiceSubsetFieldSchema(OpenApiSerializerFieldExtension):
    """A request's enum is the writable values only."""

    target_class = ChoiceSubsetField

    def map_serializer_field(self, auto_schema: Any, direction: str) -> dict[str, Any]:
        schema = auto_schema._map_serializer_field(self.target, direction, bypass_extensions=True)
        if direction != "request":
            return dict(schema)
        described = {k: v for k, v in schema.items() if k not in ("allOf", "x-spec-enum-id")}
        return {**described, "type": "string", "enum": list(self.target.writable)}


class RecordIdSchema(OpenApiSerializerFieldExtension):
    """A record named by its id: a whole number that fits the id column."""

    target_class = serializers.PrimaryKeyRelatedField
    match_subclasses = True

    def map_serializer_field(self, auto_schema: Any, direction: str) -> dict[str, Any]:
        schema = auto_schema._map_serializer_field(self.target, direction, bypass_extensions=True)
        if schema.get("type") == "integer":
            schema = {**schema, "minimum": 1, "maximum": MAX_ID}
        return dict(schema)
