"""Reports over the REST API: the phase distribution of table 3.1."""

from typing import cast

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.models import User
from reports.catalogue.phase_distribution import phase_distribution
from reports.permissions import report_scope
from reports.registry import REPORTS

from .serializers import PhaseDistribution, PhaseDistributionQuery


class PhaseDistributionView(APIView):
    """For each month-end of `year` up to today, the active clients in each phase; averaged over
    those month-ends and rounded (the way UWV reports the phase distribution per year). Team
    managers get their
    own teams, auditors and functional administrators every team, a caseworker their own
    clients; a `team` outside that is a 404."""

    @extend_schema(
        parameters=[PhaseDistributionQuery],
        responses={
            200: PhaseDistribution,
            404: OpenApiResponse(description="Een team buiten uw teams / a team not yours"),
        },
    )
    def get(self, request: Request) -> Response:
        query = PhaseDistributionQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        user = cast(User, request.user)
        if not REPORTS["phase_distribution"].may_see(user):
            raise PermissionDenied
        scope = report_scope(user, query.validated_data.get("team"))
        result = phase_distribution(
            scope, year=query.validated_data["year"], today=timezone.localdate()
        )
        return Response(PhaseDistribution(result).data)
