from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SignalsConfig(AppConfig):
    name = "signals"
    verbose_name = _("Signalen")

    def ready(self) -> None:
        from common.events import client_changed

        from .receivers import recheck_client

        client_changed.connect(recheck_client, dispatch_uid="signals.recheck_client")
