"""The work-plan letter for the client: the goal and each agreement in plain Dutch (B1), as a
PDF to download or print; and the form that records it was given or sent.

The letter is Dutch whatever the language of the screens: it goes to the client. It carries
the client's name and address and no BSN or other number. WeasyPrint renders it from an HTML
template with its own print styles and fetches nothing: every URL it meets is refused.
"""

from dataclasses import dataclass
from datetime import date
from typing import Any

from django import forms
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from clients.models import Client
from common.fields import text_limit
from common.forms import PlausibleDates
from common.widgets import DatePicker
from interventions.forms import change_reason_field
from interventions.models import Agreement, WorkPlan, WorkPlanLetter
from interventions.validators import LETTER_DATES

TEMPLATE = "casework/work_plan_letter.html"

# Who does something, in the words of a letter to the client ("U" is the client).
OWNER_WORDS = {
    Agreement.Owner.CLIENT: "U",
    Agreement.Owner.UWV: "UWV",
    Agreement.Owner.EMPLOYER: "Uw werkgever",
    Agreement.Owner.PROVIDER: "Het re-integratiebedrijf",
}


@dataclass(frozen=True)
class LetterLine:
    """One agreement as the letter says it: who does what by when."""

    who: str
    what: str
    when: str


@dataclass(frozen=True)
class Sender:
    """The client's contact at UWV, as the letter names them."""

    name: str
    function: str
    email: str
    team: str


@dataclass(frozen=True)
class Letter:
    client: Client
    plan: WorkPlan
    lines: list[LetterLine]
    sender: Sender
    written_on: date

    @property
    def is_current(self) -> bool:
        return self.plan.status != WorkPlan.Status.SUPERSEDED

    @property
    def is_agreed(self) -> bool:
        return self.plan.status == WorkPlan.Status.AGREED


def _line(agreement: Agreement) -> LetterLine:
    if agreement.status == Agreement.Status.DONE:
        when = "Al gedaan"
    elif agreement.due_on is not None:
        when = date_format(agreement.due_on, "j F Y")
    else:
        when = "Geen vaste datum"
    return LetterLine(OWNER_WORDS[Agreement.Owner(agreement.owner)], agreement.description, when)


def _sender(client: Client, user: User) -> Sender:
    """The client's fixed contact person; without one, the colleague who makes the letter."""
    person = client.caseworker or user
    return Sender(
        name=person.get_full_name() or person.username,
        function=person.get_function_display(),
        email=person.email,
        team=client.team.name,
    )


def letter_for(*, client: Client, plan: WorkPlan, user: User, today: date) -> Letter:
    """What the letter with `plan` says: its agreements, cancelled ones left out, open ones
    by date (those without a date last)."""
    agreements = sorted(
        (a for a in plan.agreements.all() if a.status != Agreement.Status.CANCELLED),
        key=lambda a: (a.status == Agreement.Status.DONE, a.due_on is None, a.due_on, a.pk),
    )
    with translation.override("nl"):
        return Letter(
            client=client,
            plan=plan,
            lines=[_line(a) for a in agreements],
            sender=_sender(client, user),
            written_on=today,
        )


def letter_html(letter: Letter) -> str:
    with translation.override("nl"):
        return render_to_string(TEMPLATE, {"letter": letter})


class LetterUnavailable(Exception):
    """This server cannot make PDFs: WeasyPrint found no Pango (Debian's libpango-1.0-0)."""


def letter_pdf(letter: Letter) -> bytes:
    """The letter as a tagged PDF (PDF/UA-1, so a screen reader can read it aloud)."""
    # Imported here: WeasyPrint loads Pango when imported, and only this page needs it.
    try:
        from weasyprint import HTML
        from weasyprint.urls import URLFetcher
    except OSError as missing:
        raise LetterUnavailable(str(missing)) from missing

    nothing = URLFetcher(allowed_protocols=[])
    document = HTML(string=letter_html(letter), url_fetcher=nothing)
    return bytes(document.write_pdf(pdf_variant="pdf/ua-1"))


class LetterForm(PlausibleDates, forms.Form):
    """'Brief meegegeven of verstuurd': which version, when, how, and whether the client
    agreed."""

    plausible_dates = LETTER_DATES

    prefix = "letter"  # its fields' ids differ from the other forms' on the work plan page
    version = forms.TypedChoiceField(label=_("Versie van het werkplan"), coerce=int)
    handed_on = forms.DateField(label=_("Meegegeven of verstuurd op"), widget=DatePicker())
    channel = forms.ChoiceField(label=_("Hoe"), choices=WorkPlanLetter.Channel.choices)
    client_agreed = forms.BooleanField(
        label=_("De cliënt is akkoord met het werkplan"), required=False
    )
    note = forms.CharField(
        label=_("Notitie (optioneel)"),
        required=False,
        max_length=text_limit(WorkPlanLetter, "note"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Bijvoorbeeld wat de cliënt over het werkplan zei."),
    )
    change_reason = change_reason_field()

    def __init__(self, *args: Any, plans: list[WorkPlan], **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"handed_on": timezone.localdate()})
        super().__init__(*args, **kwargs)
        field = self.fields["version"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [(p.version, _("Versie %(v)s") % {"v": p.version}) for p in plans]
        if plans:
            self.initial.setdefault("version", plans[0].version)
