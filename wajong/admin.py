"""The admin site: open to the staff roles only."""

import json

from django.conf import settings
from django.contrib import admin
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext_lazy as _

from clients.permissions import may_manage_catalogues
from common.admin import NUL_IN_SEARCH, searches_for_nul
from common.reads import Read, note_reads


class StaffAdminSite(admin.AdminSite):
    """The admin is for functional administrators (catalogues, norms, teams, users) and
    superusers; a staff flag alone does not open it. It speaks the site's language and wears
    its colours (templates/admin/base_site.html, static/css/admin.css)."""

    site_header = _("Wajong dossier – beheer")
    site_title = _("Wajong dossier – beheer")
    index_title = _("Beheer")

    def has_permission(self, request: HttpRequest) -> bool:
        user = request.user
        return (
            user.is_active
            and user.is_staff
            and may_manage_catalogues(user)
            # and, where a second factor is required, a session that passed a code
            and (not settings.MFA_REQUIRED or getattr(user, "is_verified", lambda: False)())
        )

    def autocomplete_view(self, request: HttpRequest) -> HttpResponse:
        if searches_for_nul(request, "term"):
            return JsonResponse({"error": str(NUL_IN_SEARCH)}, status=400)
        response = super().autocomplete_view(request)
        if request.GET.get("field_name") == "client" and response.status_code == 200:
            # The choices are clients by name: each one shown is a read.
            found = json.loads(response.content).get("results", [])
            note_reads(request, [int(choice["id"]) for choice in found], Read.LIST)
        return response
