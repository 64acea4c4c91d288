from django.contrib import admin

from reports.services import figures_changed_from
from wajong.admin import ServiceAdmin

from .models import NormVersion


@admin.register(NormVersion)
class NormVersionAdmin(ServiceAdmin):
    list_display = (
        "effective_from",
        "contact_window_months",
        "stalled_phase_1_months",
        "stalled_phase_2_months",
        "stalled_phase_3_months",
        "created_by",
    )
    list_select_related = ("created_by",)
    readonly_fields = ("created_by",)

    def write(self, request, form, change):
        if not change:
            form.instance.created_by = request.user
        saved = super().write(request, form, change)
        # The contact norm decides who counted in the month-end figures from its date on.
        dates = [form.instance.effective_from, form.initial.get("effective_from")]
        figures_changed_from(min(d for d in dates if d))
        return saved
