from django.contrib import admin

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
        return super().write(request, form, change)
