from django.db import models

from clients.models import ClientOwnedQuerySet


class SignalQuerySet(ClientOwnedQuerySet):
    """Signals are visible exactly when their client is (`visible_to`)."""

    def open(self) -> "SignalQuerySet":
        return self.filter(status="open")


class NotificationQuerySet(models.QuerySet):
    def unread(self) -> "NotificationQuerySet":
        return self.filter(read_at__isnull=True)
