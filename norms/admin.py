from django.contrib import admin

from common.admin import AdminRequest, ServiceAdmin, ServiceForm

from .models import NormVersion
from .services import save_norm_version


@admin.register(NormVersion)
class NormVersionAdmin(ServiceAdmin[NormVersion]):
    list_display = (
        "effective_from",
        "contact_window_months",
        "stalled_phase_1_months",
        "stalled_phase_2_months",
        "stalled_phase_3_months",
        "placements_per_year",
        "contract_ending_days",
        "job_ended_after_days",
        "job_ended_within_days",
        "created_by",
    )
    list_select_related = ("created_by",)
    readonly_fields = ("created_by",)

    def write(
        self, request: AdminRequest, form: ServiceForm[NormVersion], change: bool
    ) -> NormVersion:
        return save_norm_version(
            norm=form.build_instance(),
            effective_before=form.initial.get("effective_from"),
            by=request.user,
            change_reason=form.history_reason,
        )
