"""The quick forms for a client's work: a new job (with its employer), its end, a renewal, a
provision and the decision on one; and the conversation form with its "job change" question.

Each form checks what it can on its own (the dates a person can mean, not before the client's
birth, the payroll tax number's form); the work services check the rest and their refusals
land next to the field they name.
"""

from collections.abc import Mapping
from datetime import date
from typing import Any, cast

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from clients.models import Client
from clients.rules import birth_errors
from common.forms import PlausibleDates
from common.plausible import long_date
from common.widgets import DatePicker
from interventions.forms import ContactForm
from interventions.models import Conversation
from participation.models import Rung
from participation.selectors import assessment_on, last_rungs
from work.models import Contract, Employer, Job, Provision
from work.validators import (
    JOB_DATES,
    PROVISION_DATES,
    RENEWAL_DATES,
    normalise_payroll_tax_number,
    validate_payroll_tax_number,
)

# The service's argument names that the job form asks under another name.
JOB_ALIASES = {"employer": "payroll_tax_number", "name": "employer_name"}
EMPLOYER_FIELDS = ("employer", "payroll_tax_number", "employer_name")


def known_employer(payroll_tax_number: str) -> Employer | None:
    return Employer.objects.filter(payroll_tax_number=payroll_tax_number).first()


def _optional(choices: Any) -> list[tuple[str, Any]]:
    return [("", _("Kies…")), *choices]


class ClientWorkForm(PlausibleDates, forms.Form):
    """A form on one client's work: its dates lie in the plausible range and not before the
    client's birth."""

    today_field = ""  # the date field that starts as today on a new form

    def __init__(self, *args: Any, client: Client, **kwargs: Any) -> None:
        self.client = client
        super().__init__(*args, **kwargs)
        if self.today_field and not self.is_bound:
            self.initial.setdefault(self.today_field, timezone.localdate())

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        dates: Mapping[str, date | None] = {
            name: cleaned.get(name) for name in self.plausible_dates if name in self.fields
        }
        for name, messages in birth_errors(self.client, dates, self.plausible_dates).items():
            self.add_error(name, messages)
        return cleaned


class JobForm(ClientWorkForm):
    """A new job: its kind, the employer by payroll tax number (a new one with its name), the
    contract, hours and dates; a past job whole with its last day worked and reason."""

    plausible_dates = JOB_DATES
    today_field = "started_on"

    kind = forms.ChoiceField(label=_("Soort werk"), choices=Job.Kind.choices)
    payroll_tax_number = forms.CharField(
        label=_("Loonheffingennummer van de werkgever"),
        required=False,
        max_length=20,
        help_text=_("9 cijfers, L, 2 cijfers, bijvoorbeeld 123456789L01. Niet bij zelfstandig."),
    )
    employer_name = forms.CharField(
        label=_("Naam van de werkgever"),
        required=False,
        max_length=200,
        help_text=_("Alleen nodig als de werkgever nog niet bekend is."),
    )
    contract = forms.ChoiceField(
        label=_("Contract"), required=False, choices=_optional(Contract.choices)
    )
    hours_per_week = forms.DecimalField(
        label=_("Uren per week"), required=False, max_digits=4, decimal_places=1
    )
    started_on = forms.DateField(label=_("Eerste werkdag"), widget=DatePicker())
    planned_end_on = forms.DateField(
        label=_("Geplande einddatum"),
        required=False,
        widget=DatePicker(),
        help_text=_("Verplicht bij een tijdelijk contract of uitzendcontract."),
    )
    placed_by = forms.ChoiceField(label=_("Geplaatst door"), choices=Job.PlacedBy.choices)
    ended_on = forms.DateField(
        label=_("Laatste werkdag"),
        required=False,
        widget=DatePicker(),
        help_text=_("Alleen bij werk dat al voorbij is."),
    )
    end_reason = forms.ChoiceField(
        label=_("Reden van einde"), required=False, choices=_optional(Job.EndReason.choices)
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["payroll_tax_number"].widget.attrs["list"] = "bekende-werkgevers"

    @property
    def known_employers(self) -> list[Employer]:
        """The client's earlier employers, offered while typing the payroll tax number."""
        return list(Employer.objects.filter(jobs__client=self.client).distinct().order_by("name"))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        number = normalise_payroll_tax_number(cleaned.get("payroll_tax_number", ""))
        cleaned["employer"], cleaned["payroll_tax_number"] = None, number
        if cleaned.get("kind") == Job.Kind.SELF_EMPLOYED:
            if number:
                self.add_error("payroll_tax_number", _("Zelfstandig werk heeft geen werkgever."))
            return cleaned
        if not number:
            if cleaned.get("kind"):
                self.add_error(
                    "payroll_tax_number", _("Geef het loonheffingennummer van de werkgever.")
                )
            return cleaned
        try:
            validate_payroll_tax_number(number)
        except forms.ValidationError as error:
            self.add_error("payroll_tax_number", error)
            return cleaned
        cleaned["employer"] = known_employer(number)
        if cleaned["employer"] is None and not cleaned.get("employer_name", "").strip():
            self.add_error(
                "employer_name",
                _(
                    "Dit loonheffingennummer is nog niet bekend. Geef de naam van de werkgever, "
                    "dan wordt die toegevoegd."
                ),
            )
        return cleaned


class EndJobForm(ClientWorkForm):
    plausible_dates = {"ended_on": JOB_DATES["ended_on"]}
    today_field = "ended_on"

    ended_on = forms.DateField(label=_("Laatste werkdag"), widget=DatePicker())
    end_reason = forms.ChoiceField(
        label=_("Reden van einde"), choices=_optional(Job.EndReason.choices)
    )


class RenewJobForm(ClientWorkForm):
    """Extended to a later planned end, or made permanent, on a date."""

    plausible_dates = RENEWAL_DATES
    today_field = "renewed_on"

    outcome = forms.ChoiceField(
        label=_("Wat is er afgesproken?"),
        choices=[("extended", _("Verlengd")), ("permanent", _("Vast contract"))],
        widget=forms.RadioSelect,
        initial="extended",
    )
    renewed_on = forms.DateField(label=_("Verlengd op"), widget=DatePicker())
    new_planned_end_on = forms.DateField(
        label=_("Nieuwe geplande einddatum"),
        required=False,
        widget=DatePicker(),
        help_text=_("Alleen bij een verlenging."),
    )


DECISION_FIELDS = ("decision", "decided_on", "valid_from", "valid_until", "wage_value_percent")


class DecideProvisionForm(ClientWorkForm):
    """The decision on a provision: granted (valid from a date; wage dispensation with its wage
    value and review date), refused or withdrawn."""

    plausible_dates = {name: rule for name, rule in PROVISION_DATES.items() if name != "applied_on"}
    today_field = "decided_on"

    decision = forms.ChoiceField(label=_("Besluit"), choices=_optional(Provision.Decision.choices))
    decided_on = forms.DateField(label=_("Besloten op"), widget=DatePicker())
    valid_from = forms.DateField(
        label=_("Geldig vanaf"), required=False, widget=DatePicker(), help_text=_("Bij toekenning.")
    )
    valid_until = forms.DateField(label=_("Geldig tot en met"), required=False, widget=DatePicker())
    wage_value_percent = forms.IntegerField(
        label=_("Loonwaarde (%)"),
        required=False,
        min_value=0,
        max_value=100,
        help_text=_("Alleen bij loondispensatie."),
    )
    review_on = forms.DateField(
        label=_("Herbeoordelen op"),
        required=False,
        widget=DatePicker(),
        help_text=_("Verplicht bij toegekende loondispensatie."),
    )


class ProvisionForm(DecideProvisionForm):
    """An application for a provision, pending or (a past one) with its decision."""

    plausible_dates = PROVISION_DATES
    today_field = "applied_on"
    field_order = ["kind", "applicant", "job", "applied_on", *DECISION_FIELDS, "review_on"]

    kind = forms.ChoiceField(label=_("Soort voorziening"), choices=Provision.Kind.choices)
    applicant = forms.ChoiceField(label=_("Aanvrager"), choices=Provision.Applicant.choices)
    job = forms.ModelChoiceField(
        label=_("Voor het werk"), required=False, queryset=Job.objects.none()
    )
    applied_on = forms.DateField(label=_("Aangevraagd op"), widget=DatePicker())

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["decision"].required = False
        decision = self.fields["decision"]
        decision.choices = [("", _("Nog niet besloten")), *Provision.Decision.choices]  # type: ignore[attr-defined]
        self.fields["decided_on"].required = False
        self.fields["decided_on"].help_text = _("Alleen als er al besloten is.")
        jobs = Job.objects.filter(client=self.client).select_related("employer")
        self.fields["job"].queryset = jobs  # type: ignore[attr-defined]


JOB_CHANGES = [
    ("", _("Nee")),
    ("started", _("Ja, nieuw werk")),
    ("ended", _("Ja, werk gestopt")),
]


# The rung as the conversation form asks it: not discussed, or one of the six.
NOT_DISCUSSED = ""
UNKNOWN = object()  # the form reads the last rung itself


class FileContactForm(ContactForm):
    """The conversation form on the file, with the question whether a job change came up: after
    saving, the form for it opens (nothing about work is saved with the conversation). And the
    client's rung on the participation ladder: the last one chosen, to confirm with no click or
    change with one; a held conversation saved with a rung records it on its date."""

    job_change = forms.ChoiceField(
        label=_("Baanwijziging besproken?"),
        required=False,
        choices=JOB_CHANGES,
        widget=forms.RadioSelect,
        initial="",
        help_text=_(
            "Na het opslaan van het gesprek opent het formulier om het werk vast te leggen."
        ),
    )
    rung = forms.TypedChoiceField(
        label=_("Trede op de participatieladder"),
        required=False,
        coerce=int,
        empty_value=None,
        widget=forms.RadioSelect,
        help_text=_("Alleen bij een gehouden gesprek; vastgelegd op de datum van het gesprek."),
    )

    def __init__(self, *args: Any, last_rung: Any = UNKNOWN, **kwargs: Any) -> None:
        """`last_rung`: the client's latest rung (None: none yet), when the caller has read it."""
        super().__init__(*args, **kwargs)
        if last_rung is UNKNOWN:
            last_rung = last_rungs([self.client.pk]).get(self.client.pk)
        self.last_rung = last_rung
        choices: list[tuple[Any, Any]] = [(NOT_DISCUSSED, _("Niet besproken"))]
        for value, label in Rung.choices:
            shown = _("%(rung)s (vorige keer)") % {"rung": label} if value == last_rung else label
            choices.append((value, shown))
        cast(forms.ChoiceField, self.fields["rung"]).choices = choices
        self.fields["rung"].initial = last_rung if last_rung is not None else NOT_DISCUSSED

    def clean(self) -> dict[str, Any]:
        """A conversation dated before the latest assessment does not confirm that rung: the
        prefilled choice would move it back to the conversation's day. Choosing it anyway for
        a day when another rung held is refused; choosing the rung of that day is not."""
        cleaned = super().clean()
        rung, held_on = cleaned.get("rung"), cleaned.get("held_on")
        if rung is None or held_on is None or cleaned.get("status") != Conversation.Status.HELD:
            return cleaned
        latest = assessment_on(self.client, date.max)
        if latest is None or held_on >= latest.assessed_on or rung != latest.rung:
            return cleaned
        then = assessment_on(self.client, held_on)
        if then is None or then.rung != rung:
            self.add_error(
                "rung",
                _(
                    "Trede %(rung)s geldt pas sinds %(since)s, na de datum van dit gesprek. "
                    "Kies de trede die op de gespreksdatum gold, of 'Niet besproken'."
                )
                % {"rung": rung, "since": long_date(latest.assessed_on)},
            )
        return cleaned
