"""Clients and teams over the REST API, and a client's change history.

Every query starts from `Client.objects.visible_to(user)`, so a client outside the user's scope
is a 404. Writes go through the services: `create_client`, `update_client`.
"""

from typing import Any, cast

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.serializers import BaseSerializer
from rest_framework.views import APIView

from accounts.models import Team, User
from accounts.services import create_team
from audit.selectors import KINDS, client_history
from casework.api.filters import ClientFilter
from casework.api.serializers import (
    STALE_READ_MESSAGE,
    ClientSerializer,
    HistoryEntrySerializer,
    HistoryQuery,
    PhasePeriodSerializer,
    PhaseTransitionSerializer,
    TeamSerializer,
)
from clients.api.permissions import EditsClientFiles, ManagesCatalogues
from clients.models import Client
from clients.permissions import (
    check_caseworker_change,
    check_new_client_caseworker,
    check_team_choice,
)
from clients.services import create_client, update_client
from common.api import Pagination, ShowsClientData, change_reason, paginated, paging
from common.forms import MAX_ID
from common.reads import Read, note_reads
from phases.querysets import with_current_phase
from phases.services import transition_phase


class TeamViewSet(mixins.ListModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet):
    """The teams. Every signed-in user may list them; functional administrators add them."""

    serializer_class = TeamSerializer
    permission_classes = [IsAuthenticated, ManagesCatalogues]
    queryset = Team.objects.order_by("name")

    def perform_create(self, serializer: BaseSerializer) -> None:
        serializer.instance = create_team(
            name=serializer.validated_data["name"],
            by=cast(User, self.request.user),
            change_reason=change_reason(self.request),
        )


CLIENT_EXAMPLE = OpenApiExample(
    "Een nieuwe cliënt / a new client",
    value={
        "bsn": "111222333",
        "first_name": "Sanne",
        "last_name": "Visser",
        "date_of_birth": "2001-05-01",
        "regime": "wajong2010",
        "has_work_capacity": True,
        "in_service_since": "2020-01-01",
        "out_of_service_on": None,
        "out_of_service_reason": "",
        "team": 3,
        "caseworker": 17,
    },
    request_only=True,
)
PATCH_EXAMPLE = OpenApiExample(
    "Overdragen (teammanager) / hand over (team manager)",
    value={"caseworker": 18, "version": 4},
    request_only=True,
)


@extend_schema_view(
    create=extend_schema(
        examples=[CLIENT_EXAMPLE],
        description=(
            "Add a client to one of your teams. A caseworker may name only themselves as "
            "`caseworker` (or leave it empty); choosing someone else is the team manager's, "
            "anyone else gets 400 on `caseworker`."
        ),
    )
)
class ClientViewSet(
    ShowsClientData,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Clients in the user's scope. Filters: `team`, `caseworker`, `phase` (the current one),
    `search` (name, or a full BSN), `has_open_signal`. Reading one client is logged.
    Caseworkers and team managers create clients in their own teams and change them; a PATCH
    sends the `version` it read. Choosing another fixed contact person (`caseworker`) is a
    handover, the team manager's as on the handover screen (others: 400 on the field)."""

    serializer_class = ClientSerializer
    lookup_value_regex = "[0-9]+"  # a non-numeric id is an unknown address (404)
    filterset_class = ClientFilter
    permission_classes = [IsAuthenticated, EditsClientFiles]
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self) -> QuerySet[Client]:
        user = cast(User, self.request.user)
        clients = with_current_phase(Client.objects.visible_to(user))
        return clients.order_by("last_name", "first_name", "id")

    def perform_create(self, serializer: BaseSerializer) -> None:
        data = dict(serializer.validated_data)
        data.pop("version", None)
        user = cast(User, self.request.user)
        check_team_choice(user, data["team"])
        check_new_client_caseworker(user, data.get("caseworker"))
        client = create_client(**data, by=user, change_reason=change_reason(self.request))
        serializer.instance = self.get_queryset().get(pk=client.pk)
        note_reads(self.request, [client], Read.VIEW)

    @extend_schema(
        parameters=paging(),
        responses={200: paginated(PhasePeriodSerializer, "PaginatedPhasePeriodList")},
    )
    @action(detail=True, methods=["get"])
    def phases(self, request: Request, pk: str | None = None) -> Response:
        """The client's phase periods, oldest first (`ended_on` is exclusive)."""
        client = self.get_object()
        periods = client.phase_periods.order_by("started_on", "id")
        paginator = Pagination()
        page: list = paginator.paginate_queryset(periods, request, view=self) or []
        note_reads(request, [client], Read.VIEW)
        return paginator.get_paginated_response(PhasePeriodSerializer(page, many=True).data)

    @extend_schema(
        request=PhaseTransitionSerializer,
        responses={201: PhasePeriodSerializer, 409: OpenApiResponse(description="conflict")},
        examples=[
            OpenApiExample(
                "Naar fase 3 / to phase 3",
                value={
                    "phase": "3",
                    "started_on": "2026-11-20",
                    "reason": "Werkfit traject klaar",
                    "version": 4,
                },
                request_only=True,
            )
        ],
    )
    @action(detail=True, methods=["post"], url_path="phase-transitions")
    def phase_transitions(self, request: Request, pk: str | None = None) -> Response:
        """Start a new phase: the current period closes on `started_on`. Send the client
        `version` you read: an older one gets 409 (with `current_version`) and changes nothing;
        a successful transition raises the client's version by one. Refused (400) for a missing
        version, the same phase, a date before the current phase began or in the future, an
        empty reason. `reason` is the change reason in the history (an X-Change-Reason header
        is checked as on every write, but not stored)."""
        client = self.get_object()
        change_reason(request)  # checked like every write's; the history keeps `reason`
        data = PhaseTransitionSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        period = transition_phase(
            client=client,
            phase=data.validated_data["phase"],
            started_on=data.validated_data["started_on"],
            reason=data.validated_data["reason"],
            by=cast(User, request.user),
            expected_version=data.validated_data["version"],
        )
        note_reads(request, [client], Read.VIEW)
        return Response(PhasePeriodSerializer(period).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        responses={200: ClientSerializer},
        examples=[PATCH_EXAMPLE],
        description=(
            "Change a client. Send the `version` you read; an older one gets 409. A new "
            "`caseworker` hands the client over, which only a team manager may do: anyone else "
            "gets 400 on `caseworker` and nothing changes."
        ),
    )
    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        client = self.get_object()
        serializer = self.get_serializer(client, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        changes = dict(serializer.validated_data)
        version = changes.pop("version", None)
        if version is None:
            raise ValidationError({"version": STALE_READ_MESSAGE})
        user = cast(User, request.user)
        if "team" in changes:
            check_team_choice(user, changes["team"])
        if "caseworker" in changes:
            check_caseworker_change(user, client, changes["caseworker"])
        update_client(
            client=client,
            expected_version=version,
            changes=changes,
            by=user,
            change_reason=change_reason(request),
        )
        return Response(
            self.get_serializer(self.get_queryset().get(pk=client.pk)).data,
            status=status.HTTP_200_OK,
        )


class ClientHistoryView(APIView):
    """Every recorded change to the client and its records (phases, conversations, exemptions,
    work plans, agreements, trajectories, pauses, assignments, signals, jobs, renewals,
    provisions), newest first: when, who, which record, what (field, old, new) and why.
    Filters: `user` (id), `from` and `to` (days, inclusive), `kind`. The BSN appears masked.
    Reading it is logged."""

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "user",
                {"type": "integer", "minimum": 1, "maximum": MAX_ID},
                description="Alleen wijzigingen door deze medewerker (id) / changes by this user",
            ),
            OpenApiParameter("from", OpenApiTypes.DATE, description="Vanaf / from (YYYY-MM-DD)"),
            OpenApiParameter("to", OpenApiTypes.DATE, description="Tot en met / to (YYYY-MM-DD)"),
            OpenApiParameter("kind", str, enum=[kind.key for kind in KINDS]),
            *paging(),
        ],
        responses={200: paginated(HistoryEntrySerializer, "PaginatedHistoryEntryList")},
    )
    def get(self, request: Request, pk: int) -> Response:
        user = cast(User, request.user)
        client = get_object_or_404(Client.objects.visible_to(user), pk=pk)
        query = HistoryQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        filters = query.validated_data
        by = User.objects.filter(pk=filters["user"]).first() if "user" in filters else None
        entries = (
            []  # an unknown user changed nothing
            if "user" in filters and by is None
            else client_history(
                client,
                user=by,
                since=filters.get("from"),
                until=filters.get("to"),
                kinds=[filters["kind"]] if filters.get("kind") else (),
            )
        )
        note_reads(request, [client], Read.HISTORY)
        paginator = Pagination()
        page = paginator.paginate_queryset(entries, request, view=self)
        return paginator.get_paginated_response(HistoryEntrySerializer(page, many=True).data)
