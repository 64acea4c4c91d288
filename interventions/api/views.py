"""Conversations and contact exemptions over the REST API (API.md)."""

import django_filters

from clients.api.base import ClientRecordViewSet, by_client
from interventions.models import ContactExemption, Conversation
from interventions.services import log_conversation, record_contact_exemption
from signals.api.filters import IdFilter

from .serializers import ContactExemptionSerializer, ConversationSerializer


class ConversationFilter(django_filters.FilterSet):
    client = IdFilter(field_name="client_id")
    caseworker = IdFilter(field_name="caseworker_id")
    held_on_after = django_filters.DateFilter(field_name="held_on", lookup_expr="gte")
    held_on_before = django_filters.DateFilter(field_name="held_on", lookup_expr="lte")

    class Meta:
        model = Conversation
        fields = ["client", "caseworker", "status", "held_on_after", "held_on_before"]


class ConversationViewSet(ClientRecordViewSet):
    """Conversations with clients in the user's scope, newest first. Filters: `client`,
    `caseworker`, `status`, `held_on_after`, `held_on_before` (inclusive). Caseworkers and team
    managers record them; a held one resolves the client's no-contact signal."""

    model = Conversation
    ordering = ("-held_on", "-id")
    serializer_class = ConversationSerializer
    filterset_class = ConversationFilter

    def record(self, *, client, data, by, reason):
        return log_conversation(
            client=client,
            caseworker=data.pop("caseworker", None) or by,
            by=by,
            reason=reason,
            **data,
        )


class ContactExemptionViewSet(ClientRecordViewSet):
    """Periods in which a client need not be spoken (stable work, medical, declined services,
    other): no no-contact signal while one covers the day. Filter: `client`."""

    model = ContactExemption
    ordering = ("-valid_from", "-id")
    serializer_class = ContactExemptionSerializer
    filterset_class = by_client(ContactExemption)

    def record(self, *, client, data, by, reason):
        return record_contact_exemption(client=client, by=by, **data)
