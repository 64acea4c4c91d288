"""The phase flows over the API (figures 5.9 and 5.10): the query and the answer."""

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from common.plausible import Plausible
from common.serializers import PlausibleDateField
from phases.flows import END_STATES, START_PHASES, SWITCHES

from .serializers import FromTo, LadderQuery


class PhaseFlowsQuery(LadderQuery):
    """`?phase=` 1 or 2; `?from=` and `?to=`, the days the phase started in; `?on=` the end
    date (default today), not before `to`; `?team=` an id."""

    phase = serializers.ChoiceField(
        choices=START_PHASES,
        help_text=_("De fase waarin de cliënten begonnen: 1 of 2 / the start phase, 1 or 2"),
        error_messages={"invalid_choice": _("Kies fase 1 of 2.")},
    )
    on = PlausibleDateField(
        required=False,
        plausible=Plausible(_("De peildatum")),
        help_text=_(
            "Gevolgd tot en met deze dag, standaard vandaag, JJJJ-MM-DD / followed up to this "
            "day, default today, YYYY-MM-DD"
        ),
    )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        attrs = super().validate(attrs)
        attrs.setdefault("on", timezone.localdate())
        if attrs["to"] > attrs["on"]:
            raise serializers.ValidationError({"to": gettext("De einddatum ligt na de peildatum.")})
        return attrs


class FlowLine(serializers.Serializer):
    switches = serializers.ChoiceField(
        choices=SWITCHES,
        help_text=_(
            "Faseovergangen na de start tot en met `on`: none 0, one 1, few 2-3, many 4+ / "
            "phase switches after the start up to `on`"
        ),
    )
    end = serializers.ChoiceField(
        choices=END_STATES,
        help_text=_(
            "De fase op `on`, of out: dan niet meer actief / the phase on `on`, or out: no "
            "longer active"
        ),
    )
    clients = serializers.IntegerField(help_text=_("Aantal cliënten / number of clients"))


class PhaseFlows(FromTo):
    phase = serializers.CharField(help_text=_("De startfase / the start phase"))
    on = serializers.DateField(help_text=_("De einddatum / followed up to this day"))
    started = serializers.IntegerField(
        help_text=_(
            "Cliënten die in de periode in de fase begonnen (eerste start telt) / clients who "
            "started the phase in the period (the first start counts)"
        )
    )
    flows = FlowLine(
        many=True,
        help_text=_(
            "Elke combinatie van wisselingen en eindstand, ook met 0 / every combination, "
            "zeros included"
        ),
    )
