import django_filters
from django import forms
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from signals.models import Signal


@extend_schema_field(OpenApiTypes.INT)
class IdFilter(django_filters.NumberFilter):
    """An id: a whole number. An unknown id or one outside the user's scope finds nothing, so
    the filter tells nobody which records exist."""

    field_class = forms.IntegerField


class SignalFilter(django_filters.FilterSet):
    client = IdFilter(field_name="client_id")
    team = IdFilter(field_name="client__team_id", label="team")

    class Meta:
        model = Signal
        fields = ["kind", "status", "client", "team"]
