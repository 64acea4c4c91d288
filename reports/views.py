"""The team dashboard: figures with charts and tables, exports, and the clients behind them.

All of it may be a second behind: with a replica configured it reads from there.
"""

from typing import Any, cast

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.html import conditional_escape, escape
from django.utils.http import urlencode
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from accounts.models import User
from clients.exports import CLIENT_COLUMNS
from common.dates import iso
from common.exports import EXPORT_TYPES, export
from common.reads import note_reads
from common.replica import reads_from_replica
from common.tables import Cell, RecordColumn, display, records_table

from . import charts
from .drilldown import drilldown_for
from .forms import DrilldownForm
from .kept_sections import kept_section
from .period import Period
from .registry import PAGES, REPORTS, Report, page_of
from .today_cache import one_count_per_page

PER_PAGE = 50


def _section(report: Report, period: Period, query_string: str) -> dict[str, Any]:
    """A report's section: its table, and the section rendered (kept where it may be)."""

    def render() -> dict[str, Any]:
        shown = _shown(report, period)
        context = {"section": shown, "query_string": query_string}
        return {"table": shown["table"], "html": render_to_string("reports/section.html", context)}

    return kept_section(report, period, render)


def _shown(report: Report, period: Period) -> dict:
    """A report's table prepared for the template: its rows as HTML, the chart drawn."""
    table, scope = report.table(period), period.scope
    kinds = [column.kind for column in table.columns]

    def row_html(row: list[Cell]) -> SafeString:
        """A row of the table: the first cell heads it, a count links to its clients.
        Written here rather than in the template: a dashboard shows hundreds of cells."""
        cells = []
        for index, (cell, kind) in enumerate(zip(row, kinds, strict=True)):
            text: str = conditional_escape(display(cell.value, kind))
            if index == 0:
                cells.append(f'<th scope="row">{text}</th>')
                continue
            if cell.filters is not None and scope.may_open_clients:
                href = escape(f"/dashboard/clienten/?{urlencode(cell.filters)}")
                text = f'<a href="{href}">{text}</a>'
            numeric = ' class="num"' if kind != "text" else ""
            cells.append(f"<td{numeric}>{text}</td>")
        return mark_safe(f"<tr>{''.join(cells)}</tr>")  # every value is escaped above

    return {
        "table": table,
        "rows": [row_html(row) for row in table.rows],
        "totals": row_html(table.totals) if table.totals else None,
        "chart": charts.draw(report.chart, table),
        "summary": report.summary,
    }


@login_required
@require_GET
@reads_from_replica()
def dashboard(request: HttpRequest, page: str = "") -> HttpResponse:
    """The team manager's Monday morning: an overview, and a page per further report."""
    chosen = page_of(page)
    if chosen is None:
        raise Http404
    period = Period(request)
    user = cast(User, request.user)
    query_string = urlencode(period.query)
    with one_count_per_page():
        sections = [_section(report, period, query_string) for report in chosen.reports(user)]
    return render(
        request,
        "reports/dashboard.html",
        {
            "period": period,
            "form": period.form,
            "fields": [period.form[name] for name in chosen.fields],
            "page_title": chosen.title,
            "pages": [
                {
                    "title": title,
                    "href": _page_href(slug, query_string),
                    "current": slug == page,
                }
                for slug, title, *_fields in PAGES
            ],
            "sections": sections,
        },
    )


def _page_href(slug: str, query_string: str) -> str:
    return f"/dashboard/{slug + '/' if slug else ''}" + (f"?{query_string}" if query_string else "")


@login_required
@require_GET
@reads_from_replica()
def export_report(request: HttpRequest, report: str, kind: str) -> HttpResponse:
    """One report as CSV or XLSX, with the same numbers as on the screen."""
    chosen = REPORTS.get(report)
    if chosen is None or kind not in EXPORT_TYPES:
        raise Http404
    if not chosen.may_see(cast(User, request.user)):
        raise PermissionDenied
    period = Period(request)
    table = chosen.table(period)
    return export(
        request,
        table.rows,
        kind,
        filename=chosen.filename(period),
        table=lambda rows: table,  # with its totals; no client in it
        back=_page_href(chosen.page, urlencode(period.query)),
    )


# The annotations come from `drilldown_clients()`.
DRILLDOWN_COLUMNS: list[RecordColumn[Any]] = [
    *CLIENT_COLUMNS,
    RecordColumn("phase", gettext_lazy("Fase"), lambda c: c.current_phase or ""),
    RecordColumn("last_contact", gettext_lazy("Laatste contact"), lambda c: iso(c.last_contact_on)),
    RecordColumn("signals", gettext_lazy("Open signalen"), lambda c: c.open_signals, "int"),
]


@login_required
@require_GET
@reads_from_replica()
def drilldown(request: HttpRequest) -> HttpResponse:
    """The clients behind a figure; `?export=csv|xlsx` downloads them (logged per client)."""
    user = cast(User, request.user)
    form = DrilldownForm(request.GET)
    if not form.is_valid():
        messages = "; ".join(str(e) for errors in form.errors.values() for e in errors)
        return HttpResponseBadRequest(_("Ongeldige selectie: %(errors)s") % {"errors": messages})
    data = form.cleaned_data
    today = timezone.localdate()
    clients = drilldown_for(user, data, today=today).select_related("team", "caseworker")
    clients = clients.order_by("last_name", "first_name", "id")
    kind = request.GET.get("export", "")
    if kind:
        return export(
            request,
            clients,
            kind,
            filename="clienten",
            table=lambda rows: records_table("clients", _("Cliënten"), DRILLDOWN_COLUMNS, rows),
            clients=lambda rows: rows,
        )
    page = Paginator(clients, PER_PAGE).get_page(request.GET.get("page"))
    note_reads(request, page)
    return render(
        request,
        "reports/drilldown.html",
        {
            "page": page,
            "today": today,
            "filters": data,
            "query": request.GET.urlencode(),
        },
    )
