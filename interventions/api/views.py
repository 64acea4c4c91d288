"""Conversations over the REST API (API.md: /api/v1/conversations/)."""

from typing import cast

import django_filters
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from rest_framework import mixins, viewsets
from rest_framework.permissions import IsAuthenticated
from rest_framework.serializers import BaseSerializer

from accounts.models import User
from clients.api.views import EditsClientFiles
from clients.models import Client
from interventions.models import Conversation
from interventions.services import log_conversation
from signals.api.filters import IdFilter
from wajong.api import change_reason

from .serializers import ConversationSerializer


class ConversationFilter(django_filters.FilterSet):
    client = IdFilter(field_name="client_id")
    caseworker = IdFilter(field_name="caseworker_id")
    held_on_after = django_filters.DateFilter(field_name="held_on", lookup_expr="gte")
    held_on_before = django_filters.DateFilter(field_name="held_on", lookup_expr="lte")

    class Meta:
        model = Conversation
        fields = ["client", "caseworker", "status", "held_on_after", "held_on_before"]


def visible_client_or_refuse(user: User, client: Client) -> Client:
    """A client outside the user's scope is refused as unknown (400 on the field), never
    told apart from one that does not exist."""
    if not Client.objects.visible_to(user).filter(pk=client.pk).exists():
        raise ValidationError({"client": _("Onbekende cliënt.")})
    return client


class ConversationViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Conversations with clients in the user's scope, newest first. Filters: `client`,
    `caseworker`, `status`, `held_on_after`, `held_on_before` (inclusive). Caseworkers and team
    managers record them; a held one resolves the client's no-contact signal."""

    serializer_class = ConversationSerializer
    filterset_class = ConversationFilter
    permission_classes = [IsAuthenticated, EditsClientFiles]

    def get_queryset(self):
        return Conversation.objects.visible_to(self.request.user).order_by("-held_on", "-id")

    def perform_create(self, serializer: BaseSerializer) -> None:
        user = cast(User, self.request.user)
        data = dict(serializer.validated_data)
        client = visible_client_or_refuse(user, data.pop("client"))
        serializer.instance = log_conversation(
            client=client,
            caseworker=data.pop("caseworker", None) or user,
            by=user,
            reason=change_reason(self.request),
            **data,
        )
