"""Importing from a CSV file: clients (functional administrators), employers and jobs."""

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from accounts.models import Team, User
from casework.forms import ImportForm
from casework.import_rows import FILE_COLUMNS, Column
from casework.importer import ImportResult, import_clients
from casework.work_importer import import_employers, import_jobs
from clients.models import LeavingReason, Regime
from clients.permissions import may_edit_client_files, may_manage_catalogues
from work.permissions import may_add_employers

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

from participation.models import Rung
from phases.models import Phase

from .work_imports import (
    EMPLOYER_COLUMNS,
    EMPLOYER_EXAMPLE,
    JOB_COLUMNS,
    JOB_EXAMPLE,
    ColumnHelp,
    employer_column_help,
    job_column_help,
)

# The template's one row: plainly made up (a test BSN, a team that does not exist), so that
# importing it unchanged writes nothing.
EXAMPLE = {
    "bsn": "999999990",
    "first_name": "Voorbeeld",
    "last_name": "Testpersoon",
    "date_of_birth": "31-12-2000",
    "regime": Regime.WAJONG2015.value,
    "has_work_capacity": "ja",
    "in_service_since": "01-01-2020",
    "out_of_service_on": "",
    "out_of_service_reason": "",
    "team": "Team Voorbeeld",
    "caseworker": "",
    "phases": "1:01-01-2020|2:01-06-2021",
    "rungs": "2:01-01-2020|3:01-06-2021",
}


def column_help() -> list[ColumnHelp]:
    """Every column of the file, what it holds and (where there is a list) its valid values."""
    date = _("Een datum als 31-12-2021 (DD-MM-JJJJ); 2021-12-31 mag ook.")
    explanations = {
        "bsn": (_("Negen cijfers. Een BSN dat al bekend is werkt die cliënt bij."), []),
        "first_name": (_("De voornaam."), []),
        "last_name": (_("De achternaam, met tussenvoegsel."), []),
        "date_of_birth": (date, []),
        "regime": (
            _("De code van de regeling:"),
            [f"{code} ({label})" for code, label in Regime.choices],
        ),
        "has_work_capacity": (_("ja of nee; leeg is ja."), []),
        "in_service_since": (date, []),
        "out_of_service_on": (_("Een datum, of leeg zolang de cliënt in zorg is."), []),
        "out_of_service_reason": (
            _("Verplicht bij een datum uit zorg, de code van de reden:"),
            [f"{code} ({label})" for code, label in LeavingReason.choices],
        ),
        "team": (
            _("De naam van het team, gespeld als hier:"),
            list(Team.objects.order_by("name").values_list("name", flat=True)),
        ),
        "caseworker": (
            _("De gebruikersnaam van de vaste contactpersoon, die in dat team werkt; mag leeg."),
            [],
        ),
        "phases": (
            _(
                "De fasen met de dag waarop elke fase begon, oudste eerst, gescheiden door |, "
                "zoals 1:01-01-2019|2:01-03-2021. De fasen:"
            ),
            [str(label) for _code, label in Phase.choices],
        ),
        "rungs": (
            _(
                "De treden op de participatieladder met de dag waarop elke trede is "
                "vastgesteld, gescheiden door |, zoals 2:01-01-2019|3:01-03-2021; mag leeg. "
                "Een bekende cliënt krijgt alleen de treden die nog ontbreken. De treden:"
            ),
            [str(label) for _code, label in Rung.choices],
        ),
    }
    return [ColumnHelp(column, *explanations[column.field]) for column in FILE_COLUMNS]


@dataclass
class ImportKind:
    """What a file may hold: its choice on the page (and `?inhoud=` of its template), who may
    import it, its columns explained, its template's example row, and the import that runs."""

    key: str
    title: "StrOrPromise"
    allowed: Callable[[User], bool]
    columns: tuple[Column, ...]
    help: Callable[[], list[ColumnHelp]]
    example: dict[str, str]
    run: Callable[..., ImportResult]


KINDS = (
    ImportKind(
        "clienten",
        gettext_lazy("Cliënten"),
        may_manage_catalogues,
        FILE_COLUMNS,
        column_help,
        EXAMPLE,
        import_clients,
    ),
    ImportKind(
        "werkgevers",
        gettext_lazy("Werkgevers"),
        may_add_employers,
        EMPLOYER_COLUMNS,
        employer_column_help,
        EMPLOYER_EXAMPLE,
        import_employers,
    ),
    ImportKind(
        "banen",
        gettext_lazy("Banen (werk van cliënten)"),
        may_edit_client_files,
        JOB_COLUMNS,
        job_column_help,
        JOB_EXAMPLE,
        import_jobs,
    ),
)


def kinds_for(request: HttpRequest) -> tuple[User, list[ImportKind]]:
    """The user and what they may import: clients (functional administrators), employers
    (also caseworkers and team managers), jobs (of the clients of their teams). Nothing: 403."""
    user = cast(User, request.user)
    kinds = [kind for kind in KINDS if kind.allowed(user)]
    if not kinds:
        raise PermissionDenied
    return user, kinds


@login_required
@require_http_methods(["GET", "POST"])
def import_page(request: HttpRequest) -> HttpResponse:
    """Upload a CSV of clients, employers or jobs (what the user may import): checked first,
    written all or nothing; the report names every bad row."""
    user, kinds = kinds_for(request)
    form = ImportForm(request.POST or None, request.FILES or None, kinds=kinds)
    result = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        wanted = form.cleaned_data["content"] or kinds[0].key  # the first, when not chosen
        kind = next(k for k in kinds if k.key == wanted)
        result = kind.run(
            upload.read(),
            filename=upload.name,
            by=user,
            dry_run=form.cleaned_data["dry_run"],
        )
    sections = [(kind, kind.help()) for kind in kinds]
    return render(
        request,
        "clients/import.html",
        {"form": form, "result": result, "sections": sections},
    )


@login_required
@require_GET
def import_template(request: HttpRequest) -> HttpResponse:
    """An empty file to fill in (`?inhoud=clienten`, `werkgevers` or `banen`; the first the
    user may import by default): the Dutch headings and one made-up example row, separated by
    semicolons and with a byte order mark, as Excel in Dutch opens and saves it."""
    _user, kinds = kinds_for(request)
    wanted = request.GET.get("inhoud") or kinds[0].key
    kind = next((k for k in kinds if k.key == wanted), None)
    if kind is None:
        raise PermissionDenied if any(k.key == wanted for k in KINDS) else Http404
    text = io.StringIO()
    writer = csv.writer(text, delimiter=";", lineterminator="\r\n")
    writer.writerow(column.dutch for column in kind.columns)
    writer.writerow(kind.example[column.field] for column in kind.columns)
    response = HttpResponse(
        ("\ufeff" + text.getvalue()).encode("utf-8"), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{kind.key}-import-sjabloon.csv"'
    return response
