from django.contrib import admin
from django.http import HttpRequest

from common.admin import CLIENT_SEARCH, ViewOnlyAdmin

from .models import CaseworkerAssignment, ImportRun, TeamAssignment


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
