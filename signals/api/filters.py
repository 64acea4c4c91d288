from common.filters import FilterSet, IdFilter
from signals.models import Signal


class SignalFilter(FilterSet):
    client = IdFilter(field_name="client_id")
    team = IdFilter(field_name="client__team_id", label="team")

    class Meta:
        model = Signal
        fields = ["kind", "status", "client", "team"]
