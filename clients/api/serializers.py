from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from accounts.models import User
from audit.selectors import KINDS


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

    def get_user(self, entry) -> int | None:
        return entry.user.pk if entry.user is not None else None


class HistoryQuery(serializers.Serializer):
    """The history's filters."""

    user = serializers.PrimaryKeyRelatedField(queryset=User.objects.all(), required=False)
    to = serializers.DateField(required=False)
    kind = serializers.ChoiceField(choices=[kind.key for kind in KINDS], required=False)

    def get_fields(self):
        fields = super().get_fields()
        fields["from"] = serializers.DateField(required=False)  # a Python keyword
        return fields
