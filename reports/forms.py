from datetime import date
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Team
from common.filters import IdField
from common.forms import PlausibleDates, ids_from, keep_plausible
from common.plausible import search_day
from common.widgets import DatePicker
from interventions.models import Trajectory
from participation.figures import MOVEMENTS, RUNGS, UNKNOWN
from phases.flows import END_STATES, START_PHASES, SWITCHES
from phases.models import Phase
from referrals.models import Organisation, Referral
from signals.models import Signal
from work.flow import WINDOWS
from work.selectors import Retention
from work.status_figures import LINES

# The work figures of a period a drill-down lists the clients of (reports.drilldown.work_clients);
# the lines of the work figures on one day are `LINES`.
WORK_FIGURES = (
    "placed",
    "renewed",
    "made_permanent",
    "retention",
    *(Retention.SAME_EMPLOYER, Retention.OTHER_EMPLOYER, Retention.NOT_WORKING),
    *(f"{counted}_{window}" for counted in ("ended", "new") for window in WINDOWS),
)
# A referral figure (reports.drilldown.referred_clients): any referral, one to a kind of
# organisation, one with a status now, or the phase-1 clients on the period's end referred in it.
PHASE_1 = "phase_1"
REFERRAL_FIGURES = ("any", PHASE_1, *Organisation.Kind.values, *Referral.Status.values)
FLOW_PATTERN = (
    rf"^({'|'.join(START_PHASES)})\.(all|{'|'.join(SWITCHES)})\.(all|{'|'.join(END_STATES)})$"
)
FIRST_YEAR = 2015  # the first year of the yearly phase figures


class PeriodForm(forms.Form):
    """Which team and period a dashboard shows; read from the query string."""

    team = forms.ModelChoiceField(
        label=_("Team"), required=False, queryset=Team.objects.none(), empty_label=_("Alle teams")
    )
    year = forms.IntegerField(label=_("Jaar"), required=False)
    on = forms.DateField(label=_("Peildatum"), required=False, widget=DatePicker())
    # The flow through the phases: the clients who started `phase` in [from, to], up to `on`.
    phase = forms.ChoiceField(
        label=_("Gestart in fase"),
        required=False,
        choices=[(phase, _("Fase %(phase)s") % {"phase": phase}) for phase in START_PHASES],
    )

    def __init__(self, *args: Any, teams: QuerySet[Team], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = teams  # type: ignore[attr-defined]
        if teams.count() == 1:
            self.fields["team"].empty_label = None  # type: ignore[attr-defined]
        # "from" is a Python keyword: added by name.
        for name, label in (("from", _("Gestart vanaf")), ("to", _("Gestart tot en met"))):
            self.fields[name] = forms.DateField(label=label, required=False, widget=DatePicker())
            keep_plausible(self.fields[name], search_day(label))

    def clean_year(self) -> int | None:
        year = self.cleaned_data.get("year")
        today = timezone.localdate()
        if year is not None and not FIRST_YEAR <= year <= today.year:
            raise forms.ValidationError(
                _("Kies een jaar van %(first)s tot en met %(last)s.")
                % {"first": FIRST_YEAR, "last": today.year}
            )
        return year

    def clean_on(self) -> date | None:
        on = self.cleaned_data.get("on")
        if on is not None and on > timezone.localdate():
            raise forms.ValidationError(_("De peildatum kan niet in de toekomst liggen."))
        if on is not None and on.year < FIRST_YEAR:
            raise forms.ValidationError(
                _("Kies een peildatum vanaf %(first)s.") % {"first": FIRST_YEAR}
            )
        return on

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("from"), cleaned.get("to")
        last = cleaned.get("on") or timezone.localdate()
        if start is not None and end is not None and start > end:
            self.add_error("from", _("De begindatum ligt na de einddatum."))
        elif end is not None and end > last:
            self.add_error("to", _("De einddatum ligt na de peildatum."))
        elif start is not None and end is None and start > last:
            self.add_error("from", _("De begindatum ligt na de peildatum."))
        return cleaned


class DrilldownForm(PlausibleDates, forms.Form):
    """The filters of one figure, as its link carries them; anything else is refused."""

    plausible_dates = {
        "on": search_day(_("De peildatum")),
        "start": search_day(_("De begindatum")),
        "end": search_day(_("De einddatum")),
    }

    team = IdField(required=False)
    caseworker = forms.CharField(required=False, max_length=12)
    phase = forms.ChoiceField(required=False, choices=[*Phase.choices, ("none", "none")])
    signal = forms.ChoiceField(required=False, choices=Signal.Kind.choices)
    overdue = forms.BooleanField(required=False)
    norm = forms.ChoiceField(
        required=False,
        choices=[("population", "population"), ("spoken", "spoken"), ("not_spoken", "n")],
    )
    on = forms.DateField(required=False)
    # Events in a period: a phase transition, a purchase, a conversation held by someone.
    start = forms.DateField(required=False)
    end = forms.DateField(required=False)
    transition = forms.RegexField(required=False, regex=r"^(start|[1-4])-[1-4]$")
    ended_phase = forms.ChoiceField(required=False, choices=Phase.choices)
    service_type = IdField(required=False)
    provider = IdField(required=False)
    trajectory_status = forms.ChoiceField(required=False, choices=Trajectory.Status.choices)
    outcome = forms.ChoiceField(required=False, choices=Trajectory.Outcome.choices)
    spoken_by = IdField(required=False)
    # A work figure of the period (`WORK_FIGURES`) or a line of the work figures on `on` (who
    # works, their contract, their support: `LINES`).
    work = forms.ChoiceField(required=False, choices=[(w, w) for w in (*WORK_FIGURES, *LINES)])
    # A rung ("1".."6", "unknown") of the clients on `on`, or how they moved from `start` to
    # `end` ("up", "same", "down", "left").
    ladder = forms.ChoiceField(
        required=False, choices=[(k, k) for k in (*RUNGS, UNKNOWN, *MOVEMENTS)]
    )
    referral = forms.ChoiceField(required=False, choices=[(r, r) for r in REFERRAL_FIGURES])
    # The flow through the phases: "<start phase>.<switches>.<end state>", "all" for any, of
    # the clients who started in [start, end], followed up to `on`.
    flow = forms.RegexField(required=False, regex=FLOW_PATTERN)

    EVENTS = ("transition", "ended_phase", "service_type", "spoken_by", "referral")

    def clean_caseworker(self) -> str:
        value = self.cleaned_data.get("caseworker") or ""
        if value and value != "none" and not ids_from([value]):
            raise forms.ValidationError(_("Onbekende casemanager."))
        return value

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        on = cleaned.get("on")
        if on is not None and on > timezone.localdate():
            self.add_error("on", _("De peildatum kan niet in de toekomst liggen."))
        work = cleaned.get("work") or ""
        if cleaned.get("norm") and work:
            # One figure's clients at a time: never one list filtered by half the link.
            self.add_error(
                "work",
                _(
                    "Kies een regel van de contactnorm of een regel van de werkcijfers, "
                    "niet allebei."
                ),
            )
        if cleaned.get("norm") and on is None:
            self.add_error("on", _("Geef de peildatum van de contactnorm."))
        if work in LINES and on is None:
            self.add_error("on", _("Geef de peildatum van de werkcijfers."))
        ladder = cleaned.get("ladder") or ""
        if ladder and ladder not in MOVEMENTS and on is None:
            self.add_error("on", _("Geef de peildatum van de trede."))
        in_period = work in WORK_FIGURES or any(cleaned.get(event) for event in self.EVENTS)
        in_period = in_period or ladder in MOVEMENTS or bool(cleaned.get("flow"))
        if cleaned.get("flow") and on is None:
            self.add_error("on", _("Geef de einddatum van de doorstroom."))
        if in_period and not (cleaned.get("start") and cleaned.get("end")):
            self.add_error("start", _("Geef de periode (begin en einde)."))
        return cleaned
