"""A client's rungs on the participation ladder over the REST API."""

from typing import Any, cast

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from rest_framework import generics
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.serializers import BaseSerializer

from accounts.models import User
from clients.api.permissions import EditsClientFiles
from clients.models import Client
from common.api import change_reason
from common.reads import Read, note_reads
from participation.models import RungAssessment
from participation.services import record_rung

from .serializers import RungAssessmentSerializer


class ClientLadderView(generics.ListCreateAPIView):
    """The client's assessments on the participation ladder, oldest first (of two on one day,
    the later recorded holds). POST records one: `rung`, `assessed_on` (not in the future, not
    before birth), `note`; `assessed_by` is the requesting user. A client outside the user's
    scope is a 404. Reading is logged."""

    serializer_class = RungAssessmentSerializer
    permission_classes = [IsAuthenticated, EditsClientFiles]

    def client(self) -> Client:
        """The client of the address, in the user's scope (else 404); looking is a read of
        the file, even when it has no rungs yet."""
        if not hasattr(self, "_client"):
            visible = Client.objects.visible_to(self.request.user)
            self._client = get_object_or_404(visible, pk=self.kwargs["pk"])
            note_reads(self.request, [self._client], Read.VIEW)
        return self._client

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        self.client()  # an unknown client is a 404 before its body is read
        return super().create(request, *args, **kwargs)

    def get_queryset(self) -> QuerySet[RungAssessment]:
        if getattr(self, "swagger_fake_view", False):  # the API document has no client
            return RungAssessment.objects.none()
        return RungAssessment.objects.filter(client=self.client()).order_by("assessed_on", "id")

    def perform_create(self, serializer: BaseSerializer) -> None:
        serializer.instance = record_rung(
            client=self.client(),
            **serializer.validated_data,
            by=cast(User, self.request.user),
            change_reason=change_reason(self.request),
        )
