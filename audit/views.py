"""The auditor's screens: a client's change history, the read log, the BSN reveal."""

from typing import cast

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET, require_POST

from accounts.models import User
from clients.views import render_client_file, visible_client

from .forms import AccessLogFilterForm, HistoryFilterForm
from .models import AccessLog
from .permissions import may_read_audit_trail
from .selectors import access_log, client_history
from .services import log_access


@login_required
@require_GET
def client_history_page(request: HttpRequest, pk: int) -> HttpResponse:
    """Who changed what in this client's file, when and why; reading it is logged."""
    client = visible_client(request, pk)
    form = HistoryFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    entries = client_history(
        client,
        user=filters.get("user"),
        since=filters.get("since"),
        until=filters.get("until"),
        kinds=filters.get("kind") or (),
    )
    log_access(
        user=cast(User, request.user),
        client=client,
        action=AccessLog.Action.HISTORY,
        request=request,
    )
    return render(
        request,
        "audit/client_history.html",
        {
            "client": client,
            "form": form if request.GET else HistoryFilterForm(),
            "entries": entries,
        },
    )


@login_required
@require_GET
def access_log_page(request: HttpRequest) -> HttpResponse:
    """Who looked at which client file, when, how and from where: auditors only."""
    if not may_read_audit_trail(cast(User, request.user)):
        raise PermissionDenied
    form = AccessLogFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    entries = access_log(
        client_id=filters.get("client"),
        bsn=filters.get("bsn", ""),
        user=filters.get("user"),
        action=filters.get("action", ""),
        since=filters.get("since"),
        until=filters.get("until"),
    )
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "audit/access_log.html",
        {"form": form if request.GET else AccessLogFilterForm(), "page": page},
    )


@login_required
@require_POST
def reveal_bsn(request: HttpRequest, pk: int) -> HttpResponse:
    """Show the full BSN on an explicit request; the reveal is a logged read."""
    client = visible_client(request, pk)
    log_access(
        user=cast(User, request.user),
        client=client,
        action=AccessLog.Action.REVEAL_BSN,
        request=request,
    )
    if request.htmx:  # type: ignore[attr-defined]
        return render(request, "audit/bsn.html", {"client": client, "revealed": True})
    return render_client_file(request, client, revealed_bsn=True)
