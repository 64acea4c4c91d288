from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from clients.models import Client


class ClientField(serializers.PrimaryKeyRelatedField):
    """A client by id, looked up in the user's scope: an id that does not exist and one of a
    client the user may not see read the same, so nobody learns which ids are clients."""

    default_error_messages = {
        **serializers.PrimaryKeyRelatedField.default_error_messages,
        "does_not_exist": _("Onbekende cliënt."),
    }

    def __init__(self, **kwargs: Any):
        # The full table only tells the schema which model this is; lookups use get_queryset.
        super().__init__(queryset=Client.objects.all(), **kwargs)

    def get_queryset(self) -> QuerySet[Client]:
        request = self.context.get("request")
        user = getattr(request, "user", None)
        return Client.objects.visible_to(user) if user is not None else Client.objects.none()
