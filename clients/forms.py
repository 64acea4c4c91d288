from django import forms
from django.utils.translation import gettext_lazy as _

from phases.models import Phase
from signals.models import Signal

# sort key in the URL -> queryset ordering
CASELOAD_SORTS = {
    "name": ("last_name", "first_name", "id"),
    "phase": ("current_phase", "last_name", "id"),
    "since": ("current_phase_since", "id"),
    "contact": ("last_contact_on", "id"),
    "next": ("next_contact_on", "id"),
    "signals": ("open_signals", "id"),
    "overdue": ("overdue_agreements", "id"),
}


class CaseloadFilterForm(forms.Form):
    """The caseload's search, filters and sort, read from the query string."""

    q = forms.CharField(label=_("Zoek op naam of volledig BSN"), required=False, max_length=100)
    phase = forms.ChoiceField(
        label=_("Fase"), required=False, choices=[("", _("Alle fasen")), *Phase.choices]
    )
    signal = forms.ChoiceField(
        label=_("Open signaal"),
        required=False,
        choices=[("", _("Alle cliënten")), *Signal.Kind.choices],
    )
    no_contact_since = forms.DateField(
        label=_("Geen contact sinds"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    overdue = forms.BooleanField(label=_("Alleen met verlopen afspraken"), required=False)
    team = forms.BooleanField(label=_("Hele team tonen"), required=False)
    sort = forms.ChoiceField(
        required=False,
        choices=[(key, key) for name in CASELOAD_SORTS for key in (name, f"-{name}")],
        widget=forms.HiddenInput,
    )


def caseload_ordering(key: str) -> tuple[str, ...]:
    """The ordering for a sort key such as "contact" or "-contact" (descending)."""
    fields = CASELOAD_SORTS.get(key.lstrip("-"), CASELOAD_SORTS["name"])
    return (f"-{fields[0]}", *fields[1:]) if key.startswith("-") else fields
