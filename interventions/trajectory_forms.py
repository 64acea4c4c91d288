"""The forms of a purchased trajectory: buying one, and the changes of its status after."""

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from clients.models import Client
from common.fields import text_limit
from common.forms import PlausibleDates
from common.widgets import DatePicker

from .forms import change_reason_field
from .models import Provider, ServiceType, Trajectory, TrajectoryPause
from .services.trajectories import TrajectoryAction
from .validators import STATUS_CHANGE_DATES, TRAJECTORY_DATES

ON = STATUS_CHANGE_DATES["on"]  # the day of a status change, whatever the form calls it


class PurchaseForm(PlausibleDates, forms.Form):
    """Buy a trajectory: only services for the client's phase, justification when repeated."""

    plausible_dates = TRAJECTORY_DATES

    service_type = forms.ModelChoiceField(label=_("Dienst"), queryset=ServiceType.objects.none())
    provider = forms.ModelChoiceField(
        label=_("Aanbieder"), queryset=Provider.objects.filter(active=True)
    )
    purpose = forms.CharField(
        label=_("Doel van de inkoop"),
        max_length=text_limit(Trajectory, "purpose"),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    purchased_on = forms.DateField(label=_("Ingekocht op"), widget=DatePicker())
    started_on = forms.DateField(label=_("Start"), required=False, widget=DatePicker())
    planned_end_on = forms.DateField(
        label=_("Geplande einddatum"),
        required=False,
        widget=DatePicker(),
    )
    cost = forms.DecimalField(label=_("Kosten (€)"), min_value=0, max_digits=10, decimal_places=2)
    repeat_justification = forms.CharField(
        label=_("Motivering als de cliënt deze dienst al eerder kreeg"),
        required=False,
        max_length=text_limit(Trajectory, "repeat_justification"),
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, client: Client, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        phase = getattr(client, "current_phase", None)
        services = ServiceType.objects.filter(active=True)
        if phase:
            services = services.filter(phases__contains=phase)
        self.fields["service_type"].queryset = services  # type: ignore[attr-defined]
        self.initial.setdefault("purchased_on", timezone.localdate())


class TrajectoryActionForm(PlausibleDates, forms.Form):
    """Carries the status the user saw, so a change made meanwhile conflicts visibly.

    `status_change()` gives the arguments of `change_trajectory_status` for the valid form.
    """

    seen_status = forms.ChoiceField(choices=Trajectory.Status.choices, widget=forms.HiddenInput)

    def status_change(self) -> dict[str, Any]:
        raise NotImplementedError


class StartForm(TrajectoryActionForm):
    """A requested trajectory starts: today, or the day it did (from its purchase on)."""

    plausible_dates = {"started_on": ON.named(_("De startdatum"))}

    started_on = forms.DateField(label=_("Gestart op"), widget=DatePicker())
    change_reason = change_reason_field()

    def status_change(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "action": TrajectoryAction.START,
            "on": data["started_on"],
            "change_reason": data["change_reason"],
            "expected_status": data["seen_status"],
        }


class PauseForm(TrajectoryActionForm):
    plausible_dates = {"from_date": ON.named(_("De datum van de pauze"))}

    from_date = forms.DateField(label=_("Gepauzeerd vanaf"), widget=DatePicker())
    reason = forms.CharField(label=_("Reden"), max_length=text_limit(TrajectoryPause, "reason"))

    def status_change(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "action": TrajectoryAction.PAUSE,
            "on": data["from_date"],
            "reason": data["reason"],
            "expected_status": data["seen_status"],
        }


class ResumeForm(TrajectoryActionForm):
    plausible_dates = {"on": ON.named(_("De datum van hervatten"))}

    on = forms.DateField(label=_("Hervat op"), widget=DatePicker())
    change_reason = change_reason_field()

    def status_change(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "action": TrajectoryAction.RESUME,
            "on": data["on"],
            "change_reason": data["change_reason"],
            "expected_status": data["seen_status"],
        }


class CloseForm(TrajectoryActionForm):
    plausible_dates = {"ended_on": ON.named(_("De einddatum"))}

    status = forms.ChoiceField(
        label=_("Afsluiten als"),
        choices=[
            (Trajectory.Status.COMPLETED, _("Afgerond")),
            (Trajectory.Status.CANCELLED, _("Geannuleerd")),
        ],
    )
    ended_on = forms.DateField(label=_("Einddatum"), widget=DatePicker())
    outcome = forms.ChoiceField(
        label=_("Resultaat"), required=False, choices=[("", "–"), *Trajectory.Outcome.choices]
    )
    outcome_note = forms.CharField(
        label=_("Toelichting"), required=False, max_length=text_limit(Trajectory, "outcome_note")
    )
    change_reason = change_reason_field()

    def status_change(self) -> dict[str, Any]:
        data = self.cleaned_data
        completed = data["status"] == Trajectory.Status.COMPLETED
        return {
            "action": TrajectoryAction.COMPLETE if completed else TrajectoryAction.CANCEL,
            "on": data["ended_on"],
            "outcome": data["outcome"],
            "outcome_note": data["outcome_note"],
            "change_reason": data["change_reason"],
            "expected_status": data["seen_status"],
        }
