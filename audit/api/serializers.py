from rest_framework import serializers

from audit.models import AccessLog


class AccessLogSerializer(serializers.ModelSerializer):
    """`user` and `client` are ids."""

    class Meta:
        model = AccessLog
        fields = ["at", "user", "client", "action", "path", "ip"]
        read_only_fields = fields
