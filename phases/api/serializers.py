from clients.api.fields import ClientField
from common.serializers import StrictModelSerializer
from phases.models import PhaseExemption
from phases.validators import PHASE_EXEMPTION_DATES


class PhaseExemptionSerializer(StrictModelSerializer):
    client = ClientField()
    plausible_dates = PHASE_EXEMPTION_DATES

    class Meta:
        model = PhaseExemption
        fields = ["id", "client", "phase", "reason", "note", "valid_from", "review_on"]
