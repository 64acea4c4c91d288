"""A client's change history over the REST API (API.md: /api/v1/clients/{id}/history/)."""

from typing import cast

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.models import User
from audit.models import AccessLog
from audit.selectors import client_history
from audit.services import log_access
from clients.models import Client
from wajong.api import Pagination

from .serializers import HistoryEntrySerializer, HistoryQuery


class ClientHistoryView(APIView):
    """Every recorded change to the client and its records (phases, conversations, exemptions,
    work plans, agreements, trajectories, pauses, assignments, signals), newest first: when,
    who, which record, what (field, old, new) and why. Filters: `user` (id), `from` and `to`
    (days, inclusive), `kind`. The BSN appears masked. Reading it is logged."""

    @extend_schema(
        parameters=[
            OpenApiParameter("user", int),
            OpenApiParameter("from", str, description="YYYY-MM-DD"),
            OpenApiParameter("to", str, description="YYYY-MM-DD"),
            OpenApiParameter("kind", str),
            OpenApiParameter("page", int),
            OpenApiParameter("page_size", int),
        ],
        responses={200: HistoryEntrySerializer(many=True)},
    )
    def get(self, request: Request, pk: int) -> Response:
        user = cast(User, request.user)
        client = get_object_or_404(Client.objects.visible_to(user), pk=pk)
        query = HistoryQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        filters = query.validated_data
        entries = client_history(
            client,
            user=filters.get("user"),
            since=filters.get("from"),
            until=filters.get("to"),
            kinds=[filters["kind"]] if filters.get("kind") else (),
        )
        log_access(user=user, client=client, action=AccessLog.Action.HISTORY, request=request)
        paginator = Pagination()
        page = paginator.paginate_queryset(entries, request, view=self)
        return paginator.get_paginated_response(HistoryEntrySerializer(page, many=True).data)
