"""The auditor's screens: a client's change history."""

from typing import cast

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from accounts.models import User
from clients.views import visible_client

from .forms import HistoryFilterForm
from .models import AccessLog
from .selectors import client_history
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
