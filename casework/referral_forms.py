"""The quick forms for referrals on the client file: refer the client to an organisation on
the social map, and record how a referral goes on (its status and the next follow-up)."""

from datetime import timedelta
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.forms import PlausibleDates
from common.widgets import DatePicker
from referrals.models import Organisation, Referral
from referrals.validators import NEXT_FOLLOW_UP_DATES, REFERRAL_DATES

from .work_forms import ClientWorkForm


class OrganisationChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name} ({obj.get_kind_display().lower()}, {obj.region})"


class ReferralForm(ClientWorkForm):
    """A referral: the organisation (those of the client's team's region first), the day and
    the day the client consented to sharing data, the follow-up and a note."""

    plausible_dates = REFERRAL_DATES
    today_field = "referred_on"

    organisation = OrganisationChoice(label=_("Organisatie"), queryset=Organisation.objects.none())
    referred_on = forms.DateField(label=_("Verwezen op"), widget=DatePicker())
    consent_on = forms.DateField(
        label=_("Toestemming om gegevens te delen op"),
        widget=DatePicker(),
        help_text=_("Vóór of op de verwijsdatum."),
    )
    follow_up_on = forms.DateField(
        label=_("Nagaan op"),
        required=False,
        widget=DatePicker(),
        help_text=_("Leeg laten: zes weken na de verwijzing."),
    )
    note = forms.CharField(
        label=_("Toelichting"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("consent_on", timezone.localdate())
        field = self.fields["organisation"]
        field.queryset = Organisation.objects.active().region_first(self.client.team)  # type: ignore[attr-defined]


class ReferralFollowUpForm(ClientWorkForm):
    """How the referral goes on: its status now and, while it runs, the next follow-up."""

    plausible_dates = NEXT_FOLLOW_UP_DATES

    status = forms.ChoiceField(label=_("Status"), choices=Referral.Status.choices)
    follow_up_on = forms.DateField(
        label=_("Volgende keer nagaan op"),
        required=False,
        widget=DatePicker(),
        help_text=_("Nodig zolang de verwijzing loopt; leeg bij afgerond of uitgevallen."),
    )
    change_reason = forms.CharField(
        label=_("Toelichting"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Komt in de historie. Nodig om een afgesloten verwijzing te heropenen."),
    )

    def __init__(self, *args: Any, referral: Referral, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            later = timezone.localdate() + timedelta(weeks=4)
            self.initial.setdefault("status", referral.status)
            self.initial.setdefault("follow_up_on", later if referral.is_open else None)


class QueueFollowUpForm(PlausibleDates, forms.Form):
    """A referral followed up from the work queue: its status now and the next date."""

    plausible_dates = NEXT_FOLLOW_UP_DATES

    status = forms.ChoiceField(label=_("Status"), choices=Referral.Status.choices)
    follow_up_on = forms.DateField(
        label=_("Volgende keer nagaan op"), required=False, widget=DatePicker()
    )
