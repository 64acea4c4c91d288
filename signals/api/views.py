"""Signals over the REST API: a caseworker's list of what needs attention, and setting one aside.

Every query starts from `Signal.objects.visible_to(user)`: a signal of a client outside the
user's scope is not in the list and is a 404 on its own URL.
"""

from collections.abc import Sequence
from typing import Any, cast

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.models import User
from common.api import ShowsClientData, change_reason
from common.reads import Read, note_reads
from signals.models import Signal
from signals.permissions import CanDismissSignal
from signals.services import dismiss_signal

from .filters import SignalFilter
from .serializers import SignalDismissSerializer, SignalSerializer


class SignalViewSet(ShowsClientData, viewsets.ReadOnlyModelViewSet):
    """Signals raised by the nightly checks, newest first. Filters: `kind`, `status`, `client`,
    `team` (the client's team)."""

    serializer_class = SignalSerializer
    lookup_value_regex = "[0-9]+"  # a non-numeric id is an unknown address (404)
    filterset_class = SignalFilter

    def get_queryset(self) -> QuerySet[Signal]:
        # The serializer shows related rows by id only (read from the row itself), so the list
        # is one page query and one count, however many signals it holds.
        return Signal.objects.visible_to(self.request.user)

    def get_permissions(self) -> Sequence[Any]:
        if self.action == "dismiss":
            return [IsAuthenticated(), CanDismissSignal()]
        return super().get_permissions()

    @extend_schema(
        request=SignalDismissSerializer,
        responses={200: SignalSerializer},
        description=(
            "Set an open signal aside until `until` (inclusive) for `reason`; the reason is "
            "also the change reason in the signal's history. For the client's team only "
            "(caseworkers, team manager)."
        ),
    )
    @action(detail=True, methods=["post"])
    def dismiss(self, request: Request, pk: str | None = None) -> Response:
        signal = self.get_object()  # 404 outside the user's scope, 403 outside the team
        data = SignalDismissSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        dismissed = dismiss_signal(
            signal=signal,
            reason=data.validated_data["reason"],
            until=data.validated_data["until"],
            by=cast(User, request.user),
            change_reason=change_reason(request),
        )
        note_reads(request, [dismissed], Read.VIEW)
        return Response(SignalSerializer(dismissed).data)
