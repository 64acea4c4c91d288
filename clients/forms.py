"""Caseworker forms for the client's work capacity: a decision, and a reassessment requested
and decided."""

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.fields import text_limit
from common.forms import PlausibleDates
from common.widgets import DatePicker

from .models import Client, LeavingReason, Reassessment, WorkCapacity, WorkCapacityDecision
from .rules import CAPACITY_DATES, CLIENT_DATES

DECIDED = {"decided_on": CAPACITY_DATES["decided_on"]}
REQUESTED = {"requested_on": CAPACITY_DATES["requested_on"]}


def _basis() -> forms.CharField:
    return forms.CharField(
        label=_("Onderbouwing"),
        required=False,
        max_length=text_limit(WorkCapacityDecision, "basis"),
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class CapacityDecisionForm(PlausibleDates, forms.Form):
    """A decision on the work capacity from a day; `version` guards against a concurrent edit."""

    plausible_dates = DECIDED

    version = forms.IntegerField(widget=forms.HiddenInput)
    decided_on = forms.DateField(label=_("Besloten op"), widget=DatePicker())
    outcome = forms.ChoiceField(label=_("Uitkomst"), choices=WorkCapacity.choices)
    basis = _basis()

    def __init__(self, *args: Any, version: int, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "besluit")
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("version", version)
            self.initial.setdefault("decided_on", timezone.localdate())


class ReassessmentRequestForm(PlausibleDates, forms.Form):
    """A reassessment asked for on a day, with its reason."""

    plausible_dates = REQUESTED

    requested_on = forms.DateField(label=_("Aangevraagd op"), widget=DatePicker())
    reason = forms.CharField(
        label=_("Reden"),
        max_length=text_limit(Reassessment, "reason"),
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Geef een reden voor de herbeoordeling.")},
    )
    practical_assessment = forms.CharField(
        label=_("Praktijkonderzoek"),
        help_text=_("Het traject of rapport waarop de aanvraag steunt, als dat er is."),
        required=False,
        max_length=200,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "aanvraag")
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("requested_on", timezone.localdate())


class ReassessmentDecisionForm(PlausibleDates, forms.Form):
    """The outcome of the open reassessment, as a decision from a day."""

    plausible_dates = DECIDED

    decided_on = forms.DateField(label=_("Besloten op"), widget=DatePicker())
    outcome = forms.ChoiceField(label=_("Uitkomst"), choices=WorkCapacity.choices)
    basis = _basis()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "herbeoordeling")
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("decided_on", timezone.localdate())


class LeavingForm(PlausibleDates, forms.Form):
    """The day the client leaves (or left) the benefit, and why; `version` guards against a
    concurrent edit. Prefilled with what is recorded, to correct it."""

    plausible_dates = {"out_of_service_on": CLIENT_DATES["out_of_service_on"]}

    version = forms.IntegerField(widget=forms.HiddenInput)
    out_of_service_on = forms.DateField(
        label=_("Uit zorg per"),
        widget=DatePicker(),
        error_messages={"required": _("Geef de datum uit zorg.")},
    )
    out_of_service_reason = forms.ChoiceField(
        label=_("Reden uit zorg"),
        choices=[("", _("Kies een reden")), *LeavingReason.choices],
        error_messages={"required": _("Kies de reden uit zorg.")},
    )

    def __init__(self, *args: Any, client: Client, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "uitstroom")
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.update(
                version=client.version,
                out_of_service_on=client.out_of_service_on,
                out_of_service_reason=client.out_of_service_reason,
            )
