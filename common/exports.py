"""Exports: a table as a CSV or XLSX download, with one size policy for every export.

An export of more than `settings.EXPORT_ROW_LIMIT` rows is refused, never cut: the user goes
back to the page with a message to narrow the selection. The clients in an export are noted as
read (`Read.EXPORT`), so the read log holds every exported client.
"""

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from .reads import Read, note_reads
from .tables import Table, to_csv, to_xlsx

EXPORT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def export(
    request: HttpRequest,
    records: QuerySet | Sequence[Any],
    kind: str,
    *,
    filename: str,
    table: Callable[[list[Any]], Table],
    clients: Callable[[list[Any]], Iterable[Any]] | None = None,
    back: str | None = None,
) -> HttpResponse:
    """`records` as a `kind` ("csv" or "xlsx") download named `filename`.`kind`.

    `table` makes the table of the records; `clients` names the clients in them (clients,
    records with a `client_id`, or ids), each noted as exported. Above the row limit the user
    is sent to `back` (by default this page without `?export=`) with a message instead. At most
    one record past the limit is read.
    """
    if kind not in EXPORT_TYPES:
        raise Http404
    limit: int = settings.EXPORT_ROW_LIMIT
    rows = list(records[: limit + 1])
    if len(rows) > limit:
        messages.error(
            request,
            _("De export telt meer dan %(limit)s regels: verfijn de selectie om te exporteren.")
            % {"limit": number_format(limit, 0, force_grouping=True)},
        )
        return redirect(back or _without_export(request))
    if clients is not None:
        note_reads(request, clients(rows), Read.EXPORT)
    return download(table(rows), kind, filename)


def _without_export(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("export", None)
    return f"{request.path}?{query.urlencode()}" if query else request.path


def download(table: Table, kind: str, filename: str) -> HttpResponse:
    """The table as a CSV or XLSX attachment named `filename`.`kind`; no size check (`export`
    makes it)."""
    body = to_csv(table) if kind == "csv" else to_xlsx(table)
    response = HttpResponse(body, content_type=EXPORT_TYPES[kind])
    response["Content-Disposition"] = f'attachment; filename="{filename}.{kind}"'
    return response
