"""The caseworker screens for clients: the caseload list and the client file."""

from typing import cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts.models import Team, User
from accounts.selectors import teams_of
from casework.forms import CaseloadFilterForm, HandoverFilterForm, HandoverForm, caseload_ordering
from casework.selectors import caseload, client_file
from clients import scope
from clients.models import Client
from clients.permissions import may_edit_client_files, may_hand_over, may_manage_catalogues
from clients.services import hand_over_clients
from common.forms import add_service_errors, ids_from
from common.reads import Read, note_reads
from phases.querysets import with_current_phase

PER_PAGE = 50
# One-click status changes offered next to each open agreement on the client file.
AGREEMENT_ACTIONS = [("done", _("Afgerond")), ("cancelled", _("Vervallen"))]
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
    """My clients (or my teams' clients) with what needs attention, sortable and filterable.

    `?export=csv|xlsx` downloads the whole filtered list (at most EXPORT_LIMIT clients), and
    each exported client is a logged read.
    """
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
    ordered = clients.order_by(*caseload_ordering(sort))
    export = request.GET.get("export", "")
    if export:
        return _export_caseload(request, ordered, export, today)
    page = Paginator(ordered, PER_PAGE).get_page(request.GET.get("page"))
    note_reads(request, page)
    return render(
        request,
        "clients/caseload.html",
        {
            "form": form if request.GET else CaseloadFilterForm(),
            "page": page,
            "today": today,
            "sort": sort,
            "columns": _columns(sort, with_caseworker=bool(filters.get("team"))),
            "export_query": request.GET.urlencode(),
        },
    )


EXPORT_LIMIT = 10_000


def _export_caseload(request: HttpRequest, clients, kind: str, today) -> HttpResponse:
    from common.tables import EXPORT_TYPES, Column, Table, download

    if kind not in EXPORT_TYPES:
        raise Http404
    rows = list(clients[: EXPORT_LIMIT + 1])
    if len(rows) > EXPORT_LIMIT:
        messages.error(
            request,
            gettext("Meer dan %(limit)s cliënten: verfijn de filters om te exporteren.")
            % {"limit": f"{EXPORT_LIMIT:,}".replace(",", ".")},
        )
        query = request.GET.copy()
        query.pop("export")
        return redirect(f"{request.path}?{query.urlencode()}")
    table = Table(
        "caseload",
        gettext("Cliënten"),
        [
            Column("name", gettext("Naam"), "text"),
            Column("bsn", gettext("BSN"), "text"),
            Column("team", gettext("Team"), "text"),
            Column("caseworker", gettext("Vaste contactpersoon"), "text"),
            Column("phase", gettext("Fase"), "text"),
            Column("since", gettext("Fase sinds"), "text"),
            Column("last", gettext("Laatste contact"), "text"),
            Column("next", gettext("Volgend contact"), "text"),
            Column("signals", gettext("Open signalen")),
            Column("overdue", gettext("Verlopen afspraken")),
        ],
    )
    for client in rows:
        table.add(
            f"{client.last_name}, {client.first_name}",
            client.masked_bsn,
            str(client.team),
            str(client.caseworker or ""),
            client.current_phase or "",
            client.current_phase_since.isoformat() if client.current_phase_since else "",
            client.last_contact_on.isoformat() if client.last_contact_on else "",
            client.next_contact_on.isoformat() if client.next_contact_on else "",
            client.open_signals,
            client.overdue_agreements,
        )
    note_reads(request, rows, Read.EXPORT)
    return download(table, kind, f"clienten-{today.isoformat()}")


def visible_client(request: HttpRequest, pk: int) -> Client:
    """The client with its current phase, as the file shows it (404 outside the user's scope)."""
    return scope.visible_client(request, pk, with_current_phase(Client.objects.all()))


def render_client_file(
    request: HttpRequest, client: Client, contact_form: object = None, revealed_bsn: bool = False
) -> HttpResponse:
    """The client file page (also after a form post); every rendering is a logged read."""
    from interventions.forms import ContactForm

    editable = may_edit_client_files(cast(User, request.user))
    note_reads(request, [client], Read.VIEW)
    return render(
        request,
        "clients/client_detail.html",
        {
            "file": client_file(client),
            "client": client,
            "today": timezone.localdate(),
            "may_edit": editable,
            "contact_form": (contact_form or ContactForm(client=client)) if editable else None,
            "agreement_actions": AGREEMENT_ACTIONS,
            "revealed": revealed_bsn,
        },
    )


@login_required
@require_POST
def reveal_bsn(request: HttpRequest, pk: int) -> HttpResponse:
    """Show the full BSN on an explicit request; the reveal is a logged read."""
    client = visible_client(request, pk)
    note_reads(request, [client], Read.REVEAL_BSN)
    if request.htmx:  # type: ignore[attr-defined]
        return render(request, "audit/bsn.html", {"client": client, "revealed": True})
    return render_client_file(request, client, revealed_bsn=True)


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


def _managed_teams(user: User) -> QuerySet[Team]:
    return Team.objects.all() if user.is_superuser else teams_of(user)


@login_required
@require_http_methods(["GET", "POST"])
def handover(request: HttpRequest) -> HttpResponse:
    """Team managers hand a selection of their teams' clients over to another caseworker.

    All or nothing: one refusal (e.g. the caseworker does not work in a client's team) undoes
    the whole handover and names the client; a client already with that caseworker is skipped.
    `?client=<pk>` shows and preselects just that client (the link on the client file).
    """
    user = cast(User, request.user)
    if not may_hand_over(user):
        raise PermissionDenied
    today = timezone.localdate()
    teams = _managed_teams(user)
    caseworkers = User.objects.caseworkers(teams=teams)
    in_scope = Client.objects.visible_to(user).filter(team__in=teams.values("id"))
    form = HandoverForm(
        request.POST or None,
        clients=in_scope.select_related("team", "caseworker").order_by("last_name", "id"),
        caseworkers=caseworkers,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            moved, skipped = hand_over_clients(
                clients=list(data["clients"]),
                caseworker=data["caseworker"],
                on=today,
                handover_note=data["handover_note"],
                by=user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if moved:
                messages.success(
                    request,
                    ngettext(
                        "%(count)d cliënt overgedragen aan %(name)s.",
                        "%(count)d cliënten overgedragen aan %(name)s.",
                        len(moved),
                    )
                    % {"count": len(moved), "name": data["caseworker"]},
                )
            if skipped:
                messages.warning(
                    request,
                    gettext("Overgeslagen, %(name)s is al de vaste contactpersoon: %(clients)s.")
                    % {
                        "name": data["caseworker"],
                        "clients": ", ".join(str(client) for client in skipped),
                    },
                )
            return redirect("handover")

    filters = HandoverFilterForm(request.GET or None, caseworkers=caseworkers)
    current = filters.cleaned_data.get("current") if filters.is_valid() else None
    only = ids_from(request.GET.getlist("client"))
    clients = caseload(user=user, today=today, whole_team=True).filter(team__in=teams.values("id"))
    if current is not None:
        clients = clients.filter(caseworker=current)
    if only:
        clients = clients.filter(pk__in=only)
    page = Paginator(clients.order_by("last_name", "first_name", "id"), PER_PAGE).get_page(
        request.GET.get("page")
    )
    selected = ids_from(request.POST.getlist("clients")) if form.is_bound else only
    note_reads(request, page)
    return render(
        request,
        "clients/handover.html",
        {"form": form, "filters": filters, "page": page, "selected": selected, "only": only},
    )


@login_required
@require_http_methods(["GET", "POST"])
def import_page(request: HttpRequest) -> HttpResponse:
    """Functional administrators upload a CSV of clients: checked first, written all or
    nothing; the report names every bad row."""
    from casework.forms import ImportForm
    from casework.importer import COLUMNS, import_clients

    user = cast(User, request.user)
    if not may_manage_catalogues(user):
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        result = import_clients(
            upload.read(),
            filename=upload.name,
            by=user,
            dry_run=form.cleaned_data["dry_run"],
        )
    return render(
        request,
        "clients/import.html",
        {"form": form, "result": result, "columns": sorted(set(COLUMNS) - set(COLUMNS.values()))},
    )
