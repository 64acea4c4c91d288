from typing import Any

from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from common.forms import MAX_ID
from common.plausible import Plausible
from common.serializers import PlausibleDateField, QuerySerializer
from reports.catalogue.shared import PHASES
from reports.forms import FIRST_YEAR


class TeamQuery(QuerySerializer):
    """`?team=` an id."""

    team = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=MAX_ID,
        help_text=_("Alleen dit team (id); buiten uw teams 404 / only this team (id)"),
    )


class PhaseDistributionQuery(TeamQuery):
    """`?year=` from the first year of the figures up to this year; `?team=` an id."""

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


class WorkStatusQuery(TeamQuery):
    """`?on=` a day up to today; `?team=` an id."""

    on = PlausibleDateField(
        plausible=Plausible(_("De peildatum")),
        help_text=_("De peildatum, JJJJ-MM-DD / the date, YYYY-MM-DD"),
    )


class Contracts(serializers.Serializer):
    permanent = serializers.IntegerField()
    temporary = serializers.IntegerField()
    agency = serializers.IntegerField()


def percent_field(help_text: Any = None) -> serializers.DecimalField:
    """A share in percent with one decimal, as a JSON number; null when there is no whole."""
    return serializers.DecimalField(
        max_digits=4,
        decimal_places=1,
        allow_null=True,
        coerce_to_string=False,
        help_text=help_text,
    )


class ContractShares(serializers.Serializer):
    permanent = percent_field()
    temporary = percent_field()
    agency = percent_field()


class Provisions(serializers.Serializer):
    job_coach = serializers.IntegerField()
    wage_dispensation = serializers.IntegerField()
    transport = serializers.IntegerField()
    other_provision = serializers.IntegerField()
    any_provision = serializers.IntegerField()


class WorkStatus(serializers.Serializer):
    on = serializers.DateField()
    active = serializers.IntegerField(help_text=_("Actieve cliënten / active clients"))
    regular = serializers.IntegerField(help_text=_("Bij een reguliere werkgever / regular"))
    sheltered = serializers.IntegerField(help_text=_("In of via de Wsw / sheltered"))
    employed = serializers.IntegerField(
        help_text=_("In loondienst, ieder één keer / in paid employment, each once")
    )
    employed_share = percent_field(
        help_text=_("Procent van de actieve cliënten, één decimaal / percent of active")
    )
    self_employed_only = serializers.IntegerField()
    self_employed_combined = serializers.IntegerField()
    contracts = Contracts(help_text=_("Het sterkste contract op die dag / strongest contract"))
    contract_shares = ContractShares(
        help_text=_("Procent van reguliere werkenden / percent of those at a regular employer")
    )
    provisions = Provisions(
        help_text=_("Tabel 3.7: van reguliere werkenden / of those at a regular employer")
    )
