from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from accounts.models import User
from clients.models import Client
from interventions.models import ContactExemption, Conversation, Provider, ServiceType
from phases.models import Phase
from wajong.api import plausible


class ConversationSerializer(serializers.ModelSerializer):
    """A conversation as API.md names it. Required on POST: `client`, `held_on`, `status`,
    `channel`; `caseworker` defaults to the requesting user, `kind` to `monitoring`,
    `with_client` to true. A held conversation cannot lie in the future."""

    client = serializers.PrimaryKeyRelatedField(queryset=Client.objects.all())
    caseworker = serializers.PrimaryKeyRelatedField(
        queryset=User.objects.filter(is_active=True), required=False
    )
    kind = serializers.ChoiceField(
        choices=Conversation.Kind.choices, default=Conversation.Kind.MONITORING
    )
    with_client = serializers.BooleanField(default=True)
    duration_minutes = serializers.IntegerField(
        required=False, allow_null=True, min_value=1, max_value=24 * 60
    )
    summary = serializers.CharField(required=False, allow_blank=True, max_length=10_000)

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

    def validate_held_on(self, value):
        return plausible(value, _("De gespreksdatum"), future_years=2)

    def validate_next_contact_on(self, value):
        return plausible(value, _("Het volgende contact"), future_years=5)


class ContactExemptionSerializer(serializers.ModelSerializer):
    client = serializers.PrimaryKeyRelatedField(queryset=Client.objects.all())
    note = serializers.CharField(required=False, allow_blank=True, max_length=2000)

    class Meta:
        model = ContactExemption
        fields = ["id", "client", "reason", "note", "valid_from", "valid_until"]

    def validate_valid_from(self, value):
        return plausible(value, _("De ingangsdatum"), future_years=2)

    def validate_valid_until(self, value):
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

    def to_representation(self, instance):
        data = super().to_representation(instance)
        data["phases"] = list(instance.phases)
        return data

    def validate_phases(self, value: list[str]) -> str:
        return "".join(sorted(set(value)))
