"""Conversations, contact exemptions, work plans, trajectories and the catalogues over the REST
API."""

from typing import Any, cast

from django.db.models import Prefetch, QuerySet
from drf_spectacular.utils import OpenApiExample, extend_schema, extend_schema_view
from rest_framework import mixins, viewsets
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.serializers import BaseSerializer

from accounts.models import User
from clients.api.base import ClientRecordViewSet, by_client
from clients.api.permissions import ManagesCatalogues
from clients.models import Client
from common.api import change_reason
from common.filters import DayFilter, FilterSet, IdFilter
from interventions.models import (
    Agreement,
    ContactExemption,
    Conversation,
    Provider,
    ServiceType,
    Trajectory,
    WorkPlan,
)
from interventions.services.catalogues import save_catalogue_entry
from interventions.services.conversations import change_conversation, log_conversation
from interventions.services.exemptions import record_contact_exemption
from interventions.services.trajectories import (
    action_towards,
    change_trajectory_status,
    purchase_trajectory,
)
from interventions.services.work_plans import agree_work_plan, create_work_plan_version

from .serializers import (
    ContactExemptionSerializer,
    ConversationChangeSerializer,
    ConversationSerializer,
    ProviderSerializer,
    ServiceTypeSerializer,
    TrajectoryChangeSerializer,
    TrajectorySerializer,
    WorkPlanSerializer,
)


class ConversationFilter(FilterSet):
    client = IdFilter(field_name="client_id")
    caseworker = IdFilter(field_name="caseworker_id")
    held_on_after = DayFilter(field_name="held_on", lookup_expr="gte")
    held_on_before = DayFilter(field_name="held_on", lookup_expr="lte")

    class Meta:
        model = Conversation
        fields = ["client", "caseworker", "status", "held_on_after", "held_on_before"]


CONVERSATION_EXAMPLE = OpenApiExample(
    "Een telefonisch gesprek / a phone conversation",
    value={
        "client": 42,
        "held_on": "2026-11-20",
        "status": "held",
        "channel": "phone",
        "kind": "monitoring",
        "duration_minutes": 25,
        "summary": "Werkt 16 uur per week; wil uitbreiden.",
        "next_contact_on": "2027-02-15",
    },
    request_only=True,
)
WORK_PLAN_EXAMPLE = OpenApiExample(
    "Een nieuw werkplan / a new work plan",
    value={
        "client": 42,
        "goal": "Duurzaam werk van 24 uur per week",
        "status": "agreed",
        "agreed_on": "2026-11-20",
        "agreements": [
            {
                "description": "Solliciteert bij twee werkgevers",
                "owner": "client",
                "due_on": "2027-01-31",
            },
            {"description": "Regelt een jobcoach", "owner": "uwv", "due_on": None},
        ],
    },
    request_only=True,
)
CONVERSATION_CHANGE_EXAMPLES = [
    OpenApiExample(
        "Gehouden / held",
        value={"status": "held", "held_on": "2026-11-20", "duration_minutes": 30},
        request_only=True,
    ),
    OpenApiExample("Niet verschenen / no-show", value={"status": "no_show"}, request_only=True),
    OpenApiExample("Verzetten / move", value={"held_on": "2026-12-04"}, request_only=True),
]
TRAJECTORY_EXAMPLES = [
    OpenApiExample(
        "Inkopen / buy",
        value={
            "client": 42,
            "service_type": 3,
            "provider": 7,
            "purpose": "Werkritme opbouwen bij een leerwerkbedrijf",
            "purchased_on": "2026-11-01",
            "started_on": "2026-11-15",
            "planned_end_on": "2027-05-15",
            "cost": "4250.00",
        },
        request_only=True,
    ),
]
TRAJECTORY_CHANGE_EXAMPLES = [
    OpenApiExample(
        "Pauzeren / pause",
        value={"status": "paused", "on": "2026-11-18", "reason": "Opname in het ziekenhuis"},
        request_only=True,
    ),
    OpenApiExample(
        "Afronden / complete",
        value={"status": "completed", "on": "2026-11-25", "outcome": "work_found"},
        request_only=True,
    ),
]


@extend_schema_view(create=extend_schema(examples=[CONVERSATION_EXAMPLE]))
class ConversationViewSet(ClientRecordViewSet, mixins.UpdateModelMixin):
    """Conversations with clients in the user's scope, newest first. Filters: `client`,
    `caseworker`, `status`, `held_on_after`, `held_on_before` (inclusive). Caseworkers and team
    managers record them; a held one resolves the client's no-contact signal. PATCH records
    what became of a planned one (held, no-show, cancelled) or moves it, on the same record."""

    model = Conversation
    ordering = ("-held_on", "-id")
    serializer_class = ConversationSerializer
    filterset_class = ConversationFilter
    http_method_names = ["get", "post", "patch", "head", "options"]

    def record(self, *, client: Client, data: dict[str, Any], by: User, change_reason: str) -> Any:
        return log_conversation(
            client=client,
            caseworker=data.pop("caseworker", None) or by,
            by=by,
            change_reason=change_reason,
            **data,
        )

    @extend_schema(
        description=(
            "Record what became of a planned conversation, on the same record: `held`, "
            "`no_show` or `cancelled`, with `held_on` the day that happened (today or earlier; "
            "without `held_on` the planned day counts), or move it to another `held_on` (today "
            "or later). A held, no-show or cancelled conversation keeps its status; its other "
            "fields can be corrected (a held or no-show one is never dated in the future). The "
            "history keeps the old values."
        ),
        request=ConversationChangeSerializer,
        responses={200: ConversationSerializer},
        examples=CONVERSATION_CHANGE_EXAMPLES,
    )
    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        conversation = self.get_object()
        change = ConversationChangeSerializer(data=request.data, partial=True)
        change.is_valid(raise_exception=True)
        changed = change_conversation(
            conversation=conversation,
            changes=dict(change.validated_data),
            by=cast(User, request.user),
            change_reason=change_reason(request),
        )
        return Response(self.get_serializer(changed).data)


class ContactExemptionViewSet(ClientRecordViewSet):
    """Periods in which a client need not be spoken (stable work, medical, declined services,
    other): no no-contact signal while one covers the day. Filter: `client`."""

    model = ContactExemption
    ordering = ("-valid_from", "-id")
    serializer_class = ContactExemptionSerializer
    filterset_class = by_client(ContactExemption)

    def record(self, *, client: Client, data: dict[str, Any], by: User, change_reason: str) -> Any:
        return record_contact_exemption(client=client, by=by, change_reason=change_reason, **data)


@extend_schema_view(create=extend_schema(examples=TRAJECTORY_EXAMPLES))
class TrajectoryViewSet(ClientRecordViewSet, mixins.UpdateModelMixin):
    """Trajectories bought for clients in the user's scope, newest purchase first, with their
    pauses. Filter: `client`. POST buys one; PATCH changes its status (start, pause, resume,
    complete with an outcome, cancel)."""

    model = Trajectory
    ordering = ("-purchased_on", "-id")
    serializer_class = TrajectorySerializer
    filterset_class = by_client(Trajectory)
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self) -> QuerySet[Any]:
        return super().get_queryset().prefetch_related("pauses")

    def record(self, *, client: Client, data: dict[str, Any], by: User, change_reason: str) -> Any:
        return purchase_trajectory(client=client, by=by, change_reason=change_reason, **data)

    @extend_schema(
        request=TrajectoryChangeSerializer,
        responses={200: TrajectorySerializer},
        examples=TRAJECTORY_CHANGE_EXAMPLES,
    )
    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        trajectory = self.get_object()
        change = TrajectoryChangeSerializer(data=request.data)
        change.is_valid(raise_exception=True)
        data = change.validated_data
        change_trajectory_status(
            trajectory=trajectory,
            action=action_towards(trajectory=trajectory, status=data["status"]),
            on=data["on"],
            reason=data.get("reason", ""),
            outcome=data.get("outcome", ""),
            outcome_note=data.get("outcome_note", ""),
            by=cast(User, request.user),
            change_reason=change_reason(request),
        )
        return Response(self.get_serializer(self.get_queryset().get(pk=trajectory.pk)).data)


AGREEMENTS_IN_ORDER = Prefetch("agreements", queryset=Agreement.objects.order_by("id"))


@extend_schema_view(create=extend_schema(examples=[WORK_PLAN_EXAMPLE]))
class WorkPlanViewSet(ClientRecordViewSet):
    """Work plans of clients in the user's scope, every version, newest first, with their
    agreements. Filter: `client`."""

    model = WorkPlan
    ordering = ("client_id", "-version")
    serializer_class = WorkPlanSerializer
    filterset_class = by_client(WorkPlan)

    def get_queryset(self) -> QuerySet[Any]:
        return super().get_queryset().prefetch_related(AGREEMENTS_IN_ORDER)

    def record(self, *, client: Client, data: dict[str, Any], by: User, change_reason: str) -> Any:
        plan = create_work_plan_version(
            client=client,
            goal=data["goal"],
            agreements=[dict(agreement) for agreement in data.get("agreements", [])],
            carry_over_open_agreements=False,  # the plan has exactly the agreements sent
            by=by,
            change_reason=change_reason,
        )
        if data["status"] == WorkPlan.Status.AGREED:
            agree_work_plan(
                work_plan=plan, agreed_on=data["agreed_on"], by=by, change_reason=change_reason
            )
        return WorkPlan.objects.prefetch_related(AGREEMENTS_IN_ORDER).get(pk=plan.pk)


class CatalogueViewSet(mixins.ListModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet):
    """A catalogue: every signed-in user reads it; functional administrators add to it."""

    permission_classes = [IsAuthenticated, ManagesCatalogues]

    def perform_create(self, serializer: BaseSerializer) -> None:
        entry = serializer.Meta.model(**serializer.validated_data)  # type: ignore[attr-defined]
        serializer.instance = save_catalogue_entry(
            entry=entry, by=cast(User, self.request.user), change_reason=change_reason(self.request)
        )


class ProviderViewSet(CatalogueViewSet):
    """Re-integration providers UWV buys trajectories from."""

    serializer_class = ProviderSerializer
    queryset = Provider.objects.order_by("name")


class ServiceTypeViewSet(CatalogueViewSet):
    """The services that can be bought, with the client phases each is for."""

    serializer_class = ServiceTypeSerializer
    queryset = ServiceType.objects.order_by("code")
