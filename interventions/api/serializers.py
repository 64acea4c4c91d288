from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from accounts.models import User
from clients.api.fields import ClientField
from common.fields import text_limit
from common.serializers import (
    ChoiceSubsetField,
    MoneyField,
    PlausibleDateField,
    StrictModelSerializer,
    WholeBodySerializer,
)
from interventions.models import (
    Agreement,
    ContactExemption,
    Conversation,
    Provider,
    ServiceType,
    Trajectory,
    TrajectoryPause,
    WorkPlan,
)
from interventions.validators import (
    AGREEMENT_DATES,
    CONTACT_EXEMPTION_DATES,
    CONVERSATION_DATES,
    STATUS_CHANGE_DATES,
    TRAJECTORY_DATES,
    WORK_PLAN_DATES,
)
from phases.models import Phase


class ConversationSerializer(StrictModelSerializer):
    """A conversation over the API. Required on POST: `client`, `held_on`, `status`,
    `channel`; `caseworker` defaults to the requesting user (anyone else must be a caseworker
    or team manager of the client's team), `kind` to `monitoring`, `with_client` to true. A
    held conversation cannot lie in the future."""

    client = ClientField()
    caseworker = serializers.PrimaryKeyRelatedField(
        queryset=User.objects.filter(is_active=True),
        required=False,
        help_text=_(
            "Wie het gesprek voerde: leeg is uzelf, anders een casemanager of teammanager van "
            "het team van de cliënt / who held it: empty is you, else a caseworker or team "
            "manager of the client's team"
        ),
    )
    kind = serializers.ChoiceField(
        choices=Conversation.Kind.choices, default=Conversation.Kind.MONITORING
    )
    with_client = serializers.BooleanField(default=True)
    duration_minutes = serializers.IntegerField(
        required=False, allow_null=True, min_value=1, max_value=24 * 60
    )

    plausible_dates = CONVERSATION_DATES

    class Meta:
        model = Conversation
        fields = [
            "id",
            "client",
            "caseworker",
            "held_on",
            "status",
            "channel",
            "with_client",
            "kind",
            "duration_minutes",
            "summary",
            "next_contact_on",
        ]


class ConversationChangeSerializer(StrictModelSerializer):
    """PATCH on a conversation: the fields sent change, the others stay. A `planned` one is
    recorded as `held`, `no_show` or `cancelled` with `held_on` the day that happened (today
    or earlier; without `held_on` its planned day counts), or moved to another `held_on`
    (today or later). A recorded one keeps its status; its other fields can be corrected. A
    held one without a duration gets the norm's minutes for its kind, as on POST."""

    duration_minutes = serializers.IntegerField(
        required=False, allow_null=True, min_value=1, max_value=24 * 60
    )

    plausible_dates = ConversationSerializer.plausible_dates

    class Meta:
        model = Conversation
        fields = [
            "held_on",
            "status",
            "channel",
            "with_client",
            "kind",
            "duration_minutes",
            "summary",
            "next_contact_on",
        ]


class ContactExemptionSerializer(StrictModelSerializer):
    client = ClientField()

    plausible_dates = CONTACT_EXEMPTION_DATES

    class Meta:
        model = ContactExemption
        fields = ["id", "client", "reason", "note", "valid_from", "valid_until"]


class ProviderSerializer(StrictModelSerializer):
    class Meta:
        model = Provider
        fields = ["id", "name", "kvk_number", "active"]


class ServiceTypeSerializer(StrictModelSerializer):
    """A service in the catalogue; `phases` lists the client phases it is bought for."""

    phases = serializers.ListField(
        child=serializers.ChoiceField(choices=Phase.choices),
        min_length=1,
        max_length=4,
        help_text=_("Fasecodes, bv. 2 en 3 / phase codes"),
    )

    class Meta:
        model = ServiceType
        fields = ["id", "code", "name", "phases", "category", "active"]

    def to_representation(self, instance: ServiceType) -> dict[str, Any]:
        data = super().to_representation(instance)
        data["phases"] = list(instance.phases)
        return data

    def validate_phases(self, value: list[str]) -> str:
        return "".join(sorted(set(value)))


class AgreementSerializer(StrictModelSerializer):
    """An agreement in a plan. New ones start `open`; their status changes on the client file."""

    plausible_dates = AGREEMENT_DATES

    class Meta:
        model = Agreement
        fields = ["id", "description", "owner", "due_on", "status"]
        read_only_fields = ["id", "status"]


class WorkPlanSerializer(StrictModelSerializer):
    """A version of a client's work plan. POST makes a new current version (the previous one
    becomes `superseded`) with exactly the agreements sent; `status` "agreed" with `agreed_on`
    records that it was agreed with the client."""

    client = ClientField()
    agreements = AgreementSerializer(many=True, required=False)
    status = ChoiceSubsetField(
        choices=WorkPlan.Status.choices,
        writable=[WorkPlan.Status.DRAFT, WorkPlan.Status.AGREED],
        refusal=_("Een nieuwe versie is concept of afgesproken; vervangen wordt ze later."),
        default=WorkPlan.Status.DRAFT,
        help_text=_("Bij POST: draft of agreed / on POST: draft or agreed"),
    )

    plausible_dates = WORK_PLAN_DATES

    class Meta:
        model = WorkPlan
        fields = ["id", "client", "version", "goal", "status", "agreed_on", "agreements"]
        read_only_fields = ["id", "version"]
        # The one-current-plan constraint is the service's to keep (it supersedes the old one).
        validators: list = []

    def validate(self, data: dict[str, Any]) -> dict[str, Any]:
        if data.get("status") == WorkPlan.Status.AGREED and not data.get("agreed_on"):
            raise serializers.ValidationError(
                {"agreed_on": _("Geef de datum waarop het plan is afgesproken.")}
            )
        return data


class PauseSerializer(StrictModelSerializer):
    class Meta:
        model = TrajectoryPause
        fields = ["from_date", "to_date", "reason"]
        read_only_fields = fields


class TrajectorySerializer(StrictModelSerializer):
    """A purchased trajectory. POST buys one (status `requested`, or `running` when it started
    today or earlier); `repeat_justification` is required when the client had this service
    before. Its status then changes with PATCH (see TrajectoryChangeSerializer)."""

    client = ClientField()
    service_type = serializers.PrimaryKeyRelatedField(queryset=ServiceType.objects.all())
    provider = serializers.PrimaryKeyRelatedField(queryset=Provider.objects.all())
    cost = MoneyField(
        max_digits=10,
        decimal_places=2,
        help_text=_("Euro's als tekst, bv. 4250.00 / euros as a string"),
    )
    outcome = serializers.ChoiceField(
        choices=Trajectory.Outcome.choices, allow_blank=True, read_only=True
    )
    pauses = PauseSerializer(many=True, read_only=True)

    plausible_dates = TRAJECTORY_DATES

    class Meta:
        model = Trajectory
        fields = [
            "id",
            "client",
            "service_type",
            "provider",
            "purpose",
            "purchased_on",
            "started_on",
            "planned_end_on",
            "ended_on",
            "status",
            "cost",
            "outcome",
            "repeat_justification",
            "pauses",
        ]
        read_only_fields = ["id", "ended_on", "status", "outcome", "pauses"]


class TrajectoryChangeSerializer(WholeBodySerializer):
    """PATCH on a trajectory changes its status, from the day `on`:
    `running` (start a requested one, or resume a paused one), `paused` (with a `reason`),
    `completed` (with an `outcome`) or `cancelled`. Other fields cannot change."""

    status = serializers.ChoiceField(
        choices=[
            Trajectory.Status.RUNNING,
            Trajectory.Status.PAUSED,
            Trajectory.Status.COMPLETED,
            Trajectory.Status.CANCELLED,
        ]
    )
    on = PlausibleDateField(
        plausible=STATUS_CHANGE_DATES["on"],
        help_text=_("De dag van de wijziging / the day it takes effect"),
    )
    reason = serializers.CharField(
        required=False, allow_blank=True, max_length=text_limit(TrajectoryPause, "reason")
    )
    outcome = serializers.ChoiceField(
        choices=Trajectory.Outcome.choices, required=False, allow_blank=True
    )
    outcome_note = serializers.CharField(
        required=False, allow_blank=True, max_length=text_limit(Trajectory, "outcome_note")
    )
