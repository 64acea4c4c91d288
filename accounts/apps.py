from typing import Any

from django.apps import AppConfig
from django.contrib.auth.signals import user_logged_in
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Medewerkers en teams")

    def ready(self) -> None:
        from django.contrib.auth.models import Group

        from .models import Membership, Team, User
        from .permissions import sync_role_permissions
        from .staff_cache import on_staff_write

        # Runs after each app migrates; the last run sees every permission.
        post_migrate.connect(sync_role_permissions, dispatch_uid="sync_role_permissions")
        user_logged_in.connect(_seen_at_login, dispatch_uid="seen_at_login")
        for model in (User, Group, Team, Membership):
            for signal in (post_save, post_delete):
                signal.connect(on_staff_write, sender=model, dispatch_uid="staff_write")
        for through in (User.groups.through, User.teams.through):
            m2m_changed.connect(on_staff_write, sender=through, dispatch_uid="staff_write")


def _seen_at_login(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    """The idle timeout counts from the login (common.middleware.IdleTimeoutMiddleware)."""
    from common.middleware import mark_seen

    if request is not None and hasattr(request, "session"):
        mark_seen(request.session)
