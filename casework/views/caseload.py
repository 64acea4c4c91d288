"""The caseload: my clients (or my teams') with what needs attention, and its export."""

from datetime import date
from typing import Any, cast

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from accounts.roles import Role
from accounts.selectors import roles_of
from casework.forms import CaseloadFilterForm, caseload_ordering
from casework.selectors import caseload, filtered_caseload
from casework.templatetags.caseload import caseload_rows
from casework.views.kept import kept_page
from clients.exports import CLIENT_COLUMNS
from clients.models import Client
from common.chips import filter_chips
from common.dates import iso
from common.exports import export
from common.fragments import written
from common.reads import note_reads
from common.tables import RecordColumn, records_table

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
    """My clients (or my teams' clients) with what needs attention, sortable and filterable.

    `?export=csv|xlsx` downloads the whole filtered list (at most EXPORT_ROW_LIMIT clients), and
    each exported client is a logged read.
    """
    user = cast(User, request.user)
    today = timezone.localdate()
    form = CaseloadFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    export = request.GET.get("export", "")
    if export:
        return _export_caseload(request, _ordered(user, today, filters), export, today)
    page, client_ids = _page(request, user, today, form, filters)
    note_reads(request, client_ids)
    return page


def _ordered(user: User, today: date, filters: dict) -> QuerySet[Client]:
    clients = filtered_caseload(user=user, today=today, filters=filters)
    return clients.order_by(*caseload_ordering(filters.get("sort") or "name"))


def _page(
    request: HttpRequest, user: User, today: date, form: CaseloadFilterForm, filters: dict
) -> tuple[HttpResponse, list[int]]:
    """The page, with the ids of the clients it lists. A caseworker's own list is kept in the
    cache while none of their clients changed (`casework.views.kept`)."""

    def build() -> tuple[str, list[int]]:
        sort = filters.get("sort") or "name"
        with_caseworker = bool(filters.get("team"))
        found = Paginator(_ordered(user, today, filters), PER_PAGE).get_page(
            request.GET.get("page")
        )
        rows = caseload_rows(found, today, with_caseworker)
        client_ids = [client.pk for client in found]
        context = {
            "title": _title(user, whole_team=with_caseworker),
            "form": form if request.GET else CaseloadFilterForm(),
            "page": found,
            "rows": rows,
            "client_ids": client_ids,
            "today": today,
            "columns": _columns(sort, with_caseworker=with_caseworker),
            "found_in_team": _found_in_team(user, today, filters) if not rows else 0,
            "export_query": request.GET.urlencode(),
            "chips": filter_chips(form, request.GET),
        }
        return written(request, "clients/caseload.html", context), client_ids

    # A whole team's list, or a search: written every time.
    whole = filters.get("team") or filters.get("q")
    mine = None if whole else Client.objects.visible_to(user).filter(caseworker=user)
    # The query string as asked: the form, the links and the pages repeat it.
    asked = sorted(request.GET.lists())
    return kept_page(request, mine, f"caseload-v3|{today.isoformat()}|{asked!r}", build)


def _title(user: User, *, whole_team: bool) -> str:
    """What the list shows: an auditor's "whole team" is every client."""
    if not whole_team:
        return gettext("Mijn cliënten")
    roles = roles_of(user)
    if Role.AUDITOR in roles and not {Role.CASEWORKER, Role.TEAM_MANAGER} & set(roles):
        return gettext("Alle cliënten")
    return gettext("Cliënten van mijn team")


# The annotations come from `caseload()`.
CASELOAD_EXPORT: list[RecordColumn[Any]] = [
    *CLIENT_COLUMNS,
    RecordColumn("phase", _("Fase"), lambda c: c.current_phase or ""),
    RecordColumn("since", _("Fase sinds"), lambda c: iso(c.current_phase_since)),
    RecordColumn("last", _("Laatste contact"), lambda c: iso(c.last_contact_on)),
    RecordColumn("next", _("Volgend contact"), lambda c: iso(c.next_contact_on)),
    RecordColumn("signals", _("Open signalen"), lambda c: c.open_signals, "int"),
    RecordColumn("overdue", _("Verlopen afspraken"), lambda c: c.overdue_agreements, "int"),
]


def _found_in_team(user: User, today: date, filters: dict) -> int:
    """A search among my own clients that found nothing: how many it finds in my teams."""
    if filters.get("team") or not filters.get("q"):
        return 0
    return caseload(
        user=user, today=today, whole_team=True, search=filters["q"], include_inactive=True
    ).count()


def _export_caseload(
    request: HttpRequest, clients: QuerySet[Client], kind: str, today: date
) -> HttpResponse:
    return export(
        request,
        clients,
        kind,
        filename=f"clienten-{today.isoformat()}",
        table=lambda rows: records_table("caseload", gettext("Cliënten"), CASELOAD_EXPORT, rows),
        clients=lambda rows: rows,
    )


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
