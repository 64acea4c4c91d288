from django.utils.translation import gettext_lazy as _

from common.serializers import StrictModelSerializer
from participation.models import RungAssessment
from participation.validators import LADDER_DATES


class RungAssessmentSerializer(StrictModelSerializer):
    plausible_dates = LADDER_DATES

    class Meta:
        model = RungAssessment
        fields = ["id", "rung", "assessed_on", "note", "assessed_by", "conversation"]
        read_only_fields = ["assessed_by", "conversation"]
        extra_kwargs = {
            "rung": {"help_text": _("Trede 1-6 op de participatieladder / rung 1-6")},
            "assessed_on": {
                "help_text": _("Dag van de beoordeling, niet in de toekomst / assessed on")
            },
            "note": {"help_text": _("Toelichting / note")},
            "assessed_by": {
                "help_text": _("Medewerker die de trede vastlegde (id) / assessed by (user id)")
            },
            "conversation": {
                "help_text": _("Gesprek waarin de trede is vastgelegd (id) / conversation")
            },
        }
