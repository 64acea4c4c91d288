from datetime import date
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from accounts.models import User
from clients.api.fields import ClientField
from common.api import plausible
from common.fields import text_limit
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
from phases.models import Phase


class ConversationSerializer(serializers.ModelSerializer):
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

    def validate_held_on(self, value: date | None) -> date | None:
        return plausible(value, _("De gespreksdatum"), future_years=2)

    def validate_next_contact_on(self, value: date | None) -> date | None:
        return plausible(value, _("Het volgende contact"), future_years=5)


class ContactExemptionSerializer(serializers.ModelSerializer):
    client = ClientField()

    class Meta:
        model = ContactExemption
        fields = ["id", "client", "reason", "note", "valid_from", "valid_until"]

    def validate_valid_from(self, value: date | None) -> date | None:
        return plausible(value, _("De ingangsdatum"), future_years=2)

    def validate_valid_until(self, value: date | None) -> date | None:
        return plausible(value, _("De einddatum"), future_years=10)


class ProviderSerializer(serializers.ModelSerializer):
    class Meta:
        model = Provider
        fields = ["id", "name", "kvk_number", "active"]


class ServiceTypeSerializer(serializers.ModelSerializer):
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


class AgreementSerializer(serializers.ModelSerializer):
    """An agreement in a plan. New ones start `open`; their status changes on the client file."""

    class Meta:
        model = Agreement
        fields = ["id", "description", "owner", "due_on", "status"]
        read_only_fields = ["id", "status"]

    def validate_due_on(self, value: date | None) -> date | None:
        return plausible(value, _("De uiterste datum"), future_years=10)


class WorkPlanSerializer(serializers.ModelSerializer):
    """A version of a client's work plan. POST makes a new current version (the previous one
    becomes `superseded`) with exactly the agreements sent; `status` "agreed" with `agreed_on`
    records that it was agreed with the client."""

    client = ClientField()
    agreements = AgreementSerializer(many=True, required=False)
    status = serializers.ChoiceField(
        choices=WorkPlan.Status.choices,
        default=WorkPlan.Status.DRAFT,
        help_text=_("Bij POST: draft of agreed / on POST: draft or agreed"),
    )

    class Meta:
        model = WorkPlan
        fields = ["id", "client", "version", "goal", "status", "agreed_on", "agreements"]
        read_only_fields = ["id", "version"]
        # The one-current-plan constraint is the service's to keep (it supersedes the old one).
        validators: list = []

    def validate_agreed_on(self, value: date | None) -> date | None:
        return plausible(value, _("De afspraakdatum"))

    def validate_status(self, value: str) -> str:
        if value == WorkPlan.Status.SUPERSEDED:
            raise serializers.ValidationError(
                _("Een nieuwe versie is concept of afgesproken; vervangen wordt ze later.")
            )
        return value

    def validate(self, data: dict[str, Any]) -> dict[str, Any]:
        if data.get("status") == WorkPlan.Status.AGREED and not data.get("agreed_on"):
            raise serializers.ValidationError(
                {"agreed_on": _("Geef de datum waarop het plan is afgesproken.")}
            )
        return data


class PauseSerializer(serializers.ModelSerializer):
    class Meta:
        model = TrajectoryPause
        fields = ["from_date", "to_date", "reason"]
        read_only_fields = fields


class TrajectorySerializer(serializers.ModelSerializer):
    """A purchased trajectory. POST buys one (status `requested`, or `running` when it started
    today or earlier); `repeat_justification` is required when the client had this service
    before. Its status then changes with PATCH (see TrajectoryChangeSerializer)."""

    client = ClientField()
    service_type = serializers.PrimaryKeyRelatedField(queryset=ServiceType.objects.all())
    provider = serializers.PrimaryKeyRelatedField(queryset=Provider.objects.all())
    cost = serializers.DecimalField(
        max_digits=10,
        decimal_places=2,
        min_value=Decimal("0"),
        coerce_to_string=True,
        help_text=_("Euro's als tekst, bv. 4250.00 / euros as a string"),
    )
    outcome = serializers.ChoiceField(
        choices=Trajectory.Outcome.choices, allow_blank=True, read_only=True
    )
    pauses = PauseSerializer(many=True, read_only=True)

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

    def validate_purchased_on(self, value: date | None) -> date | None:
        return plausible(value, _("De inkoopdatum"))

    def validate_started_on(self, value: date | None) -> date | None:
        return plausible(value, _("De startdatum"), future_years=2)

    def validate_planned_end_on(self, value: date | None) -> date | None:
        return plausible(value, _("De geplande einddatum"), future_years=10)


class TrajectoryChangeSerializer(serializers.Serializer):
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
    on = serializers.DateField(help_text=_("De dag van de wijziging / the day it takes effect"))
    reason = serializers.CharField(
        required=False, allow_blank=True, max_length=text_limit(TrajectoryPause, "reason")
    )
    outcome = serializers.ChoiceField(
        choices=Trajectory.Outcome.choices, required=False, allow_blank=True
    )
    outcome_note = serializers.CharField(
        required=False, allow_blank=True, max_length=text_limit(Trajectory, "outcome_note")
    )

    def validate_on(self, value: date | None) -> date | None:
        return plausible(value, _("De datum"))
