from django.contrib import admin

from wajong.admin import CLIENT_SEARCH, ServiceAdmin

from .models import PhaseExemption, PhasePeriod
from .services import record_phase_exemption, transition_phase


@admin.register(PhasePeriod)
class PhasePeriodAdmin(ServiceAdmin):
    """A period is added by a transition; existing periods are history and never rewritten."""

    changeable = False
    add_fields = ("client", "phase", "started_on", "reason")
    asks_change_reason = False  # the transition's reason is its change reason
    list_display = ("client", "phase", "started_on", "ended_on", "recorded_by")
    list_select_related = ("client", "recorded_by")
    list_filter = ("phase", ("ended_on", admin.EmptyFieldListFilter))
    search_fields = CLIENT_SEARCH
    autocomplete_fields = ("client",)
    readonly_fields = ("recorded_at",)
    ordering = ("-id",)  # newest first, along the primary key index

    def write(self, request, form, change):
        return transition_phase(**form.values(*self.add_fields), by=request.user)


@admin.register(PhaseExemption)
class PhaseExemptionAdmin(ServiceAdmin):
    changeable = False
    add_fields = ("client", "phase", "reason", "note", "valid_from", "review_on")
    asks_change_reason = False  # the service records the note as the reason
    list_display = ("client", "phase", "reason", "valid_from", "review_on", "recorded_by")
    list_select_related = ("client", "recorded_by")
    list_filter = ("phase", "reason")
    search_fields = CLIENT_SEARCH
    autocomplete_fields = ("client",)
    ordering = ("-id",)

    def write(self, request, form, change):
        return record_phase_exemption(**form.values(*self.add_fields), by=request.user)
