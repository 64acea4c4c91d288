from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from accounts.models import Team, User
from audit.selectors import KINDS
from clients.models import Client
from clients.rules import CLIENT_DATES
from clients.validators import validate_bsn
from common.fields import text_limit
from common.forms import MAX_ID
from common.serializers import (
    PlausibleDateField,
    QuerySerializer,
    RequestPatternField,
    StrictModelSerializer,
    StrictSerializer,
)
from phases.models import Phase, PhasePeriod
from phases.validators import PHASE_TRANSITION_DATES


class TeamSerializer(StrictModelSerializer):
    class Meta:
        model = Team
        fields = ["id", "name"]
        extra_kwargs = {"name": {"help_text": _("Unieke naam van het team / unique team name")}}


# A write to a client that does not say which version of it the caller read.
STALE_READ_MESSAGE = _("Stuur de versie mee die u las.")


class ClientSerializer(StrictModelSerializer):
    """A client over the API. The BSN is written in full and always read masked
    (`*****1234`); `current_phase` and `version` are read-only, except that a PATCH must send
    the `version` it read (an older one gets 409 and changes nothing)."""

    bsn = RequestPatternField(
        pattern=r"^[0-9]{9}$",
        max_length=9,
        validators=[validate_bsn],
        help_text=_("BSN, 9 cijfers met 11-proef; gelezen gemaskeerd / masked when read"),
    )
    team = serializers.PrimaryKeyRelatedField(queryset=Team.objects.all())
    caseworker = serializers.PrimaryKeyRelatedField(
        queryset=User.objects.filter(is_active=True),
        allow_null=True,
        required=False,
        help_text=_(
            "Vaste contactpersoon (gebruikers-id). Wijzigen is overdragen en alleen aan de "
            "teammanager; een casemanager kiest bij een nieuwe cliënt alleen zichzelf; "
            "anders 400 / fixed contact person (user id); changing it is a handover, for team "
            "managers only; a caseworker may name only themselves on a new client; else 400"
        ),
    )
    current_phase = serializers.CharField(read_only=True, allow_null=True)
    version = serializers.IntegerField(
        required=False,
        min_value=1,
        help_text=_("Versie zoals gelezen; verplicht bij PATCH / required on PATCH"),
    )

    plausible_dates = CLIENT_DATES

    class Meta:
        model = Client
        fields = [
            "id",
            "bsn",
            "first_name",
            "last_name",
            "date_of_birth",
            "regime",
            "has_work_capacity",
            "in_service_since",
            "out_of_service_on",
            "out_of_service_reason",
            "team",
            "caseworker",
            "current_phase",
            "version",
        ]

    def to_representation(self, instance: Client) -> dict[str, Any]:
        data = super().to_representation(instance)
        data["bsn"] = instance.masked_bsn
        data["current_phase"] = getattr(instance, "current_phase", None)
        return data


class ChangeSerializer(serializers.Serializer):
    field = serializers.CharField()
    old = serializers.JSONField(allow_null=True, help_text=_("Waarde ervoor / value before"))
    new = serializers.JSONField(allow_null=True, help_text=_("Waarde erna / value after"))


class HistoryEntrySerializer(serializers.Serializer):
    at = serializers.DateTimeField()
    user = serializers.SerializerMethodField(help_text=_("Medewerker (id); null: het systeem"))
    model = serializers.CharField(help_text=_("Soort gegeven, bv. phaseperiod"))
    object_id = serializers.IntegerField()
    action = serializers.ChoiceField(choices=["created", "changed", "deleted"])
    changes = ChangeSerializer(many=True)
    reason = serializers.CharField(allow_blank=True)

    def get_user(self, entry: Any) -> int | None:
        return entry.user.pk if entry.user is not None else None


class HistoryQuery(QuerySerializer):
    """The history's filters."""

    user = serializers.IntegerField(required=False, min_value=1, max_value=MAX_ID)
    to = serializers.DateField(required=False)
    kind = serializers.ChoiceField(choices=[kind.key for kind in KINDS], required=False)

    def get_fields(self) -> dict[str, serializers.Field]:
        fields = super().get_fields()
        fields["from"] = serializers.DateField(required=False)  # a Python keyword
        return fields


class PhasePeriodSerializer(serializers.Serializer):
    phase = serializers.CharField()
    started_on = serializers.DateField()
    ended_on = serializers.DateField(
        allow_null=True, help_text=_("Exclusief; leeg voor de huidige fase / exclusive")
    )
    reason = serializers.CharField()
    recorded_by = serializers.IntegerField(source="recorded_by_id", allow_null=True)


class PhaseTransitionSerializer(StrictSerializer):
    """POST .../phase-transitions/: the new phase, from which day, why (required), and the
    client `version` the caller read, so that two transitions made from the same read cannot
    both go through (the second gets 409)."""

    phase = serializers.ChoiceField(choices=Phase.choices)
    started_on = PlausibleDateField(plausible=PHASE_TRANSITION_DATES["started_on"])
    reason = serializers.CharField(max_length=text_limit(PhasePeriod, "reason"))
    version = serializers.IntegerField(
        min_value=1,
        error_messages={"required": STALE_READ_MESSAGE, "null": STALE_READ_MESSAGE},
        help_text=_("Versie van de cliënt zoals gelezen / the client version read"),
    )
