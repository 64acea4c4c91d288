"""What every screen on a client's file shares: finding the client, and the file page itself."""

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date
from typing import cast

from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from casework.selectors import ClientFile, client_file
from clients.models import Client
from clients.permissions import may_edit_client_files
from clients.querysets import ClientQuerySet
from clients.scope import ClientView, client_view, visible_client
from clients.stamps import kept
from common.reads import Read, note_reads
from phases.querysets import with_current_phase
from referrals.models import Referral
from referrals.selectors import referrals_on_file
from work.file_view import WorkOnFile, work_on_file

from ..work_forms import FileContactForm

# One-click status changes offered next to each open agreement on the client file.
AGREEMENT_ACTIONS = [("done", _("Afgerond")), ("cancelled", _("Vervallen"))]


def _clients_with_phase() -> ClientQuerySet:
    return with_current_phase(Client.objects.all())


def file_view(
    *,
    methods: Sequence[str] = ("GET",),
    edits: Sequence[str] = ("POST",),
    read: str | None = Read.VIEW,
) -> Callable[[ClientView], ClientView]:
    """`clients.scope.client_view` for the file's screens: the client comes with its phase."""
    return client_view(methods=methods, edits=edits, read=read, clients=_clients_with_phase)


def reloaded(request: HttpRequest, client: Client) -> Client:
    """The client as stored now, with its phase (after a write that may have changed both)."""
    return visible_client(request, client.pk, _clients_with_phase())


def may_edit(request: HttpRequest) -> bool:
    return may_edit_client_files(cast(User, request.user))


def _contact_form(request: HttpRequest, file: ClientFile) -> FileContactForm:
    """The conversation form, for the planned conversation `?gesprek=` when the work queue
    links to it; the ladder's last rung comes from the file."""
    plan = request.GET.get("gesprek", "")
    current = file.current_rung
    return FileContactForm(
        client=file.client,
        plan=int(plan) if plan.isdigit() else None,
        last_rung=current.rung if current else None,
    )


def render_client_file(
    request: HttpRequest,
    client: Client,
    contact_form: object = None,
    revealed_bsn: bool = False,
    refused: Form | None = None,
) -> HttpResponse:
    """The client file page (also after a form post); every rendering is a logged read.
    `refused` is a posted action form (reopening an agreement) shown again with its errors."""
    editable = may_edit(request)
    today = timezone.localdate()
    note_reads(request, [client], Read.VIEW)
    file, work, referrals = _file_records(client, today)
    return render(
        request,
        "clients/client_detail.html",
        {
            "file": file,
            "client": client,
            "today": today,
            "work": work,
            "referrals": referrals,
            "may_edit": editable,
            "contact_form": (contact_form or _contact_form(request, file)) if editable else None,
            "agreement_actions": AGREEMENT_ACTIONS,
            "revealed": revealed_bsn,
            "refused_form": refused,
        },
    )


def _file_records(client: Client, today: date) -> tuple[ClientFile, WorkOnFile, list[Referral]]:
    """The records the file shows, kept in the cache until the client's file changes
    (`clients.stamps`): most of the page's queries, read again at every look and after every
    action. The client itself is the request's, read fresh (its version guards the forms).
    Names of colleagues and catalogue entries in the records may lag a rename by the cache's
    time at most: those do not stamp the client."""

    def build() -> tuple[ClientFile, WorkOnFile, list[Referral]]:
        return client_file(client), work_on_file(client, today), referrals_on_file(client)

    key = f"client-file-v1|{client.pk}|{today.isoformat()}"
    file, work, referrals = kept(Client.objects.filter(pk=client.pk), key, build)
    return replace(file, client=client), work, referrals
