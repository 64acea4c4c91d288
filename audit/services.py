from django.http import HttpRequest

from accounts.models import User
from clients.models import Client

from .models import AccessLog


def log_access(*, user: User, client: Client, action: str, request: HttpRequest) -> AccessLog:
    """Record that `user` read `client`'s file; the log is append-only."""
    return AccessLog.objects.create(
        user=user, client=client, action=action, path=request.get_full_path()[:500]
    )


def log_exports(*, user: User, clients: list[Client], request: HttpRequest) -> None:
    """Record that `user` exported these clients' data: one row per client, one insert."""
    path = request.get_full_path()[:500]
    AccessLog.objects.bulk_create(
        [
            AccessLog(user=user, client=client, action=AccessLog.Action.EXPORT, path=path)
            for client in clients
        ],
        batch_size=1000,
    )
