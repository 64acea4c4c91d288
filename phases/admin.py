from typing import cast

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.http import QueryDict
from django.utils.translation import gettext as _

from clients.models import Client
from common.admin import CLIENT_SEARCH, AdminRequest, ServiceAdmin, ServiceForm
from common.exceptions import EditConflict

from .models import PhaseExemption, PhasePeriod
from .services import record_phase_exemption, transition_phase
from .validators import PHASE_EXEMPTION_DATES, PHASE_TRANSITION_DATES


class PhaseTransitionForm(ServiceForm[PhasePeriod]):
    """A transition carries the client version its user read, so that two made from the same
    read cannot both go through. The add page has no client yet, so the first save without a
    version shows the client's current phase and carries its version into the form; saving
    again confirms the transition from that phase."""

    expected_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def carry_version(self, version: int) -> None:
        """Shown again with `version`, so that a second save means: from what is shown now."""
        data = cast(QueryDict, self.data).copy()  # the posted form, immutable
        data[self.add_prefix("expected_version")] = str(version)
        self.data = data


@admin.register(PhasePeriod)
class PhasePeriodAdmin(ServiceAdmin[PhasePeriod]):
    """A period is added by a transition; existing periods are history and never rewritten."""

    form = PhaseTransitionForm
    changeable = False
    plausible_dates = PHASE_TRANSITION_DATES
    add_fields = ("client", "phase", "started_on", "reason", "expected_version")
    asks_change_reason = False  # the transition's reason is its change reason
    list_display = ("client", "phase", "started_on", "ended_on", "recorded_by")
    list_select_related = ("client", "recorded_by")
    list_filter = ("phase", ("ended_on", admin.EmptyFieldListFilter))
    search_fields = CLIENT_SEARCH
    autocomplete_fields = ("client",)
    readonly_fields = ("recorded_at",)
    ordering = ("-id",)  # newest first, along the primary key index

    def write(
        self, request: AdminRequest, form: ServiceForm[PhasePeriod], change: bool
    ) -> PhasePeriod:
        transition = cast(PhaseTransitionForm, form)  # this admin's form
        values = form.values("client", "phase", "started_on", "reason", "expected_version")
        client: Client = values["client"]
        if values["expected_version"] is None:
            transition.carry_version(client.version)
            current = client.phase_periods.filter(ended_on__isnull=True).first()
            now = (
                _("%(client)s staat nu in fase %(phase)s.")
                % {"client": client, "phase": current.phase}
                if current
                else _("%(client)s heeft nog geen fase.") % {"client": client}
            )
            confirm = _("Sla opnieuw op om de fase te wijzigen.")
            raise ValidationError(f"{now} {confirm}")
        try:
            return transition_phase(**values, by=request.user)
        except EditConflict as conflict:
            if conflict.current_version is not None:
                transition.carry_version(conflict.current_version)
            raise


@admin.register(PhaseExemption)
class PhaseExemptionAdmin(ServiceAdmin[PhaseExemption]):
    changeable = False
    plausible_dates = PHASE_EXEMPTION_DATES
    add_fields = ("client", "phase", "reason", "note", "valid_from", "review_on")
    asks_change_reason = False  # the service records the note as the reason
    list_display = ("client", "phase", "reason", "valid_from", "review_on", "recorded_by")
    list_select_related = ("client", "recorded_by")
    list_filter = ("phase", "reason")
    search_fields = CLIENT_SEARCH
    autocomplete_fields = ("client",)
    ordering = ("-id",)

    def write(
        self, request: AdminRequest, form: ServiceForm[PhaseExemption], change: bool
    ) -> PhaseExemption:
        return record_phase_exemption(**form.values(*self.add_fields), by=request.user)
