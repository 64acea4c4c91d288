"""Who may write through the API, beyond seeing the client (scope is the queryset's job)."""

from typing import cast

from django.utils.translation import gettext_lazy
from rest_framework.permissions import BasePermission
from rest_framework.request import Request
from rest_framework.views import APIView

from accounts.models import User
from clients.permissions import may_edit_client_files, may_manage_catalogues


class EditsClientFiles(BasePermission):
    """Writing needs a role that changes client files: caseworkers and team managers."""

    message = gettext_lazy("Uw rol mag geen cliëntdossiers wijzigen.")

    def has_permission(self, request: Request, view: APIView) -> bool:
        if request.method in ("GET", "HEAD", "OPTIONS"):
            return True
        return may_edit_client_files(cast(User, request.user))


class ManagesCatalogues(BasePermission):
    """Adding teams is for functional administrators and superusers."""

    message = gettext_lazy("Alleen een functioneel beheerder mag teams toevoegen.")

    def has_permission(self, request: Request, view: APIView) -> bool:
        if request.method in ("GET", "HEAD", "OPTIONS"):
            return True
        return may_manage_catalogues(request.user)
