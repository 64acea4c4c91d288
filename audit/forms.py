from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from common.forms import PlausibleDates
from common.plausible import search_day
from common.widgets import DatePicker

from .models import AccessLog
from .selectors import ALL_KIND_CHOICES, KIND_CHOICES


def _staff_field(**options: Any) -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        label=_("Medewerker"),
        queryset=User.objects.order_by("last_name", "first_name", "username"),
        **options,
    )


def _kind_field(choices: list[tuple[str, Any]]) -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=_("Soort gegeven"),
        required=False,
        choices=choices,
        widget=forms.CheckboxSelectMultiple,
    )


class _PeriodForm(PlausibleDates, forms.Form):
    """Filters over a period from `since` through `until` (the subclass declares both): days
    from 1900 on, and the end not before the start."""

    plausible_dates = {
        "since": search_day(_("De begindatum")),
        "until": search_day(_("De einddatum")),
    }

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        since, until = cleaned.get("since"), cleaned.get("until")
        if since and until and until < since:
            self.add_error("until", _("De einddatum ligt vóór de begindatum."))
        return cleaned


class HistoryFilterForm(_PeriodForm):
    """Narrow a client's change history: by who, when and which kind of record."""

    user = _staff_field(required=False, empty_label=_("Iedereen"))
    since = forms.DateField(label=_("Vanaf"), required=False, widget=DatePicker())
    until = forms.DateField(label=_("Tot en met"), required=False, widget=DatePicker())
    kind = _kind_field(KIND_CHOICES)


class AccessLogFilterForm(_PeriodForm):
    """The read log's filters: which client (by full BSN or id), who, when, what."""

    bsn = forms.CharField(label=_("BSN van de cliënt (volledig)"), required=False, max_length=9)
    client = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)
    user = _staff_field(required=False, empty_label=_("Iedereen"))
    action = forms.ChoiceField(
        label=_("Handeling"),
        required=False,
        choices=[("", _("Alle handelingen")), *AccessLog.Action.choices],
    )
    since = forms.DateField(label=_("Vanaf"), required=False, widget=DatePicker())
    until = forms.DateField(label=_("Tot en met"), required=False, widget=DatePicker())

    def clean_bsn(self) -> str:
        bsn = (self.cleaned_data.get("bsn") or "").replace(" ", "")
        if bsn and not (bsn.isascii() and bsn.isdigit() and len(bsn) == 9):
            raise forms.ValidationError(_("Geef het volledige BSN van negen cijfers."))
        return bsn


class ChangeSearchForm(_PeriodForm):
    """All changes by one person in a period, across the system."""

    user = _staff_field()
    since = forms.DateField(label=_("Vanaf"), widget=DatePicker())
    until = forms.DateField(label=_("Tot en met"), widget=DatePicker())
    kind = _kind_field(ALL_KIND_CHOICES)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        since, until = cleaned.get("since"), cleaned.get("until")
        if since and until and (until - since).days > 366:
            self.add_error("until", _("Zoek over hoogstens een jaar tegelijk."))
        return cleaned
