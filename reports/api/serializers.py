from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from common.forms import MAX_ID
from common.serializers import QuerySerializer
from reports.catalogue.shared import PHASES
from reports.forms import FIRST_YEAR


class PhaseDistributionQuery(QuerySerializer):
    """`?year=` from the first year of the figures up to this year; `?team=` an id."""

    team = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=MAX_ID,
        help_text=_("Alleen dit team (id); buiten uw teams 404 / only this team (id)"),
    )

    def get_fields(self) -> dict[str, serializers.Field]:
        fields = super().get_fields()
        # This year, as it is when the query is read (a process outlives New Year's Eve).
        last = timezone.localdate().year
        message = gettext("Kies een jaar van %(first)s tot en met %(last)s.") % {
            "first": FIRST_YEAR,
            "last": last,
        }
        fields["year"] = serializers.IntegerField(
            min_value=FIRST_YEAR,
            max_value=last,
            help_text=_("Het jaar, JJJJ / the year, YYYY"),
            error_messages={"min_value": message, "max_value": message},
        )
        return fields


class PlacementsQuery(PhaseDistributionQuery):
    """`?year=` and `?team=` as for the phase distribution."""


class RetentionCounts(serializers.Serializer):
    placements = serializers.IntegerField(
        help_text=_("Plaatsingen bij een reguliere werkgever met een jaar verstreken / count")
    )
    same_employer = serializers.IntegerField()
    other_employer = serializers.IntegerField(
        help_text=_("Bij een andere werkgever of zelfstandig / another employer or own business")
    )
    not_working = serializers.IntegerField()


class AfterJobEnd(serializers.Serializer):
    ended = serializers.IntegerField(
        help_text=_("Baaneinden zonder ander werk de dag erna / job endings counted")
    )
    direct_counted = serializers.IntegerField()
    direct_new = serializers.IntegerField()
    half_year_counted = serializers.IntegerField()
    half_year_new = serializers.IntegerField()
    year_counted = serializers.IntegerField()
    year_new = serializers.IntegerField()


class Placements(serializers.Serializer):
    year = serializers.IntegerField()
    placements = serializers.IntegerField(
        help_text=_("Plaatsingen in het jaar, één per cliënt en startdag / placements")
    )
    renewals = serializers.IntegerField(
        help_text=_("Contractverlengingen in het jaar, ook vast geworden / renewals")
    )
    norm = serializers.IntegerField(
        allow_null=True, help_text=_("Landelijke plaatsingsnorm / national norm")
    )
    norm_share = serializers.IntegerField(
        allow_null=True,
        help_text=_("Aandeel in de norm naar rato van de actieve cliënten / share of the norm"),
    )
    retention = RetentionCounts()
    after_job_end = AfterJobEnd()


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
