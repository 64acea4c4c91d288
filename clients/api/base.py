"""What every API endpoint for records in a client file shares: scope, who may write, and a
client outside the user's scope refused as unknown."""

from typing import Any, cast

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from rest_framework import mixins, viewsets
from rest_framework.permissions import IsAuthenticated
from rest_framework.serializers import BaseSerializer

from accounts.models import User
from clients.models import Client
from common.api import ShowsClientData, change_reason
from common.filters import FilterSet, IdFilter
from common.reads import Read, note_reads

from .permissions import EditsClientFiles


def by_client(record_model: Any) -> type[FilterSet]:
    """The `client` filter of a record list: an id; an unknown or out-of-scope one finds
    nothing rather than telling which clients exist."""

    class Meta:
        model = record_model
        fields = ["client"]

    return type(
        f"{record_model.__name__}Filter",
        (FilterSet,),
        {"client": IdFilter(field_name="client_id"), "Meta": Meta},
    )


def visible_client_or_refuse(user: User, client: Client) -> Client:
    """A client outside the user's scope is refused as unknown (400 on the field), never told
    apart from one that does not exist."""
    if not Client.objects.visible_to(user).filter(pk=client.pk).exists():
        raise ValidationError({"client": _("Onbekende cliënt.")})
    return client


class ClientRecordViewSet(
    ShowsClientData,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """List, read and add records of `model` in the user's scope; `ordering` sorts them and
    `record()` writes one through its service."""

    model: Any
    lookup_value_regex = "[0-9]+"  # a non-numeric id is an unknown address (404)
    ordering: tuple[str, ...] = ("-id",)
    permission_classes = [IsAuthenticated, EditsClientFiles]

    def get_queryset(self) -> QuerySet[Any]:
        return self.model.objects.visible_to(self.request.user).order_by(*self.ordering)

    def perform_create(self, serializer: BaseSerializer) -> None:
        user = cast(User, self.request.user)
        data = dict(serializer.validated_data)
        client = visible_client_or_refuse(user, data.pop("client"))
        serializer.instance = self.record(
            client=client, data=data, by=user, change_reason=change_reason(self.request)
        )
        note_reads(self.request, [serializer.instance], Read.VIEW)

    def record(self, *, client: Client, data: dict[str, Any], by: User, change_reason: str) -> Any:
        raise NotImplementedError

    def validated_changes(self, serializer_class: type[BaseSerializer]) -> dict[str, Any]:
        """The fields a PATCH body changes, checked by `serializer_class` (partially)."""
        change = serializer_class(
            data=self.request.data, partial=True, context=self.get_serializer_context()
        )
        change.is_valid(raise_exception=True)
        return dict(change.validated_data)
