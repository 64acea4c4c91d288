"""Caseworker forms for phases: a phase change and the two kinds of exemption."""

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.fields import text_limit
from common.forms import PlausibleDates
from common.widgets import DatePicker

from .models import Phase, PhaseExemption, PhasePeriod
from .validators import PHASE_EXEMPTION_DATES, PHASE_TRANSITION_DATES


class PhaseChangeForm(PlausibleDates, forms.Form):
    """A dated phase change with its reason; `version` guards against a concurrent edit."""

    plausible_dates = PHASE_TRANSITION_DATES

    version = forms.IntegerField(widget=forms.HiddenInput)
    phase = forms.ChoiceField(label=_("Nieuwe fase"), choices=Phase.choices)
    started_on = forms.DateField(label=_("Ingangsdatum"), widget=DatePicker())
    reason = forms.CharField(
        label=_("Reden"),
        max_length=text_limit(PhasePeriod, "reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Geef een reden voor de fasewijziging.")},
    )

    def __init__(self, *args: Any, version: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("version", version)
            self.initial.setdefault("started_on", timezone.localdate())


class PhaseExemptionForm(PlausibleDates, forms.Form):
    """No stalled-phase signal for `phase` from `valid_from` up to the review date."""

    plausible_dates = PHASE_EXEMPTION_DATES

    phase = forms.ChoiceField(label=_("Fase"), choices=Phase.choices)
    reason = forms.ChoiceField(label=_("Reden"), choices=PhaseExemption.Reason.choices)
    note = forms.CharField(
        label=_("Toelichting"),
        required=False,
        max_length=text_limit(PhaseExemption, "note"),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    valid_from = forms.DateField(label=_("Geldig vanaf"), widget=DatePicker())
    review_on = forms.DateField(label=_("Herbeoordelen op"), widget=DatePicker())

    def __init__(self, *args: Any, current_phase: str | None = None, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "phase")
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("valid_from", timezone.localdate())
            if current_phase:
                self.initial.setdefault("phase", current_phase)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, review = cleaned.get("valid_from"), cleaned.get("review_on")
        if start and review and review < start:
            self.add_error("review_on", _("De herbeoordelingsdatum ligt vóór de ingangsdatum."))
        return cleaned
