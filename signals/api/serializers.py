from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from common.fields import text_limit
from common.serializers import PlausibleDateField, StrictSerializer
from signals.models import Signal
from signals.validators import DISMISS_DATES


class SignalSerializer(serializers.ModelSerializer):
    """A signal as the API contract names it; the `dismissed_*` fields say who set it aside
    until when. Signals change only through their actions (dismiss), so every field is read-only.
    """

    class Meta:
        model = Signal
        fields = [
            "id",
            "client",
            "kind",
            "status",
            "raised_on",
            "resolved_on",
            "details",
            "rule_version",
            "dismissed_reason",
            "dismissed_until",
            "dismissed_by",
        ]
        read_only_fields = fields


class SignalDismissSerializer(StrictSerializer):
    """The request of POST .../dismiss/: why (not empty) and until when (from today)."""

    reason = serializers.CharField(
        max_length=text_limit(Signal, "dismissed_reason"),
        error_messages={"blank": _("Geef een reden om het signaal terzijde te leggen.")},
    )
    until = PlausibleDateField(plausible=DISMISS_DATES["until"])
