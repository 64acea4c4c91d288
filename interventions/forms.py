import json
from datetime import timedelta
from typing import Any, cast

from django import forms
from django.db.models import Q
from django.forms import BaseFormSet, BoundField
from django.http import QueryDict
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from clients.models import Client
from common.fields import text_limit
from common.forms import PlausibleDates, ids_from
from common.history import CHANGE_REASON_MAX_LENGTH
from common.widgets import DatePicker
from norms.selectors import norm_in_force
from phases.models import Phase, PhasePeriod

from .models import (
    Agreement,
    ContactExemption,
    Conversation,
    WorkPlan,
)
from .validators import (
    AGREEMENT_DATES,
    CONTACT_EXEMPTION_DATES,
    CONVERSATION_DATES,
    WORK_PLAN_DATES,
)

# Service error fields -> this form's fields (the phase change has its own names here).
SERVICE_FIELDS = {"phase": "new_phase", "reason": "phase_reason", "started_on": "new_phase"}


class ContactForm(PlausibleDates, forms.Form):
    """The 30-second conversation log: prefilled, with agreements and a phase change beside it."""

    plausible_dates = CONVERSATION_DATES

    version = forms.IntegerField(widget=forms.HiddenInput)
    held_on = forms.DateField(label=_("Datum"), widget=DatePicker())
    status = forms.ChoiceField(label=_("Status"), choices=Conversation.Status.choices)
    channel = forms.ChoiceField(label=_("Kanaal"), choices=Conversation.Channel.choices)
    kind = forms.ChoiceField(label=_("Soort gesprek"), choices=Conversation.Kind.choices)
    with_client = forms.BooleanField(label=_("Met de cliënt gesproken"), required=False)
    duration_minutes = forms.IntegerField(
        label=_("Duur (minuten)"), required=False, min_value=1, max_value=24 * 60
    )
    summary = forms.CharField(
        label=_("Verslag"),
        required=False,
        max_length=text_limit(Conversation, "summary"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    next_contact_on = forms.DateField(
        label=_("Volgend contact"),
        required=False,
        widget=DatePicker(),
        help_text=_("Voorgesteld volgens de norm voor de fase; pas aan als dat nodig is."),
    )
    fulfils = forms.TypedChoiceField(
        label=_("Was dit een gepland gesprek?"),
        required=False,
        coerce=int,
        empty_value=None,
        help_text=_("Het geplande gesprek wordt dit gesprek; er komt geen tweede bij."),
    )
    add_planned = forms.BooleanField(
        label=_("Als extra afspraak plannen"),
        required=False,
        help_text=_("Anders wordt het eerstvolgende geplande gesprek naar deze datum verzet."),
    )
    new_phase = forms.ChoiceField(
        label=_("Fase wijzigen naar"),
        required=False,
        choices=[("", _("Fase blijft gelijk")), *Phase.choices],
    )
    phase_reason = forms.CharField(
        label=_("Reden van de fasewijziging"),
        required=False,
        max_length=text_limit(PhasePeriod, "reason"),
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(
        self,
        *args: Any,
        client: Client,
        plan: int | None = None,
        refresh_agreements: bool = False,
        **kwargs: Any,
    ) -> None:
        """`refresh_agreements` (the form again after an edit conflict): an agreement someone
        else changed meanwhile shows its new status, chosen, so that saving again keeps the
        colleague's change unless the user changes it once more."""
        super().__init__(*args, **kwargs)
        self.client = client
        self.changed_meanwhile: list[Agreement] = []
        self._add_agreement_fields()
        if self.is_bound and refresh_agreements:
            self._refresh_agreements()
        self.plans = list(
            client.conversations.filter(status=Conversation.Status.PLANNED).order_by(
                "held_on", "id"
            )
        )
        cast(forms.ChoiceField, self.fields["fulfils"]).choices = [
            ("", _("Nee, een nieuw gesprek")),
            *((plan.pk, _plan_label(plan)) for plan in self.plans),
        ]
        self.norm = norm_in_force(timezone.localdate())
        self._offer_norm_minutes()
        if not self.is_bound:
            self.initial.update(self.prefill(plan))

    def prefill(self, plan_id: int | None = None) -> dict[str, object]:
        """Today, spoken with the client, the last conversation's channel and kind, and the
        next contact proposed by the norm for the client's phase."""
        today = timezone.localdate()
        last = (
            self.client.conversations.exclude(status=Conversation.Status.PLANNED)
            .order_by("-held_on", "-id")
            .first()
        )
        phase = getattr(self.client, "current_phase", None)
        norm = self.norm
        days = norm.follow_up_days(phase)
        kind = last.kind if last and last.kind != "intake" else Conversation.Kind.MONITORING
        chosen = [plan for plan in self.plans if plan.pk == plan_id]
        due = chosen or [plan for plan in self.plans if plan.held_on <= today]
        return {
            "version": self.client.version,
            "fulfils": due[0].pk if due else "",
            "held_on": min(due[0].held_on, today) if chosen else today,
            "status": Conversation.Status.HELD,
            "channel": last.channel if last else Conversation.Channel.IN_PERSON,
            "kind": kind,
            "duration_minutes": norm.minutes_for(kind),
            "with_client": True,
            "next_contact_on": today + timedelta(days=days),
        }

    def _offer_norm_minutes(self) -> None:
        """The norm's duration per kind, for the page's script to fill in when the kind changes
        (only while the user has not typed a duration of their own)."""
        minutes = {kind: self.norm.minutes_for(kind) for kind in Conversation.Kind.values}
        self.fields["kind"].widget.attrs["data-minutes"] = json.dumps(minutes)
        self.fields["duration_minutes"].widget.attrs["data-follows-kind"] = "id_kind"

    def _add_agreement_fields(self) -> None:
        """A choice per open agreement, and (hidden) the status the user saw, so that only
        what the user changed is written and a colleague's change meanwhile is a conflict."""
        open_now = Q(status=Agreement.Status.OPEN) & ~Q(
            work_plan__status=WorkPlan.Status.SUPERSEDED
        )
        # A posted agreement that is no longer open stays in the form, so that changing it
        # becomes a visible conflict instead of being dropped without a word.
        posted_ids = ids_from(key.removeprefix("agreement_") for key in (self.data or {}))
        self.open_agreements = list(
            Agreement.objects.filter(work_plan__client=self.client)
            .filter(open_now | Q(pk__in=posted_ids))
            .order_by("due_on", "id")
        )
        for agreement in self.open_agreements:
            self.fields[f"agreement_{agreement.pk}"] = forms.ChoiceField(
                label=agreement.description,
                choices=Agreement.Status.choices,
                initial=agreement.status,
                widget=forms.RadioSelect,
            )
            self.fields[f"seen_{agreement.pk}"] = forms.ChoiceField(
                choices=Agreement.Status.choices,
                initial=agreement.status,
                required=False,
                widget=forms.HiddenInput,
            )

    def _refresh_agreements(self) -> None:
        data = QueryDict(mutable=True)
        data.update(self.data)
        for agreement in self.open_agreements:
            if data.get(f"seen_{agreement.pk}", Agreement.Status.OPEN) != agreement.status:
                data[f"seen_{agreement.pk}"] = agreement.status
                data[f"agreement_{agreement.pk}"] = agreement.status
                self.changed_meanwhile.append(agreement)
        self.data = data

    def agreement_fields(self) -> list[tuple[BoundField, BoundField, Agreement]]:
        """(choice, hidden seen status, agreement) for each agreement the form shows."""
        return [(self[f"agreement_{a.pk}"], self[f"seen_{a.pk}"], a) for a in self.open_agreements]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        held = cleaned.get("status") == Conversation.Status.HELD
        if held and not cleaned.get("duration_minutes") and "duration_minutes" not in self.errors:
            self.add_error("duration_minutes", _("Vul de duur van het gehouden gesprek in."))
        if cleaned.get("new_phase") and not (cleaned.get("phase_reason") or "").strip():
            self.add_error("phase_reason", _("Geef een reden voor de fasewijziging."))
        return cleaned

    def agreement_statuses(self) -> dict[int, tuple[str, str]]:
        """Per agreement: (the status the user saw, the status the user chose)."""
        return {
            a.pk: (
                self.cleaned_data[f"seen_{a.pk}"] or Agreement.Status.OPEN,
                self.cleaned_data[f"agreement_{a.pk}"],
            )
            for a in self.open_agreements
        }


def _plan_label(plan: Conversation) -> str:
    """'Ja, gepland op 3 december 2026 (telefoon)'; 'gemist' when the day has passed."""
    day = date_format(plan.held_on, "j F Y")
    channel = plan.get_channel_display().lower()
    if plan.held_on < timezone.localdate():
        return _("Ja, gemist: gepland op %(day)s (%(channel)s)") % {"day": day, "channel": channel}
    return _("Ja, gepland op %(day)s (%(channel)s)") % {"day": day, "channel": channel}


def change_reason_field() -> forms.CharField:
    """The optional 'why' an edit form offers; it goes into the history with the change."""
    return forms.CharField(
        label=_("Reden van de wijziging (optioneel)"),
        required=False,
        max_length=CHANGE_REASON_MAX_LENGTH,
        help_text=_("Komt in de historie bij deze wijziging."),
    )


class WorkPlanForm(forms.Form):
    """A new version of the work plan: the goal and its agreements, prefilled from the current.

    `based_on` is the version the user started from, so a newer one made meanwhile conflicts.
    """

    based_on = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    goal = forms.CharField(
        label=_("Doel"),
        max_length=text_limit(WorkPlan, "goal"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    change_reason = change_reason_field()


class AgreementRowForm(PlausibleDates, forms.Form):
    plausible_dates = AGREEMENT_DATES

    description = forms.CharField(
        label=_("Afspraak"),
        required=False,
        max_length=text_limit(Agreement, "description"),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    owner = forms.ChoiceField(label=_("Wie"), choices=Agreement.Owner.choices, required=False)
    due_on = forms.DateField(label=_("Uiterlijk op"), required=False, widget=DatePicker())

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("description") and not cleaned.get("owner"):
            self.add_error("owner", _("Kies wie de afspraak uitvoert."))
        return cleaned


# The most agreement rows the work plan form offers; two empty ones to start with.
MAX_AGREEMENT_ROWS = 20
AgreementRows = forms.formset_factory(AgreementRowForm, extra=2, max_num=MAX_AGREEMENT_ROWS)
ROW_FIELDS = ("description", "owner", "due_on")


def rows_as_typed_and_one_more(data: QueryDict) -> BaseFormSet:
    """The agreement rows as typed, not yet checked, and one more empty row (the cursor goes
    there) unless the form has the most rows already."""
    try:
        typed = min(int(data.get("rows-TOTAL_FORMS", "")), MAX_AGREEMENT_ROWS)
    except ValueError:
        typed = 0
    initial = [
        {name: data.get(f"rows-{index}-{name}", "") for name in ROW_FIELDS}
        for index in range(max(typed, 0))
    ]
    more = 1 if len(initial) < MAX_AGREEMENT_ROWS else 0
    rows_class = forms.formset_factory(AgreementRowForm, extra=more, max_num=MAX_AGREEMENT_ROWS)
    rows = rows_class(prefix="rows", initial=initial)
    if more:
        rows.forms[-1].fields["description"].widget.attrs["autofocus"] = True
    return rows


class AgreeForm(PlausibleDates, forms.Form):
    plausible_dates = WORK_PLAN_DATES

    agreed_on = forms.DateField(label=_("Afgesproken op"), widget=DatePicker())
    change_reason = change_reason_field()


class ContactExemptionForm(PlausibleDates, forms.Form):
    """No no-contact signal for a recorded reason, from `valid_from` through `valid_until`."""

    plausible_dates = CONTACT_EXEMPTION_DATES

    reason = forms.ChoiceField(label=_("Reden"), choices=ContactExemption.Reason.choices)
    note = forms.CharField(
        label=_("Toelichting"),
        required=False,
        max_length=text_limit(ContactExemption, "note"),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    valid_from = forms.DateField(label=_("Geldig vanaf"), widget=DatePicker())
    valid_until = forms.DateField(label=_("Geldig tot en met"), widget=DatePicker())

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "contact")
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("valid_from", timezone.localdate())

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("valid_from"), cleaned.get("valid_until")
        if start and end and end < start:
            self.add_error("valid_until", _("De einddatum ligt vóór de ingangsdatum."))
        return cleaned
