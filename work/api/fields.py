"""Fields of the work API that are not the model's own."""

import re
from decimal import Decimal
from typing import Any

from django.db.models import Model, QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from rest_framework import serializers

from work.validators import MAX_HOURS_PER_WEEK


class BlankAsNullChoiceField(serializers.ChoiceField):
    """A choice that may be absent: stored as "", shown and sent as null (an empty contract of
    self-employment, the decision of a pending application)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("allow_null", True)
        super().__init__(**kwargs)

    def validate_empty_values(self, data: Any) -> tuple[bool, Any]:
        is_empty, value = super().validate_empty_values(data)
        return (True, "") if is_empty and value is None else (is_empty, value)

    def to_representation(self, value: Any) -> Any:
        return None if value in ("", None) else super().to_representation(value)


class VisibleRecordField(serializers.PrimaryKeyRelatedField):
    """A record of a client file by id, looked up in the user's scope: one outside it reads
    as unknown, as a client does (`clients.api.fields.ClientField`)."""

    def __init__(self, *, model: type[Model], unknown: Any, **kwargs: Any) -> None:
        self.model = model
        kwargs["error_messages"] = {"does_not_exist": unknown, **kwargs.get("error_messages", {})}
        super().__init__(queryset=model._default_manager.all(), **kwargs)

    def get_queryset(self) -> QuerySet[Any]:
        request = self.context.get("request")
        user = getattr(request, "user", None)
        manager = self.model._default_manager
        return manager.visible_to(user) if user is not None else manager.none()  # type: ignore[attr-defined]


# 0.1 up to 80 hours, at most one decimal: the pattern a request's text keeps to.
HOURS_PATTERN = r"^(?:0\.[1-9]|[1-9](?:\.[0-9])?|[1-7][0-9](?:\.[0-9])?|80(?:\.0)?)$"


class HoursField(serializers.DecimalField):
    """Hours per week as the text of a decimal number ("24" or "24.5"): more than 0 and at
    most 80, with at most one decimal."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(
            max_digits=3,
            decimal_places=1,
            min_value=Decimal("0.1"),
            max_value=Decimal(MAX_HOURS_PER_WEEK),
            coerce_to_string=True,
            **kwargs,
        )

    def to_internal_value(self, data: Any) -> Decimal:
        if not isinstance(data, str) or not re.fullmatch(HOURS_PATTERN, data):
            raise serializers.ValidationError(
                _("Geef de uren per week als tekst, bv. 24 of 24.5: meer dan 0, hoogstens 80.")
            )
        return super().to_internal_value(data)


class HoursFieldSchema(OpenApiSerializerFieldExtension):
    target_class = HoursField

    def map_serializer_field(self, auto_schema: Any, direction: str) -> dict[str, Any]:
        schema = auto_schema._map_serializer_field(self.target, direction, bypass_extensions=True)
        described = {k: v for k, v in schema.items() if k not in ("minimum", "maximum")}
        return {**described, "pattern": HOURS_PATTERN} if direction == "request" else described
