"""Employers, jobs (with their renewals) and provisions over the REST API."""

from typing import Any, cast

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiExample, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import BasePermission, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.serializers import BaseSerializer
from rest_framework.views import APIView

from accounts.models import User
from clients.api.base import ClientRecordViewSet
from clients.models import Client
from common.api import change_reason
from work.models import Employer, Job, JobRenewal, Provision
from work.permissions import may_add_employers
from work.selectors import with_placement
from work.services.employers import create_employer
from work.services.jobs import correct_job, end_job, record_job
from work.services.provisions import change_provision, record_provision
from work.services.renewals import renew_job

from .filters import EmployerFilter, JobFilter, ProvisionFilter
from .serializers import (
    EmployerSerializer,
    JobChangeSerializer,
    JobSerializer,
    ProvisionChangeSerializer,
    ProvisionSerializer,
    RenewalRequestSerializer,
)


class AddsEmployers(BasePermission):
    message = gettext_lazy("Uw rol mag geen werkgevers toevoegen.")

    def has_permission(self, request: Request, view: APIView) -> bool:
        return request.method in ("GET", "HEAD", "OPTIONS") or may_add_employers(request.user)


class EmployerViewSet(mixins.ListModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet):
    """Employers by name. Filter: `search` (words of the name, or a payroll tax number or KvK
    number exactly). Any caseworker may add one; a payroll tax number is known once."""

    serializer_class = EmployerSerializer
    filterset_class = EmployerFilter
    permission_classes = [IsAuthenticated, AddsEmployers]

    def get_queryset(self) -> QuerySet[Employer]:
        return Employer.objects.visible_to(self.request.user).order_by("name", "id")

    def perform_create(self, serializer: BaseSerializer) -> None:
        serializer.instance = create_employer(
            **serializer.validated_data,
            by=cast(User, self.request.user),
            change_reason=change_reason(self.request),
        )


JOB_EXAMPLES = [
    OpenApiExample(
        "Tijdelijk contract / a temporary contract",
        value={
            "client": 42,
            "kind": "regular",
            "employer": 7,
            "contract": "temporary",
            "hours_per_week": "24",
            "started_on": "2026-02-01",
            "planned_end_on": "2027-01-31",
            "placed_by": "uwv",
        },
        request_only=True,
    ),
    OpenApiExample(
        "Een afgelopen baan in één keer / a past job whole",
        value={
            "client": 42,
            "kind": "regular",
            "employer": 7,
            "contract": "permanent",
            "started_on": "2019-05-01",
            "ended_on": "2023-08-31",
            "end_reason": "resigned",
            "placed_by": "self",
        },
        request_only=True,
    ),
]
RENEWALS_IN_ORDER = Prefetch("renewals", queryset=JobRenewal.objects.order_by("renewed_on", "id"))
ENDING = {"ended_on", "end_reason"}


@extend_schema_view(create=extend_schema(examples=JOB_EXAMPLES))
class JobViewSet(ClientRecordViewSet, mixins.UpdateModelMixin):
    """Jobs of clients in the user's scope, latest start first, each with `is_placement` and
    its renewals. Filters: `client`, `kind`, `running_on` (a day: started by then, last day
    worked not before it). POST records a job; PATCH ends it (`ended_on` and `end_reason`) or
    corrects fields; POST on `renewals/` renews its contract."""

    model = Job
    ordering = ("-started_on", "-id")
    serializer_class = JobSerializer
    filterset_class = JobFilter
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self) -> QuerySet[Any]:
        return with_placement(super().get_queryset()).prefetch_related(RENEWALS_IN_ORDER)

    def _shown(self, job: Job) -> Job:
        """The job as the API shows it, with what it derives."""
        return cast(Job, self.get_queryset().get(pk=job.pk))

    def record(self, *, client: Client, data: dict[str, Any], by: User, change_reason: str) -> Any:
        return self._shown(record_job(client=client, by=by, change_reason=change_reason, **data))

    @extend_schema(request=JobChangeSerializer, responses={200: JobSerializer})
    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        job = self.get_object()
        changes = self.validated_changes(JobChangeSerializer)
        user, why = cast(User, request.user), change_reason(request)
        if job.ended_on is None and changes.get("ended_on") and set(changes) <= ENDING:
            end_job(
                job=job,
                ended_on=changes["ended_on"],
                end_reason=changes.get("end_reason") or "",
                by=user,
                change_reason=why,
            )
        else:
            correct_job(job=job, changes=changes, by=user, change_reason=why)
        return Response(self.get_serializer(self._shown(job)).data)

    @extend_schema(
        request=RenewalRequestSerializer,
        responses={201: JobSerializer},
        description=(
            "Renew a temporary or agency contract on `renewed_on` (from the job's start, today "
            "or earlier, not before its last renewal): extend it to `new_planned_end_on`, later "
            "than its planned end now, or make it permanent (`made_permanent: true`; the "
            "planned end is cleared). Answers the job with its renewals."
        ),
    )
    @action(detail=True, methods=["post"])
    def renewals(self, request: Request, pk: str | None = None) -> Response:
        job = self.get_object()
        data = RenewalRequestSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        renew_job(
            job=job,
            **data.validated_data,
            by=cast(User, request.user),
            change_reason=change_reason(request),
        )
        return Response(self.get_serializer(self._shown(job)).data, status=status.HTTP_201_CREATED)


class ProvisionViewSet(ClientRecordViewSet, mixins.UpdateModelMixin):
    """Provisions of clients in the user's scope, latest application first. Filters: `client`,
    `kind`, `pending` (not yet decided). POST records an application (a past one whole);
    PATCH decides on it or corrects it."""

    model = Provision
    ordering = ("-applied_on", "-id")
    serializer_class = ProvisionSerializer
    filterset_class = ProvisionFilter
    http_method_names = ["get", "post", "patch", "head", "options"]

    def record(self, *, client: Client, data: dict[str, Any], by: User, change_reason: str) -> Any:
        return record_provision(client=client, by=by, change_reason=change_reason, **data)

    @extend_schema(request=ProvisionChangeSerializer, responses={200: ProvisionSerializer})
    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        changed = change_provision(
            provision=self.get_object(),
            changes=self.validated_changes(ProvisionChangeSerializer),
            by=cast(User, request.user),
            change_reason=change_reason(request),
        )
        return Response(self.get_serializer(changed).data)
