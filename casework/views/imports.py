"""Functional administrators import clients from a CSV file."""

import csv
import io
from dataclasses import dataclass
from typing import cast

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from accounts.models import Team, User
from casework.forms import ImportForm
from casework.import_rows import FILE_COLUMNS, Column
from casework.importer import import_clients
from clients.models import Regime
from clients.permissions import may_manage_catalogues
from phases.models import Phase

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
    "team": "Team Voorbeeld",
    "caseworker": "",
    "phases": "1:01-01-2020|2:01-06-2021",
}


@dataclass
class ColumnHelp:
    """A column of the file as the import page explains it."""

    column: Column
    explanation: str
    values: list[str]


def _administrator(request: HttpRequest) -> User:
    user = cast(User, request.user)
    if not may_manage_catalogues(user):
        raise PermissionDenied
    return user


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
    }
    return [ColumnHelp(column, *explanations[column.field]) for column in FILE_COLUMNS]


@login_required
@require_http_methods(["GET", "POST"])
def import_page(request: HttpRequest) -> HttpResponse:
    """Functional administrators upload a CSV of clients: checked first, written all or
    nothing; the report names every bad row."""
    user = _administrator(request)
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
        {"form": form, "result": result, "columns": column_help()},
    )


@login_required
@require_GET
def import_template(request: HttpRequest) -> HttpResponse:
    """An empty file to fill in: the Dutch headings and one made-up example row, separated by
    semicolons and with a byte order mark, as Excel in Dutch opens and saves it."""
    _administrator(request)
    text = io.StringIO()
    writer = csv.writer(text, delimiter=";", lineterminator="\r\n")
    writer.writerow(column.dutch for column in FILE_COLUMNS)
    writer.writerow(EXAMPLE[column.field] for column in FILE_COLUMNS)
    response = HttpResponse(
        ("\ufeff" + text.getvalue()).encode("utf-8"), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="clienten-import-sjabloon.csv"'
    return response
