from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from common.admin import CLIENT_SEARCH, AdminRequest, ReadOnlyInline, ServiceAdmin, ServiceForm

from .models import Employer, Job, JobRenewal, Provision
from .services import jobs, provisions
from .services.employers import create_employer
from .services.renewals import renew_job


@admin.register(Employer)
class EmployerAdmin(ServiceAdmin[Employer]):
    """Added here or by caseworkers; a payroll tax number is known once."""

    changeable = False
    add_fields = ("name", "payroll_tax_number", "kvk_number")
    list_display = ("name", "payroll_tax_number", "kvk_number")
    search_fields = ("name", "=payroll_tax_number", "=kvk_number")
    ordering = ("name", "id")

    def write(self, request: AdminRequest, form: ServiceForm[Employer], change: bool) -> Employer:
        return create_employer(
            **form.values(*self.add_fields), by=request.user, change_reason=form.history_reason
        )


class JobRenewalInline(ReadOnlyInline):
    model = JobRenewal
    fields = ("renewed_on", "new_planned_end_on", "made_permanent", "previous_contract")


def _changes(form: ServiceForm[Any], fields: tuple[str, ...]) -> dict[str, Any]:
    return {f: form.cleaned_data[f] for f in fields if f in form.changed_data}


@admin.register(Job)
class JobAdmin(ServiceAdmin[Job]):
    """Recorded and corrected through the services; renewals have their own page."""

    add_fields = ("client", *jobs.CORRECTABLE)
    inlines = (JobRenewalInline,)
    list_display = ("client", "kind", "employer", "contract", "started_on", "ended_on")
    list_select_related = ("client", "employer")
    list_filter = ("kind", "contract", "placed_by")
    search_fields = (*CLIENT_SEARCH, "employer__name")
    autocomplete_fields = ("client", "employer")
    # A trajectory is named after its client: no search over every client's trajectories.
    raw_id_fields = ("trajectory",)
    ordering = ("-id",)

    def get_readonly_fields(self, request: HttpRequest, obj: Job | None = None) -> tuple[str, ...]:
        return ("client",) if obj else ()

    def write(self, request: AdminRequest, form: ServiceForm[Job], change: bool) -> Job:
        by, reason = request.user, form.history_reason
        if not change:
            return jobs.record_job(**form.values(*self.add_fields), by=by, change_reason=reason)
        return jobs.correct_job(
            job=form.instance,
            changes=_changes(form, jobs.CORRECTABLE),
            by=by,
            change_reason=reason,
        )


@admin.register(JobRenewal)
class JobRenewalAdmin(ServiceAdmin[JobRenewal]):
    """Added through `renew_job`, which changes the job's terms with it."""

    changeable = False
    add_fields = ("job", "renewed_on", "new_planned_end_on", "made_permanent")
    list_display = ("job", "renewed_on", "new_planned_end_on", "made_permanent")
    list_select_related = ("job__client", "job__employer")
    client_path = "job.client_id"
    list_filter = ("made_permanent",)
    search_fields = ("job__client__last_name", "=job__client__bsn")
    autocomplete_fields = ("job",)
    ordering = ("-id",)

    def write(
        self, request: AdminRequest, form: ServiceForm[JobRenewal], change: bool
    ) -> JobRenewal:
        return renew_job(
            **form.values(*self.add_fields), by=request.user, change_reason=form.history_reason
        )


@admin.register(Provision)
class ProvisionAdmin(ServiceAdmin[Provision]):
    add_fields = ("client", *provisions.CORRECTABLE)
    list_display = ("client", "kind", "applicant", "applied_on", "decision", "valid_from")
    list_select_related = ("client",)
    list_filter = ("kind", "decision", "applicant")
    search_fields = CLIENT_SEARCH
    autocomplete_fields = ("client", "job")
    ordering = ("-id",)

    def get_readonly_fields(
        self, request: HttpRequest, obj: Provision | None = None
    ) -> tuple[str, ...]:
        return ("client",) if obj else ()

    def write(self, request: AdminRequest, form: ServiceForm[Provision], change: bool) -> Provision:
        by, reason = request.user, form.history_reason
        if not change:
            fields = form.values(*self.add_fields)
            return provisions.record_provision(**fields, by=by, change_reason=reason)
        return provisions.change_provision(
            provision=form.instance,
            changes=_changes(form, provisions.CORRECTABLE),
            by=by,
            change_reason=reason,
        )
