"""Who may act on a signal.

Seeing a signal follows its client: `Signal.objects.visible_to(user)`, so a signal outside the
user's scope is a 404. Setting one aside changes the client's file, which only the client's own
team does: its caseworkers and team manager (and superusers). Auditors see every file but
change none; functional administrators see no client files at all.
"""

from django.contrib.auth.models import AnonymousUser
from django.utils.translation import gettext_lazy as _
from rest_framework.permissions import BasePermission
from rest_framework.request import Request
from rest_framework.views import APIView

from accounts.models import User
from accounts.selectors import teams_of
from clients.permissions import may_edit_client_files

from .models import Signal


def may_dismiss_signal(user: User | AnonymousUser, signal: Signal) -> bool:
    """The user works in (or manages) the team of the signal's client."""
    if not may_edit_client_files(user):
        return False
    if user.is_superuser:
        return True
    assert isinstance(user, User)
    return teams_of(user).filter(clients=signal.client_id).exists()


class CanDismissSignal(BasePermission):
    message = _("U mag geen signalen terzijde leggen: dat doet het team van de cliënt.")

    def has_permission(self, request: Request, view: APIView) -> bool:
        return may_edit_client_files(request.user)

    def has_object_permission(self, request: Request, view: APIView, obj: Signal) -> bool:
        return may_dismiss_signal(request.user, obj)
