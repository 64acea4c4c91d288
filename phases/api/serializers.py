from datetime import date

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from clients.api.fields import ClientField
from common.api import plausible
from phases.models import PhaseExemption


class PhaseExemptionSerializer(serializers.ModelSerializer):
    client = ClientField()

    class Meta:
        model = PhaseExemption
        fields = ["id", "client", "phase", "reason", "note", "valid_from", "review_on"]

    def validate_valid_from(self, value: date | None) -> date | None:
        return plausible(value, _("De ingangsdatum"), future_years=2)

    def validate_review_on(self, value: date | None) -> date | None:
        return plausible(value, _("De herbeoordelingsdatum"), future_years=10)
