from typing import TYPE_CHECKING, Any

from django.apps import AppConfig
from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.db.models.signals import post_save
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from accounts.models import User


class AccessConfig(AppConfig):
    name = "access"
    verbose_name = _("Toegang")

    def ready(self) -> None:
        from . import schema  # noqa: F401 - registers the token's description in the schema

        user_logged_in.connect(_signed_in, dispatch_uid="access_signed_in")
        user_logged_out.connect(_signed_out, dispatch_uid="access_signed_out")
        post_save.connect(
            _user_saved, sender=settings.AUTH_USER_MODEL, dispatch_uid="access_user_saved"
        )


def _signed_in(
    sender: type["User"], request: HttpRequest | None, user: "User", **kwargs: Any
) -> None:
    from .sessions import signed_in

    if request is not None and hasattr(request, "session"):
        signed_in(request, user)


def _signed_out(
    sender: type["User | None"], request: HttpRequest | None, user: "User | None", **kwargs: Any
) -> None:
    from .sessions import signed_out

    if request is not None and hasattr(request, "session"):
        signed_out(request)


def _user_saved(
    sender: type["User"], instance: "User", created: bool, raw: bool = False, **kwargs: Any
) -> None:
    """A new password (own page, admin, create_staff_user, changepassword: any save after
    set_password) or a deactivation revokes the user's tokens and ends their sessions.

    Django keeps the new raw password in `_password` from set_password() until the save, and
    clears it first when it merely rehashes a password at login: set means "changed"."""
    from .services import revoke_access

    if created or raw:
        return
    if instance._password is not None or not instance.is_active:  # type: ignore[attr-defined]
        revoke_access(user=instance)
