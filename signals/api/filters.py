import django_filters

from common.filters import IdFilter
from signals.models import Signal


class SignalFilter(django_filters.FilterSet):
    client = IdFilter(field_name="client_id")
    team = IdFilter(field_name="client__team_id", label="team")

    class Meta:
        model = Signal
        fields = ["kind", "status", "client", "team"]
