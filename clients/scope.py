"""Which client a request may open: outside the user's scope a client does not exist."""

from typing import cast

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from accounts.models import User

from .models import Client
from .permissions import may_edit_client_files
from .querysets import ClientQuerySet


def visible_client(request: HttpRequest, pk: int, clients: ClientQuerySet | None = None) -> Client:
    """The client if the user's role and team allow it; otherwise it does not exist (404).
    `clients` narrows or annotates the rows looked in (default: all clients)."""
    rows = Client.objects.all() if clients is None else clients
    user = cast(User, request.user)
    return get_object_or_404(rows.visible_to(user).select_related("team", "caseworker"), pk=pk)


def editable_client(request: HttpRequest, pk: int, clients: ClientQuerySet | None = None) -> Client:
    """The visible client (404 otherwise); writing needs an editing role (403 otherwise)."""
    client = visible_client(request, pk, clients)
    if not may_edit_client_files(cast(User, request.user)):
        raise PermissionDenied
    return client
