import django_filters
from django.db.models import Exists, OuterRef, QuerySet
from drf_spectacular.utils import extend_schema_field

from clients.models import Client
from clients.querysets import ClientQuerySet
from common.filters import FilterSet, IdFilter, YesNoFilter
from phases.models import Phase
from signals.models import Signal

SEARCH_MAX_LENGTH = 100


class ClientFilter(FilterSet):
    team = IdFilter(field_name="team_id")
    caseworker = IdFilter(field_name="caseworker_id")
    phase = django_filters.ChoiceFilter(
        choices=Phase.choices, field_name="current_phase", label="phase"
    )
    search = extend_schema_field({"type": "string", "maxLength": SEARCH_MAX_LENGTH})(
        django_filters.CharFilter(
            method="filter_search", max_length=SEARCH_MAX_LENGTH, label="search"
        )
    )
    has_open_signal = YesNoFilter(method="filter_open_signal")

    class Meta:
        model = Client
        fields = ["team", "caseworker", "phase", "search", "has_open_signal"]

    def filter_search(self, clients: ClientQuerySet, name: str, value: str) -> ClientQuerySet:
        """A name (every word) or a full nine-digit BSN."""
        return clients.matching(value)

    def filter_open_signal(
        self, clients: QuerySet[Client], name: str, value: bool
    ) -> QuerySet[Client]:
        open_signal = Exists(Signal.objects.open().filter(client=OuterRef("pk")))
        return clients.filter(open_signal) if value else clients.exclude(open_signal)
