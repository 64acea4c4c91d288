from typing import Any

from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from common.forms import MAX_ID
from common.plausible import Plausible
from common.serializers import PlausibleDateField, QuerySerializer
from participation.figures import RUNGS, UNKNOWN
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
    same_employer = serializers.IntegerField(
        help_text=_("Een jaar later bij dezelfde werkgever / same employer a year later")
    )
    other_employer = serializers.IntegerField(
        help_text=_("Bij een andere werkgever of zelfstandig / another employer or own business")
    )
    not_working = serializers.IntegerField(
        help_text=_("Een jaar later niet aan het werk / not working a year later")
    )


class AfterJobEnd(serializers.Serializer):
    ended = serializers.IntegerField(
        help_text=_("Baaneinden zonder ander werk de dag erna / job endings counted")
    )
    direct_counted = serializers.IntegerField(
        help_text=_("Baaneinden waarvan de dag erna voorbij is / endings whose next day passed")
    )
    direct_new = serializers.IntegerField(
        help_text=_("Daarvan met nieuw werk de dag erna / with new work the next day")
    )
    half_year_counted = serializers.IntegerField(
        help_text=_("Baaneinden met een half jaar verstreken / endings half a year ago or more")
    )
    half_year_new = serializers.IntegerField(
        help_text=_("Daarvan met nieuw werk binnen een half jaar / new work within half a year")
    )
    year_counted = serializers.IntegerField(
        help_text=_("Baaneinden met een jaar verstreken / endings a year ago or more")
    )
    year_new = serializers.IntegerField(
        help_text=_("Daarvan met nieuw werk binnen een jaar / new work within a year")
    )


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
    permanent = serializers.IntegerField(help_text=_("Vast contract / permanent"))
    temporary = serializers.IntegerField(help_text=_("Tijdelijk contract / temporary"))
    agency = serializers.IntegerField(help_text=_("Uitzendcontract / agency"))


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
    permanent = percent_field(help_text=_("Procent met een vast contract / percent permanent"))
    temporary = percent_field(help_text=_("Procent tijdelijk / percent temporary"))
    agency = percent_field(help_text=_("Procent uitzendcontract / percent agency"))


class Provisions(serializers.Serializer):
    job_coach = serializers.IntegerField(
        help_text=_("Jobcoach in de afgelopen twee jaar / job coach in the past two years")
    )
    wage_dispensation = serializers.IntegerField(
        help_text=_("Loondispensatie in de afgelopen vijf jaar / in the past five years")
    )
    transport = serializers.IntegerField(
        help_text=_("Vervoersvoorziening in de afgelopen twee jaar / transport, two years")
    )
    other_provision = serializers.IntegerField(
        help_text=_("Andere voorziening in de afgelopen twee jaar / another, two years")
    )
    any_provision = serializers.IntegerField(
        help_text=_("Ten minste één van deze / at least one of these")
    )


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
    self_employed_only = serializers.IntegerField(
        help_text=_("Alleen zelfstandig / self-employed only")
    )
    self_employed_combined = serializers.IntegerField(
        help_text=_("Zelfstandig naast loondienst / self-employed beside paid employment")
    )
    contracts = Contracts(help_text=_("Het sterkste contract op die dag / strongest contract"))
    contract_shares = ContractShares(
        help_text=_("Procent van reguliere werkenden / percent of those at a regular employer")
    )
    provisions = Provisions(
        help_text=_("Tabel 3.7: van reguliere werkenden / of those at a regular employer")
    )


class LadderQuery(TeamQuery):
    """`?from=` and `?to=` days up to today, `from` not after `to`; `?team=` an id."""

    to = PlausibleDateField(
        plausible=Plausible(_("De einddatum")),
        help_text=_("Tot en met deze dag, JJJJ-MM-DD / to this day, YYYY-MM-DD"),
    )

    def get_fields(self) -> dict[str, serializers.Field]:
        fields = super().get_fields()
        fields["from"] = PlausibleDateField(  # a Python keyword
            plausible=Plausible(_("De begindatum")),
            help_text=_("Vanaf deze dag, JJJJ-MM-DD / from this day, YYYY-MM-DD"),
        )
        return fields

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if attrs["from"] > attrs["to"]:
            raise serializers.ValidationError(
                {"from": gettext("De begindatum ligt na de einddatum.")}
            )
        return attrs


RungCounts = type(
    "RungCounts",
    (serializers.Serializer,),
    {
        **{
            rung: serializers.IntegerField(
                help_text=_("Actieve cliënten op deze trede / active clients on this rung")
            )
            for rung in RUNGS
        },
        UNKNOWN: serializers.IntegerField(
            help_text=_("Actieve cliënten zonder bekende trede / active, rung unknown")
        ),
    },
)


class Movement(serializers.Serializer):
    up = serializers.IntegerField(help_text=_("Hoger op `to` dan op `from` / a higher rung"))
    same = serializers.IntegerField(help_text=_("Dezelfde trede / the same rung"))
    down = serializers.IntegerField(help_text=_("Lager op `to` / a lower rung"))
    left = serializers.IntegerField(
        help_text=_("Op `to` niet meer actief / no longer active on `to`")
    )


class FromTo(serializers.Serializer):
    """An answer with the `from` and `to` days it was asked for (`from` is a Python keyword)."""

    def get_fields(self) -> dict[str, serializers.Field]:
        fields = super().get_fields()
        fields["from"] = serializers.DateField(help_text=_("Begindatum / from"))
        fields["to"] = serializers.DateField(help_text=_("Einddatum / to"))
        return fields


class Ladder(FromTo):
    on_to = RungCounts(help_text=_("Treden van de actieve cliënten op `to` / rungs on `to`"))
    movement = Movement(
        help_text=_(
            "Van de cliënten actief met een bekende trede op `from` / of those with a known "
            "rung on `from`"
        )
    )
