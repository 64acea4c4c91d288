"""The read log over the REST API, for auditors only."""

from rest_framework import generics
from rest_framework.permissions import IsAuthenticated

from audit.models import AccessLog
from audit.permissions import IsAuditor
from common.api import ShowsClientData

from .filters import AccessLogFilter
from .serializers import AccessLogSerializer


class AccessLogList(ShowsClientData, generics.ListAPIView):
    """Every read of a client file (view, history, export, BSN reveal): when, by whom, which
    client, what and from where. Newest first. Filters: `client`, `user`, `action`, `from` and
    `to` (days, inclusive). Auditors only; anyone else gets 403."""

    serializer_class = AccessLogSerializer
    filterset_class = AccessLogFilter
    permission_classes = [IsAuthenticated, IsAuditor]
    queryset = AccessLog.objects.order_by("-at", "-id")
