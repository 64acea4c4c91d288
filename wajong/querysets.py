from django.db import models


class ClientOwnedQuerySet(models.QuerySet):
    """Records that belong to one client file are visible exactly when their client is."""

    def visible_to(self, user) -> "ClientOwnedQuerySet":
        from clients.models import Client

        return self.filter(client__in=Client.objects.visible_to(user))
