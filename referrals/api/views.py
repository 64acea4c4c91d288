"""The social map and referrals over the REST API."""

from typing import Any, cast

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiExample, extend_schema, extend_schema_view
from rest_framework import mixins, viewsets
from rest_framework.permissions import BasePermission, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.serializers import BaseSerializer
from rest_framework.views import APIView

from accounts.models import User
from clients.api.base import ClientRecordViewSet
from clients.models import Client
from clients.permissions import may_manage_catalogues
from common.api import change_reason
from referrals.models import Organisation, Referral
from referrals.services import change_referral, refer_client, save_organisation

from .filters import OrganisationFilter, ReferralFilter
from .serializers import OrganisationSerializer, ReferralChangeSerializer, ReferralSerializer


class KeepsTheSocialMap(BasePermission):
    message = gettext_lazy("Alleen een functioneel beheerder houdt de sociale kaart bij.")

    def has_permission(self, request: Request, view: APIView) -> bool:
        return request.method in ("GET", "HEAD", "OPTIONS") or may_manage_catalogues(request.user)


class OrganisationViewSet(mixins.ListModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet):
    """The social map: organisations per region that clients are referred to. Filters:
    `kind`, `region`. Functional administrators add to it."""

    serializer_class = OrganisationSerializer
    filterset_class = OrganisationFilter
    permission_classes = [IsAuthenticated, KeepsTheSocialMap]

    def get_queryset(self) -> QuerySet[Organisation]:
        return Organisation.objects.visible_to(self.request.user).order_by("region", "name", "id")

    def perform_create(self, serializer: BaseSerializer) -> None:
        serializer.instance = save_organisation(
            organisation=Organisation(**serializer.validated_data),
            by=cast(User, self.request.user),
            change_reason=change_reason(self.request),
        )


REFERRAL_EXAMPLE = OpenApiExample(
    "Naar schuldhulp / to debt help",
    value={
        "client": 42,
        "organisation": 7,
        "referred_on": "2026-11-16",
        "consent_on": "2026-11-16",
        "follow_up_on": "2026-12-14",
        "note": "Eerste gesprek samen gepland",
    },
    request_only=True,
)


@extend_schema_view(create=extend_schema(examples=[REFERRAL_EXAMPLE]))
class ReferralViewSet(ClientRecordViewSet, mixins.UpdateModelMixin):
    """Referrals of clients in the user's scope to the social map, latest first. Filters:
    `client`, `status`, `follow_up_before` (a follow-up date on or before the day). POST
    refers a client; PATCH changes the status or the follow-up date, or corrects it."""

    model = Referral
    ordering = ("-referred_on", "-id")
    serializer_class = ReferralSerializer
    filterset_class = ReferralFilter
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self) -> QuerySet[Any]:
        return super().get_queryset().select_related("organisation")

    def record(self, *, client: Client, data: dict[str, Any], by: User, change_reason: str) -> Any:
        return refer_client(client=client, by=by, change_reason=change_reason, **data)

    @extend_schema(request=ReferralChangeSerializer, responses={200: ReferralSerializer})
    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        changed = change_referral(
            referral=self.get_object(),
            changes=self.validated_changes(ReferralChangeSerializer),
            by=cast(User, request.user),
            change_reason=change_reason(request),
        )
        return Response(self.get_serializer(changed).data)
