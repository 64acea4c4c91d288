from django.db import models


class SignalQuerySet(models.QuerySet):
    def open(self) -> "SignalQuerySet":
        return self.filter(status="open")

    def visible_to(self, user) -> "SignalQuerySet":
        from clients.models import Client

        return self.filter(client__in=Client.objects.visible_to(user))


class NotificationQuerySet(models.QuerySet):
    def unread(self) -> "NotificationQuerySet":
        return self.filter(read_at__isnull=True)
