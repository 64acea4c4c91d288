from django.utils.translation import gettext_lazy as _

from clients.api.fields import ClientField
from common.serializers import Plausible, StrictModelSerializer
from phases.models import PhaseExemption


class PhaseExemptionSerializer(StrictModelSerializer):
    client = ClientField()
    plausible_dates = {
        "valid_from": Plausible(_("De ingangsdatum"), future_years=2),
        "review_on": Plausible(_("De herbeoordelingsdatum"), future_years=10),
    }

    class Meta:
        model = PhaseExemption
        fields = ["id", "client", "phase", "reason", "note", "valid_from", "review_on"]
