from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from reports.catalogue.shared import PHASES
from reports.forms import FIRST_YEAR


class PhaseDistributionQuery(serializers.Serializer):
    year = serializers.IntegerField(help_text=_("Het jaar, JJJJ / the year, YYYY"))
    team = serializers.IntegerField(
        required=False, min_value=1, help_text=_("Alleen dit team / only this team (id)")
    )

    def validate_year(self, year: int) -> int:
        today = timezone.localdate()
        if not FIRST_YEAR <= year <= today.year:
            raise serializers.ValidationError(
                _("Kies een jaar van %(first)s tot en met %(last)s.")
                % {"first": FIRST_YEAR, "last": today.year}
            )
        return year


class PhaseAverage(serializers.Serializer):
    phase = serializers.ChoiceField(choices=PHASES)
    average = serializers.IntegerField(
        allow_null=True,
        help_text=_("Gemiddeld aantal actieve cliënten per maandeinde, afgerond / average"),
    )


class PhaseDistribution(serializers.Serializer):
    year = serializers.IntegerField()
    months = serializers.IntegerField(
        help_text=_("Aantal maandeinden in het jaar tot vandaag / month-ends counted")
    )
    month_ends = serializers.ListField(child=serializers.DateField())
    rows = PhaseAverage(many=True)
    total = serializers.IntegerField(
        allow_null=True,
        help_text=_("Afgerond gemiddelde van de maandtotalen / rounded average of the totals"),
    )
