"""Whole pages kept in the cache until one of their clients changes (`clients.stamps`).

The caseload, the work queue and the client file are opened many times a day and change far
less often; writing them was most of their cost. What a page shows of the request itself is
part of its key (the user, their roles and teams, the header's count of unread notifications,
the language), or is put in when it is served (the CSRF token, `common.fragments`).
"""

from collections.abc import Callable
from typing import TypeVar, cast

from django.contrib.messages import get_messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse

from accounts.models import User
from accounts.selectors import viewer_key
from clients.models import Client
from clients.stamps import keeping, kept
from common.fragments import served
from signals.selectors import unread_count

T = TypeVar("T")


def kept_page(
    request: HttpRequest,
    clients: "QuerySet[Client] | list[QuerySet[Client]] | None",
    key: str,
    build: Callable[[], tuple[str, T]],
) -> tuple[HttpResponse, T]:
    """The page `build` writes (with `common.fragments.written`), and what it gives besides
    (the clients it shows, for the read log), kept under `key` while `clients` stand still.

    `key` names what the page depends on beyond the viewer and the header: the view's own
    arguments, the query string, the day. Without `clients`, and for a page that shows a
    message once, the page is written for this response alone."""
    if clients is None or not keeping() or len(get_messages(request)):
        html, extra = build()
    else:
        user = cast(User, request.user)
        header = f"{user.get_full_name()}|{unread_count(user)}"
        html, extra = kept(clients, f"{key}|{viewer_key(user)}|{header}", build)
    return HttpResponse(served(request, html)), extra
