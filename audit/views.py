"""The auditor's screens: a client's change history, the read log, the BSN reveal."""

from dataclasses import replace
from datetime import timedelta
from typing import cast

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from accounts.models import User
from clients.models import Client
from clients.scope import client_view
from common.chips import filter_chips
from common.exports import export
from common.reads import Read, note_reads
from common.tables import RecordColumn, records_table

from .forms import AccessLogFilterForm, ChangeSearchForm, HistoryFilterForm
from .permissions import may_read_audit_trail
from .selectors import (
    HistoryEntry,
    access_log,
    changes_by,
    client_history,
    recent_unusual_reading,
)


@client_view(read=Read.HISTORY)
def client_history_page(request: HttpRequest, client: Client) -> HttpResponse:
    """Who changed what in this client's file, when and why; reading it is logged."""
    form = HistoryFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    entries = client_history(
        client,
        user=filters.get("user"),
        since=filters.get("since"),
        until=filters.get("until"),
        kinds=filters.get("kind") or (),
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
    note_reads(request, page)
    client = Client.objects.filter(pk=filters["client"]).first() if filters.get("client") else None
    shown = (
        {"client": (gettext("Cliënt"), f"{client.last_name}, {client.first_name}")}
        if client
        else None
    )
    return render(
        request,
        "audit/access_log.html",
        {
            "form": form if request.GET else AccessLogFilterForm(),
            "page": page,
            "unusual": recent_unusual_reading(timezone.localdate()),
            "client": client,
            "chips": filter_chips(form, request.GET, shown=shown),
            "without_client": _without(request, "client"),
        },
    )


def _without(request: HttpRequest, name: str) -> str:
    rest = request.GET.copy()
    for key in (name, "page"):
        rest.pop(key, None)
    return "?" + rest.urlencode()


@login_required
@require_GET
def change_search(request: HttpRequest) -> HttpResponse:
    """Every change one person made in a period, across the system; exportable. Auditors."""
    user = cast(User, request.user)
    if not may_read_audit_trail(user):
        raise PermissionDenied
    today = timezone.localdate()
    form = ChangeSearchForm(
        request.GET or None,
        initial={"since": today - timedelta(days=30), "until": today},
    )
    entries = []
    if form.is_valid():
        data = form.cleaned_data
        entries = changes_by(
            data["user"], since=data["since"], until=data["until"], kinds=data["kind"]
        )
        kind = request.GET.get("export", "")
        if kind:
            return _export_changes(request, entries, kind)
    page = Paginator(entries, 100).get_page(request.GET.get("page"))
    ids = {entry.client_id for entry in page if entry.client_id}
    note_reads(request, list(ids))
    names = {c.pk: f"{c.last_name}, {c.first_name}" for c in Client.objects.filter(pk__in=ids)}
    rows = [replace(entry, client_name=names.get(entry.client_id or 0, "")) for entry in page]
    return render(
        request,
        "audit/change_search.html",
        {
            "form": form,
            "page": page,
            "rows": rows,
            "query": request.GET.urlencode(),
            "chips": filter_chips(form, request.GET) if form.is_bound else [],
        },
    )


CHANGE_COLUMNS: list[RecordColumn[HistoryEntry]] = [
    RecordColumn(
        "at", _("Tijdstip"), lambda e: timezone.localtime(e.at).strftime("%Y-%m-%d %H:%M:%S")
    ),
    RecordColumn("user", _("Door"), lambda e: str(e.user or "")),
    RecordColumn("record", _("Gegeven"), lambda e: f"{e.kind_label} #{e.object_id}"),
    RecordColumn("client", _("Cliënt (id)"), lambda e: str(e.client_id or "")),
    RecordColumn("action", _("Handeling"), lambda e: e.action),
    RecordColumn(
        "changes",
        _("Wat veranderde"),
        lambda e: "; ".join(f"{c.label}: {c.old_display} -> {c.new_display}" for c in e.changes),
    ),
    RecordColumn("reason", _("Reden"), lambda e: e.reason),
]


def _export_changes(request: HttpRequest, entries: list[HistoryEntry], kind: str) -> HttpResponse:
    return export(
        request,
        entries,
        kind,
        filename="wijzigingen",
        table=lambda rows: records_table("changes", gettext("Wijzigingen"), CHANGE_COLUMNS, rows),
        clients=lambda rows: [entry.client_id for entry in rows if entry.client_id],
    )
