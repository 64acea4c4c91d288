"""GET /api/v1/work-queue/: the caseworker's work queue over the API, scoped as the screen."""

from datetime import date, timedelta
from typing import Any, cast

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.permissions import BasePermission, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.models import User
from casework.work_queue import Kind, queue_owners, work_queue
from clients.permissions import may_edit_client_files
from common.plausible import Plausible
from common.reads import note_reads
from common.serializers import PlausibleDateField

# A year at most per request: the queue is for planning days and weeks, not for exports.
LONGEST_RANGE = timedelta(days=366)


FIRST_DAY = Plausible(_("De begindatum"), future_years=2)
LAST_DAY = Plausible(_("De einddatum"), future_years=2)


class WorkQueueQuery(serializers.Serializer):
    to = PlausibleDateField(
        plausible=LAST_DAY, help_text=_("Laatste dag (inclusief), JJJJ-MM-DD / last day")
    )
    caseworker = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=2**31 - 1,
        help_text=_("Casemanager (id); standaard uzelf / caseworker, default: yourself"),
    )

    def get_fields(self) -> dict[str, serializers.Field]:
        fields = super().get_fields()
        fields["from"] = PlausibleDateField(  # a Python keyword
            plausible=FIRST_DAY, help_text=_("Eerste dag, JJJJ-MM-DD / first day")
        )
        return fields

    def validate(self, data: dict[str, Any]) -> dict[str, Any]:
        start, end = data["from"], data["to"]
        if end < start:
            raise serializers.ValidationError({"to": _("De einddatum ligt voor de begindatum.")})
        if end - start > LONGEST_RANGE:
            raise serializers.ValidationError({"to": _("Vraag hoogstens een jaar tegelijk op.")})
        return data


class WorkQueueItemSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=Kind.choices)
    client = serializers.IntegerField(source="client_id")
    due_on = serializers.DateField()
    ref = serializers.IntegerField(
        help_text=_(
            "Id van het record; bij signal en contract_ending het signaal / the record's id; "
            "for signal and contract_ending the signal's"
        )
    )


class WorkQueueSerializer(serializers.Serializer):
    items = WorkQueueItemSerializer(
        many=True, help_text=_("Wat er te doen is, oudste eerst / the work to do, oldest first")
    )


class HasWorkQueue(BasePermission):
    """The queue is for the roles that keep files: caseworkers and team managers."""

    message = _("De werkvoorraad is er voor casemanagers en teammanagers.")

    def has_permission(self, request: Request, view: APIView) -> bool:
        return may_edit_client_files(cast(User, request.user))


class WorkQueueView(APIView):
    """What a caseworker has to do from `from` to `to`, oldest first: planned conversations in
    the range, missed ones before it, open signals (an ending contract as `contract_ending`,
    due on its planned end, `ref` the signal), open agreements due by `to`, open referrals to
    follow up by `to` (`referral_follow_up`, `ref` the referral), phase-exemption
    reviews and contact exemptions ending in the range, trajectories ending up to 14 days after
    it, and clients handed over and not yet spoken. `caseworker` (a team manager: one of their
    teams') defaults to the requesting user."""

    permission_classes = [IsAuthenticated, HasWorkQueue]

    @extend_schema(parameters=[WorkQueueQuery], responses={200: WorkQueueSerializer})
    def get(self, request: Request) -> Response:
        viewer = cast(User, request.user)
        query = WorkQueueQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        caseworker = self._caseworker(viewer, query.validated_data.get("caseworker"))
        start: date = query.validated_data["from"]
        items = work_queue(
            caseworker=caseworker, viewer=viewer, start=start, end=query.validated_data["to"]
        )
        note_reads(request, [item.client_id for item in items])
        return Response({"items": WorkQueueItemSerializer(items, many=True).data})

    @staticmethod
    def _caseworker(viewer: User, wanted: int | None) -> User:
        if wanted is None:
            return viewer
        found = queue_owners(viewer).filter(pk=wanted).first()
        if found is None:
            raise serializers.ValidationError(
                {"caseworker": [_("Onbekende casemanager, of niet een van uw teams.")]}
            )
        return found
