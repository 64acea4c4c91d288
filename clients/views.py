"""The caseworker screens for clients: the caseload list and the client file."""

from typing import cast

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from audit.models import AccessLog
from audit.services import log_access

from .forms import CaseloadFilterForm, caseload_ordering
from .models import Client
from .permissions import may_edit_client_files
from .selectors import caseload, client_file

PER_PAGE = 50
# (sort key, header); an empty key is not sortable
COLUMNS = [
    ("name", _("Naam")),
    ("", _("BSN")),
    ("phase", _("Fase")),
    ("since", _("Tijd in fase")),
    ("contact", _("Laatste contact")),
    ("next", _("Volgend contact")),
    ("signals", _("Open signalen")),
    ("overdue", _("Verlopen afspraken")),
]


@login_required
def caseload_list(request: HttpRequest) -> HttpResponse:
    """My clients (or my teams' clients) with what needs attention, sortable and filterable."""
    user = cast(User, request.user)
    today = timezone.localdate()
    form = CaseloadFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    clients = caseload(
        user=user,
        today=today,
        whole_team=filters.get("team", False),
        phase=filters.get("phase", ""),
        signal=filters.get("signal", ""),
        no_contact_since=filters.get("no_contact_since"),
        overdue_only=filters.get("overdue", False),
        search=filters.get("q", ""),
    )
    sort = filters.get("sort") or "name"
    page = Paginator(clients.order_by(*caseload_ordering(sort)), PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "clients/caseload.html",
        {
            "form": form if request.GET else CaseloadFilterForm(),
            "page": page,
            "today": today,
            "sort": sort,
            "columns": _columns(sort, with_caseworker=bool(filters.get("team"))),
        },
    )


def visible_client(request: HttpRequest, pk: int) -> Client:
    """The client if the user's role and team allow it; otherwise it does not exist (404)."""
    user = cast(User, request.user)
    return get_object_or_404(
        Client.objects.visible_to(user).with_current_phase().select_related("team", "caseworker"),
        pk=pk,
    )


def render_client_file(
    request: HttpRequest, client: Client, contact_form: object = None
) -> HttpResponse:
    """The client file page (also after a form post); every rendering is a logged read."""
    from interventions.forms import ContactForm

    editable = may_edit_client_files(cast(User, request.user))
    log_access(
        user=cast(User, request.user), client=client, action=AccessLog.Action.VIEW, request=request
    )
    return render(
        request,
        "clients/client_detail.html",
        {
            "file": client_file(client),
            "client": client,
            "today": timezone.localdate(),
            "contact_form": (contact_form or ContactForm(client=client)) if editable else None,
        },
    )


@login_required
def client_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return render_client_file(request, visible_client(request, pk))


def _columns(sort: str, *, with_caseworker: bool) -> list[dict[str, object]]:
    """Table headers with their sort state: a click sorts by that column, a second reverses."""
    columns = COLUMNS + ([("", _("Casemanager"))] if with_caseworker else [])
    return [
        {
            "label": label,
            "key": key,
            "aria_sort": {key: "ascending", f"-{key}": "descending"}.get(sort, "") if key else "",
            "next_sort": f"-{key}" if sort == key else key,
        }
        for key, label in columns
    ]
