from django.contrib import admin
from django.http import HttpRequest

from common.admin import CLIENT_SEARCH, AdminRequest, ServiceAdmin, ServiceForm

from .models import RungAssessment
from .services import CORRECTABLE, correct_rung, record_rung
from .validators import LADDER_DATES


@admin.register(RungAssessment)
class RungAssessmentAdmin(ServiceAdmin[RungAssessment]):
    """Recorded and corrected through the services; a correction asks why."""

    plausible_dates = LADDER_DATES
    add_fields = ("client", "rung", "assessed_on", "note")
    list_display = ("client", "rung", "assessed_on", "assessed_by")
    list_select_related = ("client", "assessed_by")
    list_filter = ("rung",)
    search_fields = CLIENT_SEARCH
    autocomplete_fields = ("client",)
    raw_id_fields = ("conversation",)
    ordering = ("-id",)

    def get_readonly_fields(
        self, request: HttpRequest, obj: RungAssessment | None = None
    ) -> tuple[str, ...]:
        return ("client", "assessed_by", "conversation") if obj else ()

    def write(
        self, request: AdminRequest, form: ServiceForm[RungAssessment], change: bool
    ) -> RungAssessment:
        by, reason = request.user, form.history_reason
        if not change:
            return record_rung(**form.values(*self.add_fields), by=by, change_reason=reason)
        changes = {f: form.cleaned_data[f] for f in CORRECTABLE if f in form.changed_data}
        return correct_rung(assessment=form.instance, changes=changes, by=by, change_reason=reason)
