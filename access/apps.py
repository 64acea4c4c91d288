from django.apps import AppConfig
from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.utils.translation import gettext_lazy as _


class AccessConfig(AppConfig):
    name = "access"
    verbose_name = _("Toegang")

    def ready(self) -> None:
        from . import schema  # noqa: F401 - registers the token's description in the schema

        user_logged_in.connect(_signed_in, dispatch_uid="access_signed_in")
        user_logged_out.connect(_signed_out, dispatch_uid="access_signed_out")


def _signed_in(sender, request, user, **kwargs) -> None:
    from .sessions import signed_in

    if request is not None and hasattr(request, "session"):
        signed_in(request, user)


def _signed_out(sender, request, user, **kwargs) -> None:
    from .sessions import signed_out

    if request is not None and hasattr(request, "session"):
        signed_out(request)
