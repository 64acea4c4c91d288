from rest_framework import serializers

from common.fields import text_limit
from signals.models import Signal


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


class SignalDismissSerializer(serializers.Serializer):
    """The request of POST .../dismiss/. An empty `reason` or an `until` in the past is refused
    by the service, with its own message."""

    reason = serializers.CharField(
        allow_blank=True, trim_whitespace=True, max_length=text_limit(Signal, "dismissed_reason")
    )
    until = serializers.DateField()
