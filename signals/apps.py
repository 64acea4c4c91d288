from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SignalsConfig(AppConfig):
    name = "signals"
    verbose_name = _("Signalen")

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from common.events import client_changed

        from .models import Notification
        from .receivers import recheck_client
        from .unread import on_notification_write

        client_changed.connect(recheck_client, dispatch_uid="signals.recheck_client")
        for written in (post_save, post_delete):
            written.connect(on_notification_write, sender=Notification, dispatch_uid="unread")
