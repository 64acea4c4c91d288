from django.http import HttpRequest

from accounts.models import User
from clients.models import Client

from .models import AccessLog


def log_access(*, user: User, client: Client, action: str, request: HttpRequest) -> AccessLog:
    """Record that `user` read `client`'s file; the log is append-only."""
    return AccessLog.objects.create(
        user=user, client=client, action=action, path=request.get_full_path()[:500]
    )
