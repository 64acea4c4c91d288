"""What every screen on a client's file shares: finding the client, and the file page itself."""

from collections.abc import Callable, Sequence
from typing import cast

from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from casework.selectors import ClientFile, client_file
from clients.models import Client
from clients.permissions import may_edit_client_files
from clients.querysets import ClientQuerySet
from clients.scope import ClientView, client_view, visible_client
from clients.stamps import keeping
from common.forms import id_from
from common.fragments import written
from common.reads import Read, note_reads
from phases.querysets import with_current_phase
from referrals.selectors import referrals_on_file
from work.file_view import work_on_file

from ..work_forms import FileContactForm
from .kept import kept_page

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
    current = file.current_rung
    return FileContactForm(
        client=file.client,
        plan=id_from(request.GET.get("gesprek", "")),
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
    `refused` is a posted action form (reopening an agreement) shown again with its errors.

    The page as it is first opened is kept in the cache until the client's file changes
    (`clients.stamps`): writing it was most of the work of the page caseworkers open most.
    Names of colleagues and catalogue entries on it may lag a rename by the cache's time at
    most: those do not stamp the client."""
    note_reads(request, [client], Read.VIEW)
    today = timezone.localdate()
    # Not kept: the page after a post (it names the path posted to), a form shown again, or a
    # revealed BSN.
    as_opened = request.method == "GET" and not (contact_form or revealed_bsn or refused)

    def build() -> tuple[str, None]:
        # What is kept is read after the stamps: a write between them would be missed.
        shown = reloaded(request, client) if as_opened and keeping() else client
        file = client_file(shown)
        editable = may_edit(request)
        context = {
            "file": file,
            "client": shown,
            "today": today,
            "work": work_on_file(shown, today),
            "referrals": referrals_on_file(shown),
            "may_edit": editable,
            "contact_form": (contact_form or _contact_form(request, file)) if editable else None,
            "agreement_actions": AGREEMENT_ACTIONS,
            "revealed": revealed_bsn,
            "refused_form": refused,
        }
        return written(request, "clients/client_detail.html", context), None

    asked = sorted(request.GET.lists())  # `?gesprek=` fills in the conversation form
    key = f"client-file-v3|{client.pk}|{today.isoformat()}|{asked!r}"
    this_one = Client.objects.filter(pk=client.pk) if as_opened else None
    page, _none = kept_page(request, this_one, key, build)
    return page
