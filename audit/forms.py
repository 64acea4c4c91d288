from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from wajong.widgets import DatePicker

from .selectors import KIND_CHOICES


class HistoryFilterForm(forms.Form):
    """Narrow a client's change history: by who, when and which kind of record."""

    user = forms.ModelChoiceField(
        label=_("Medewerker"),
        required=False,
        queryset=User.objects.order_by("last_name", "first_name", "username"),
        empty_label=_("Iedereen"),
    )
    since = forms.DateField(label=_("Vanaf"), required=False, widget=DatePicker())
    until = forms.DateField(label=_("Tot en met"), required=False, widget=DatePicker())
    kind = forms.MultipleChoiceField(
        label=_("Soort gegeven"),
        required=False,
        choices=KIND_CHOICES,
        widget=forms.CheckboxSelectMultiple,
    )

    def clean(self):
        cleaned = super().clean() or {}
        since, until = cleaned.get("since"), cleaned.get("until")
        if since and until and until < since:
            self.add_error("until", _("De einddatum ligt vóór de begindatum."))
        return cleaned
