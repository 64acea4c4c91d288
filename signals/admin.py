from django.contrib import admin
from django.http import HttpRequest

from common.admin import CLIENT_SEARCH, ViewOnlyAdmin

from .models import Notification, Signal


@admin.register(Signal)
class SignalAdmin(ViewOnlyAdmin[Signal]):
    """Signals change through the nightly checks and their dismissal (signals.services)."""

    list_display = ("client", "kind", "status", "raised_on", "resolved_on")
    list_select_related = ("client",)
    list_filter = ("kind", "status")
    search_fields = CLIENT_SEARCH


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    """Written by the nightly digest, marked read by their recipient; no history of their own."""

    list_display = ("recipient", "kind", "day", "count", "read_at")
    list_select_related = ("recipient",)
    list_filter = ("kind", ("read_at", admin.EmptyFieldListFilter))
    search_fields = ("recipient__username", "recipient__last_name", "recipient__first_name")
    show_full_result_count = False

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Notification | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Notification | None = None) -> bool:
        return False
