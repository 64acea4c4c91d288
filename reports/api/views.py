"""Reports over the REST API: the phase distribution of table 3.1, who works on a day (tables
1b-1d, 5.1-5.3 and 3.7), and the placements, renewals and retention of table 2 and figure 5.2."""

from collections.abc import Callable
from typing import Any, cast

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.serializers import Serializer
from rest_framework.views import APIView

from accounts.models import User
from common.replica import reads_from_replica
from reports.catalogue.ladder import ladder_figures
from reports.catalogue.phase_distribution import phase_distribution
from reports.catalogue.phase_flows import flow_figures
from reports.catalogue.work_status import work_status
from reports.catalogue.work_year import placement_figures
from reports.permissions import ReportScope, report_scope
from reports.registry import REPORTS

from .flow_serializers import PhaseFlows, PhaseFlowsQuery
from .serializers import (
    Ladder,
    LadderQuery,
    PhaseDistribution,
    PhaseDistributionQuery,
    Placements,
    PlacementsQuery,
    WorkStatus,
    WorkStatusQuery,
)

NOT_YOURS = OpenApiResponse(description="Een team buiten uw teams / a team not yours")


def yearly_figures(
    request: Request, report: str, figures: Callable[..., dict[str, Any]]
) -> dict[str, Any]:
    """A yearly report's figures for `?year=` and `?team=` (400 when either is missing or
    malformed), in the scope of the requesting user (403 without a dashboard role, 404 for a
    team not theirs)."""
    query = PhaseDistributionQuery(data=request.query_params)
    query.is_valid(raise_exception=True)
    user = cast(User, request.user)
    if not REPORTS[report].may_see(user):
        raise PermissionDenied
    scope = report_scope(user, query.validated_data.get("team"))
    return figures(scope, year=query.validated_data["year"], today=timezone.localdate())


def scoped_query(
    request: Request, query_class: type[Serializer], report: str
) -> tuple[dict[str, Any], ReportScope]:
    """A report's query read with `query_class` (400 when malformed) and the scope of the
    requesting user (403 without a dashboard role or when the registry hides `report`, 404 for
    a team not theirs)."""
    query = query_class(data=request.query_params)
    query.is_valid(raise_exception=True)
    user = cast(User, request.user)
    if not REPORTS[report].may_see(user):
        raise PermissionDenied
    data = dict(query.validated_data)
    return data, report_scope(user, data.get("team"))


class PhaseDistributionView(APIView):
    """For each month-end of `year` up to today, the active clients in each phase; averaged over
    those month-ends and rounded (the way UWV reports the phase distribution per year). Team
    managers get their own teams, auditors and functional administrators every team, a
    caseworker their own clients; a `team` outside that is a 404."""

    @extend_schema(
        parameters=[PhaseDistributionQuery],
        responses={200: PhaseDistribution, 404: NOT_YOURS},
    )
    @reads_from_replica()
    def get(self, request: Request) -> Response:
        result = yearly_figures(request, "phase_distribution", phase_distribution)
        return Response(PhaseDistribution(result).data)


class PlacementsView(APIView):
    """For `year`: the placements (one per client and start day) and contract renewals dated
    in it, the scope's share of the national norm, retention a year after the placements at a
    regular employer whose one-year mark is today or earlier (counts), and new work after the
    jobs that ended in it. Scope as for the phase distribution."""

    @extend_schema(parameters=[PlacementsQuery], responses={200: Placements, 404: NOT_YOURS})
    @reads_from_replica()
    def get(self, request: Request) -> Response:
        result = yearly_figures(request, "placements", placement_figures)
        return Response(Placements(result).data)


class WorkStatusView(APIView):
    """The active clients (work capacity, in service) on `on` and how many of them worked that
    day: at a regular employer, in or via the Wsw, in paid employment in all (each client once)
    and its share in percent; self-employed only or beside paid employment; the strongest
    contract of those at a regular employer as it stood that day, and their support (table
    3.7). Scope as for the phase distribution; a `team` outside it is a 404."""

    @extend_schema(
        parameters=[WorkStatusQuery],
        responses={200: WorkStatus, 404: NOT_YOURS},
    )
    @reads_from_replica()
    def get(self, request: Request) -> Response:
        data, scope = scoped_query(request, WorkStatusQuery, "work_status")
        return Response(WorkStatus(work_status(scope, on=data["on"])).data)


class LadderView(APIView):
    """The participation ladder (figures 5.7 and 5.8): the rungs of the active clients on `to`
    (`unknown`: none assessed by then), and the movement of the clients active with a known
    rung on `from`: `left` when no longer active on `to`, else their rung on `to` against the
    one on `from`. The rung on a day is the latest assessment on or before it. Scope as for
    the phase distribution; a `team` outside it is a 404."""

    @extend_schema(parameters=[LadderQuery], responses={200: Ladder, 404: NOT_YOURS})
    @reads_from_replica()
    def get(self, request: Request) -> Response:
        data, scope = scoped_query(request, LadderQuery, "ladder_movement")
        figures = ladder_figures(scope, start=data["from"], end=data["to"])
        return Response(Ladder(figures).data)


class PhaseFlowsView(APIView):
    """The flow through the client phases (figures 5.9 and 5.10): of the clients who started
    `phase` (1 or 2) from `from` to `to` (the first start in that period counts), the number
    who switched phase none, one, few (2-3) or many (4+) times after it up to `on`, by where
    they are on `on`: the phase running that day, or `out` when no longer active (out of
    service, or no work capacity by the decision in force). The team is the team on `on`.
    Scope as for the phase distribution; a `team` outside it is a 404."""

    @extend_schema(parameters=[PhaseFlowsQuery], responses={200: PhaseFlows, 404: NOT_YOURS})
    @reads_from_replica()
    def get(self, request: Request) -> Response:
        data, scope = scoped_query(request, PhaseFlowsQuery, "phase_flows")
        figures = flow_figures(
            scope, phase=data["phase"], start=data["from"], end=data["to"], on=data["on"]
        )
        return Response(PhaseFlows(figures).data)
