from datetime import date

from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from common.admin import CLIENT_SEARCH, AdminRequest, ServiceAdmin, ServiceForm, ViewOnlyAdmin

from .capacity import record_capacity_decision, request_reassessment
from .models import (
    CaseworkerAssignment,
    ImportRun,
    Reassessment,
    TeamAssignment,
    WorkCapacityDecision,
)
from .rules import CAPACITY_DATES


@admin.register(CaseworkerAssignment)
class CaseworkerAssignmentAdmin(ViewOnlyAdmin[CaseworkerAssignment]):
    """Assignments change through the client's fixed contact person (assign_caseworker)."""

    list_display = ("client", "caseworker", "started_on", "ended_on", "assigned_by")
    list_select_related = ("client", "caseworker", "assigned_by")
    list_filter = (("ended_on", admin.EmptyFieldListFilter),)
    search_fields = (*CLIENT_SEARCH, "caseworker__last_name")
    ordering = ("-id",)  # newest first, along the primary key index


@admin.register(TeamAssignment)
class TeamAssignmentAdmin(ViewOnlyAdmin[TeamAssignment]):
    """Team periods change when the client moves to another team (update_client, move_to_team)."""

    list_display = ("client", "team", "started_on", "ended_on", "assigned_by")
    list_select_related = ("client", "team", "assigned_by")
    list_filter = (("ended_on", admin.EmptyFieldListFilter), "team")
    search_fields = CLIENT_SEARCH
    ordering = ("-id",)


@admin.register(WorkCapacityDecision)
class WorkCapacityDecisionAdmin(ServiceAdmin[WorkCapacityDecision]):
    """A decision is added, never rewritten: a later decision takes over from it."""

    changeable = False
    plausible_dates = CAPACITY_DATES
    add_fields = ("client", "decided_on", "outcome", "basis")
    list_display = ("client", "decided_on", "outcome", "superseded_on", "decided_by")
    list_select_related = ("client", "decided_by")
    list_filter = ("outcome", ("superseded_on", admin.EmptyFieldListFilter))
    search_fields = CLIENT_SEARCH
    autocomplete_fields = ("client",)
    ordering = ("-id",)

    def write(
        self, request: AdminRequest, form: ServiceForm[WorkCapacityDecision], change: bool
    ) -> WorkCapacityDecision:
        return record_capacity_decision(
            **form.values(*self.add_fields), by=request.user, change_reason=form.history_reason
        )


@admin.register(Reassessment)
class ReassessmentAdmin(ServiceAdmin[Reassessment]):
    """A reassessment is requested here; it is decided on the client's file."""

    changeable = False
    plausible_dates = CAPACITY_DATES
    add_fields = ("client", "requested_on", "reason", "practical_assessment")
    list_display = ("client", "requested_on", "decided_on", "requested_by")
    list_select_related = ("client", "decision", "requested_by")
    list_filter = (("decision", admin.EmptyFieldListFilter),)
    search_fields = CLIENT_SEARCH
    autocomplete_fields = ("client",)
    ordering = ("-id",)

    @admin.display(description=_("besloten op"))
    def decided_on(self, obj: Reassessment) -> date | None:
        return obj.decision.decided_on if obj.decision else None

    def write(
        self, request: AdminRequest, form: ServiceForm[Reassessment], change: bool
    ) -> Reassessment:
        return request_reassessment(
            **form.values(*self.add_fields), by=request.user, change_reason=form.history_reason
        )


@admin.register(ImportRun)
class ImportRunAdmin(admin.ModelAdmin):
    """Every run of the client import, dry or real: evidence, shown and never changed."""

    list_display = ("at", "user", "filename", "dry_run", "row_count", "error_count")
    list_select_related = ("user",)
    list_filter = ("dry_run",)
    show_full_result_count = False

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: ImportRun | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: ImportRun | None = None) -> bool:
        return False
