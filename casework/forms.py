from datetime import date
from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.db.models import QuerySet
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from clients.models import CaseworkerAssignment, Client
from clients.rules import CONTACT_FIELDS
from clients.validators import normal_postcode
from common.fields import text_limit
from common.forms import PlausibleDates, keep_plausible
from common.history import CHANGE_REASON_MAX_LENGTH
from common.plausible import search_day
from common.widgets import DatePicker
from interventions.models import Agreement, ContactExemption
from interventions.services.work_plans import REOPENABLE
from interventions.validators import CONTACT_EXEMPTION_DATES, MOVED_PLAN_DATES
from phases.models import Phase, PhaseExemption
from phases.validators import PHASE_EXEMPTION_DATES
from signals.models import Signal
from signals.validators import DISMISS_DATES

if TYPE_CHECKING:  # django-stubs is a development dependency only
    from django_stubs_ext import StrOrPromise

    from casework.views.imports import ImportKind

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


class CaseloadFilterForm(PlausibleDates, forms.Form):
    """The caseload's search, filters and sort, read from the query string."""

    plausible_dates = {"no_contact_since": search_day(_("De datum 'geen contact sinds'"))}

    q = forms.CharField(label=_("Zoek op naam of volledig BSN"), required=False, max_length=100)
    # (the BSN in any common notation: 123 456 782, 123.45.6782, 123-456-782)
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
        widget=DatePicker(),
    )
    overdue = forms.BooleanField(label=_("Alleen met verlopen afspraken"), required=False)
    team = forms.BooleanField(label=_("Hele team tonen"), required=False)
    # Clients out of service or without work capacity are left out, as on the dashboard; a
    # search by name or BSN finds them anyway (marked), since then one is looked for.
    inactive = forms.BooleanField(
        label=_("Ook cliënten uit zorg of zonder arbeidsvermogen"), required=False
    )
    sort = forms.ChoiceField(
        required=False,
        choices=[(key, key) for name in CASELOAD_SORTS for key in (name, f"-{name}")],
        widget=forms.HiddenInput,
    )


def caseload_ordering(key: str) -> tuple[str, ...]:
    """The ordering for a sort key such as "contact" or "-contact" (descending)."""
    fields = CASELOAD_SORTS.get(key.lstrip("-"), CASELOAD_SORTS["name"])
    return (f"-{fields[0]}", *fields[1:]) if key.startswith("-") else fields


class HandoverFilterForm(forms.Form):
    """Narrow the handover table to one current caseworker's clients (read from the URL)."""

    current = forms.ModelChoiceField(
        label=_("Huidige casemanager"),
        queryset=User.objects.none(),
        required=False,
        empty_label=_("Alle casemanagers"),
    )

    def __init__(self, *args: Any, caseworkers: QuerySet[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["current"].queryset = caseworkers  # type: ignore[attr-defined]


class HandoverFields(forms.Form):
    """Whom clients go to and the note they take along: the handover page's and the bulk
    handover's. The caller sets the caseworkers to choose from."""

    caseworker = forms.ModelChoiceField(
        label=_("Nieuwe casemanager"),
        queryset=User.objects.none(),
        error_messages={"required": _("Kies de nieuwe casemanager.")},
    )
    handover_note = forms.CharField(
        label=_("Overdrachtsnotitie"),
        max_length=text_limit(CaseworkerAssignment, "handover_note"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("De nieuwe casemanager ziet deze notitie bovenaan het dossier."),
        error_messages={"required": _("Schrijf een overdrachtsnotitie.")},
    )


class HandoverForm(HandoverFields):
    """Reassign a selection of the manager's teams' clients to one caseworker, with a note."""

    field_order = ["clients", "caseworker", "handover_note"]

    clients = forms.ModelMultipleChoiceField(
        label=_("Cliënten"),
        queryset=Client.objects.none(),
        error_messages={"required": _("Kies ten minste één cliënt.")},
    )

    def __init__(
        self,
        *args: Any,
        clients: QuerySet[Client],
        caseworkers: QuerySet[User],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["clients"].queryset = clients  # type: ignore[attr-defined]
        self.fields["caseworker"].queryset = caseworkers  # type: ignore[attr-defined]


class ImportForm(forms.Form):
    content = forms.ChoiceField(
        label=_("Wat staat er in het bestand?"), widget=forms.RadioSelect, required=False
    )
    file = forms.FileField(
        label=_("CSV-bestand"),
        help_text=_("Kolommen en opmaak: zie de uitleg hieronder. Hoogstens 50 MB."),
    )
    dry_run = forms.BooleanField(
        label=_("Alleen controleren, niets opslaan"), required=False, initial=True
    )

    def __init__(self, *args: Any, kinds: "list[ImportKind]", **kwargs: Any):
        super().__init__(*args, **kwargs)
        content = cast(forms.ChoiceField, self.fields["content"])
        content.choices = [(kind.key, kind.title) for kind in kinds]
        content.initial = kinds[0].key
        if len(kinds) == 1:  # nothing to choose: the one kind the user may import
            content.widget = forms.HiddenInput()

    def clean_file(self) -> UploadedFile:
        upload = self.cleaned_data["file"]
        if upload.size > 50 * 1024 * 1024:
            raise forms.ValidationError(_("Het bestand is groter dan 50 MB."))
        return upload


class ConversationExportForm(PlausibleDates, forms.Form):
    plausible_dates = {
        "since": search_day(_("De begindatum")),
        "until": search_day(_("De einddatum")),
    }

    client = forms.IntegerField(required=False, min_value=1)
    since = forms.DateField(required=False)
    until = forms.DateField(required=False)


class MovePlanForm(PlausibleDates, forms.Form):
    """Move a planned conversation: the new day, today or later."""

    plausible_dates = MOVED_PLAN_DATES

    on = forms.DateField(label=_("Nieuwe datum"), widget=DatePicker())


class DismissSignalForm(PlausibleDates, forms.Form):
    """Set a signal aside: why, and until when (inclusive)."""

    plausible_dates = DISMISS_DATES

    reason = forms.CharField(
        label=_("Reden"), max_length=text_limit(Signal, "dismissed_reason"), strip=True
    )
    until = forms.DateField(label=_("Terzijde tot en met"), widget=DatePicker())


class ContactDetailsForm(forms.Form):
    """How to reach the client, with the version the user read (an edit conflict is named)."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields.update(forms.fields_for_model(Client, fields=CONTACT_FIELDS))
        self.fields["phone"].widget.attrs.update({"type": "tel", "autocomplete": "off"})
        self.fields["postcode"].widget.attrs["size"] = 8

    def clean_postcode(self) -> str:
        postcode: str = self.cleaned_data["postcode"]
        return normal_postcode(postcode) if postcode else ""


def _reason_field(label: "StrOrPromise", required: "StrOrPromise") -> forms.CharField:
    """A required 'why' for the history, as a small text area."""
    return forms.CharField(
        label=label,
        max_length=CHANGE_REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": required},
    )


class ReopenAgreementForm(forms.Form):
    """Open a done or cancelled agreement again: why (it goes into the history), and the status
    the user saw, so that a change made meanwhile is a visible conflict."""

    seen_status = forms.ChoiceField(choices=Agreement.Status.choices, widget=forms.HiddenInput)
    change_reason = _reason_field(
        _("Reden van heropenen"), _("Geef een reden om de afspraak te heropenen.")
    )

    @staticmethod
    def prefix_for(agreement: Agreement) -> str:
        return f"reopen-{agreement.pk}"

    @classmethod
    def posted(cls, agreement: Agreement, data: QueryDict) -> "ReopenAgreementForm":
        return cls(data, prefix=cls.prefix_for(agreement))

    @classmethod
    def for_agreement(
        cls, agreement: Agreement, refused: forms.Form | None = None
    ) -> forms.Form | None:
        """The form for `agreement` (None when it is open); `refused` when that is this
        agreement's posted form."""
        prefix = cls.prefix_for(agreement)
        if refused is not None and refused.prefix == prefix:
            return refused
        if agreement.status not in REOPENABLE:
            return None
        return cls(prefix=prefix, initial={"seen_status": agreement.status})


def exemption_end(exemption: ContactExemption | PhaseExemption) -> date:
    """The last day an exemption covers: a contact exemption's `valid_until`, a phase
    exemption's review date."""
    if isinstance(exemption, ContactExemption):
        return exemption.valid_until
    return exemption.review_on


class EndExemptionForm(forms.Form):
    """End an exemption early: the new last day, and why (it goes into the history)."""

    ends_on = forms.DateField(label=_("Nieuwe einddatum"), widget=DatePicker())
    change_reason = _reason_field(
        _("Reden van eerder beëindigen"),
        _("Geef een reden om de vrijstelling eerder te beëindigen."),
    )

    @staticmethod
    def prefix_for(exemption: ContactExemption | PhaseExemption) -> str:
        kind = "contact" if isinstance(exemption, ContactExemption) else "phase"
        return f"end-{kind}-{exemption.pk}"

    @classmethod
    def posted(
        cls, exemption: ContactExemption | PhaseExemption, data: QueryDict
    ) -> "EndExemptionForm":
        """The posted form, whose new last day keeps the rule of the exemption's end."""
        form = cls(data, prefix=cls.prefix_for(exemption))
        if isinstance(exemption, ContactExemption):
            keep_plausible(form.fields["ends_on"], CONTACT_EXEMPTION_DATES["valid_until"])
        else:
            keep_plausible(form.fields["ends_on"], PHASE_EXEMPTION_DATES["review_on"])
        return form

    @classmethod
    def for_exemption(
        cls, exemption: ContactExemption | PhaseExemption, refused: forms.Form | None = None
    ) -> forms.Form | None:
        """The form for `exemption` (None when it cannot end any earlier: it ends today or
        ended already, or it lasts one day), proposing today as its last day, or its first day
        when it has not started yet; `refused` when that is this exemption's posted form."""
        prefix = cls.prefix_for(exemption)
        if refused is not None and refused.prefix == prefix:
            return refused
        today = timezone.localdate()
        ends = exemption_end(exemption)
        if ends <= max(today, exemption.valid_from):
            return None
        return cls(prefix=prefix, initial={"ends_on": max(today, exemption.valid_from)})


class ReportSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Zoek in gespreksverslagen"),
        max_length=200,
        help_text=_('Woorden uit het verslag; "tussen aanhalingstekens" zoekt een zinsdeel.'),
    )
