"""Who may read the audit trail: the read log and the system-wide change search."""

from django.contrib.auth.models import AnonymousUser
from django.utils.translation import gettext_lazy
from rest_framework.permissions import BasePermission
from rest_framework.request import Request
from rest_framework.views import APIView

from accounts.models import User
from accounts.roles import Role
from accounts.selectors import roles_of


def may_read_audit_trail(user: User | AnonymousUser) -> bool:
    """Auditors (and superusers). Caseworkers and managers see a file's history, not who else
    looked at it."""
    return user.is_authenticated and (user.is_superuser or Role.AUDITOR in roles_of(user))


class IsAuditor(BasePermission):
    message = gettext_lazy("Alleen auditors mogen het inzagelog lezen.")

    def has_permission(self, request: Request, view: APIView) -> bool:
        return may_read_audit_trail(request.user)
