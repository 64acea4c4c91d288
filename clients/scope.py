"""Which client a request may open: outside the user's scope a client does not exist.

`client_view` is the one way a screen on a client's file finds its client: it answers 404 for
a client outside the user's scope, 403 when a read-only role tries to write, and notes the
page it shows in the read log.
"""

from collections.abc import Callable, Sequence
from functools import wraps
from typing import Any, cast

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_http_methods

from accounts.models import User
from common.reads import Read, note_reads

from .models import Client
from .permissions import may_edit_client_files
from .querysets import ClientQuerySet

ClientView = Callable[..., HttpResponse]


def visible_client(request: HttpRequest, pk: int, clients: ClientQuerySet | None = None) -> Client:
    """The client if the user's role and team allow it; otherwise it does not exist (404).
    `clients` narrows or annotates the rows looked in (default: all clients)."""
    rows = Client.objects.all() if clients is None else clients
    user = cast(User, request.user)
    return get_object_or_404(rows.visible_to(user).select_related("team", "caseworker"), pk=pk)


def client_view(
    *,
    methods: Sequence[str] = ("GET",),
    edits: Sequence[str] = ("POST",),
    read: str | None = Read.VIEW,
    clients: Callable[[], ClientQuerySet] | None = None,
) -> Callable[[ClientView], ClientView]:
    """A view on one client's file, which gets the client in place of the `pk` of its URL.

    Signed in, one of `methods` (else 405), the client in the user's scope (else 404); the
    methods in `edits` need a role that changes client files (else 403). A page it
    shows (200) is a read of kind `read`. `clients` gives the rows to look in (annotated, say).
    """

    def decorate(view: ClientView) -> ClientView:
        @login_required
        @require_http_methods(list(methods))
        @wraps(view)
        def wrapper(request: HttpRequest, pk: int, *args: Any, **kwargs: Any) -> HttpResponse:
            client = visible_client(request, pk, clients() if clients else None)
            if request.method in edits and not may_edit_client_files(cast(User, request.user)):
                raise PermissionDenied
            response = view(request, client, *args, **kwargs)
            if read and response.status_code == 200:
                note_reads(request, [client], read)
            return response

        return wrapper

    return decorate
