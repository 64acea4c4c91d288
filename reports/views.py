"""The team dashboard: figures with charts and tables, exports, and the clients behind them."""

from collections.abc import Callable
from datetime import date
from typing import cast

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_GET

from accounts.models import User
from common.reads import Read, note_reads
from common.tables import EXPORT_TYPES, Table, display, download

from . import charts
from .catalogue.caseload import caseload_per_caseworker
from .catalogue.contact_norm import contact_norm
from .catalogue.contact_norm_trend import contact_norm_trend
from .catalogue.conversations_per_phase import conversations_per_phase
from .catalogue.key_figures import key_figures
from .catalogue.phase_distribution import phase_distribution_table
from .catalogue.phase_transitions import phase_transitions
from .catalogue.production import production
from .catalogue.shared import PHASES
from .catalogue.time_in_phase import time_in_phase
from .catalogue.trajectories import trajectories_report
from .drilldown import Event, drilldown_clients
from .forms import FIRST_YEAR, DrilldownForm, PeriodForm
from .permissions import ReportScope, report_scope, selectable_teams

PER_PAGE = 50


class Period:
    """The dashboard's chosen team, year and reference date."""

    def __init__(self, request: HttpRequest):
        user = cast(User, request.user)
        self.today = timezone.localdate()
        self.form = PeriodForm(request.GET or None, teams=selectable_teams(user))
        data = self.form.cleaned_data if self.form.is_valid() else {}
        team = data.get("team")
        self.scope = report_scope(user, team.pk if team else None)
        self.year: int = data.get("year") or self.today.year
        self.on: date = data.get("on") or self.today
        self.start = date(self.year, 1, 1)
        self.end = min(date(self.year, 12, 31), self.today)
        chosen = {"team": team.pk if team else None, "year": data.get("year"), "on": data.get("on")}
        self.query = {key: str(value) for key, value in chosen.items() if value}


def _key_figures(period: Period) -> Table:
    return key_figures(period.scope, today=period.today)


def _caseload(period: Period) -> Table:
    return caseload_per_caseworker(period.scope, today=period.today)


def _contact_norm(period: Period) -> Table:
    return contact_norm(period.scope, on=period.on)


def _trend(period: Period) -> Table:
    return contact_norm_trend(period.scope, on=period.on)


def _years(period: Period) -> list[int]:
    # Seven years as in table 3.1; one caseworker's clients are counted live: their year only.
    first = period.year if period.scope.caseworker is not None else max(period.year - 6, FIRST_YEAR)
    return list(range(first, period.year + 1))


def _phases(period: Period) -> Table:
    return phase_distribution_table(period.scope, years=_years(period), today=period.today)


def _conversations(period: Period) -> Table:
    return conversations_per_phase(period.scope, years=_years(period), today=period.today)


def _transitions(period: Period) -> Table:
    return phase_transitions(period.scope, start=period.start, end=period.end)


def _time_in_phase(period: Period) -> Table:
    return time_in_phase(period.scope, start=period.start, end=period.end)


def _trajectories(period: Period) -> Table:
    return trajectories_report(period.scope, start=period.start, end=period.end)


def _production(period: Period) -> Table:
    return production(period.scope, year=period.year, today=period.today)


REPORTS: dict[str, Callable[[Period], Table]] = {
    "key_figures": _key_figures,
    "caseload": _caseload,
    "contact_norm": _contact_norm,
    "contact_norm_trend": _trend,
    "phase_distribution": _phases,
    "conversations_per_phase": _conversations,
    "phase_transitions": _transitions,
    "time_in_phase": _time_in_phase,
    "trajectories": _trajectories,
    "production": _production,
}
# The dashboard's pages: (slug, title, reports on it); the first is /dashboard/ itself.
PAGES = [
    (
        "",
        _lazy("Overzicht"),
        [
            "key_figures",
            "caseload",
            "contact_norm",
            "contact_norm_trend",
            "phase_distribution",
        ],
    ),
    ("gesprekken", _lazy("Gesprekken per fase"), ["conversations_per_phase"]),
    ("faseovergangen", _lazy("Faseovergangen"), ["phase_transitions", "time_in_phase"]),
    ("trajecten", _lazy("Trajecten"), ["trajectories"]),
    ("productie", _lazy("Productie"), ["production"]),
]


def _chart(table: Table):
    """The chart for a report table; the same numbers as the table."""
    labels = [str(row[0].value) for row in table.rows]
    if table.key == "key_figures":
        return charts.bar_chart(
            "chart-key-figures",
            title=table.title,
            categories=labels[1:],  # the clients in total would dwarf the rest
            series=[
                charts.Series(table.columns[1].label, table.column("now")[1:]),
                charts.Series(table.columns[2].label, table.column("year_ago")[1:]),
            ],
            y_label=_("Cliënten"),
            x_label=table.columns[0].label,
        )
    if table.key == "caseload":
        return charts.bar_chart(
            "chart-caseload",
            title=table.title,
            categories=labels,
            series=[
                charts.Series(_("Fase %(phase)s") % {"phase": code}, table.column(f"phase_{code}"))
                for code in PHASES
            ]
            + [charts.Series(_("Geen fase"), table.column("no_phase"))],
            y_label=_("Cliënten"),
            x_label=table.columns[0].label,
            stacked=True,
        )
    if table.key == "contact_norm":
        return charts.bar_chart(
            "chart-contact-norm",
            title=table.title,
            categories=labels,
            series=[
                charts.Series(
                    _("Aandeel gesproken"),
                    [None if v is None else v * 100 for v in table.column("share")],
                )
            ],
            y_label=_("Aandeel gesproken (%)"),
            x_label=table.columns[0].label,
            percent=True,
        )
    if table.key == "contact_norm_trend":
        return charts.line_chart(
            "chart-contact-trend",
            title=table.title,
            categories=[label[:7] for label in labels],
            series=[
                charts.Series(
                    _("Aandeel gesproken"),
                    [None if v is None else v * 100 for v in table.column("share")],
                )
            ],
            y_label=_("Aandeel gesproken (%)"),
            x_label=_("Maand"),
            percent=True,
        )
    if table.key == "phase_distribution":
        years = [c.key for c in table.columns[1:]]
        return charts.bar_chart(
            "chart-phases",
            title=table.title,
            categories=years,
            series=[
                charts.Series(str(row[0].value), [cell.value for cell in row[1:]])
                for row in table.rows
            ],
            y_label=_("Cliënten (gemiddeld per maand)"),
            x_label=_("Jaar"),
            stacked=True,
        )
    if table.key == "conversations_per_phase":
        return charts.bar_chart(
            "chart-conversations",
            title=table.title,
            categories=[f"{row[0].value}, {row[1].value}" for row in table.rows],
            series=[
                charts.Series(column.label, table.column(column.key))
                for column in table.columns[2:]
            ],
            y_label=_("Gesprekken per cliënt per jaar"),
            x_label=_("Fase en tijd in de fase"),
        )
    if table.key == "phase_transitions":
        return charts.bar_chart(
            "chart-transitions",
            title=table.title,
            categories=labels,
            series=[
                charts.Series(column.label, table.column(column.key))
                for column in table.columns[1:5]
            ],
            y_label=_("Overgangen"),
            x_label=_("Van"),
            stacked=True,
        )
    if table.key == "time_in_phase":
        return charts.bar_chart(
            "chart-time-in-phase",
            title=table.title,
            categories=labels,
            series=[
                charts.Series(_("Mediaan"), table.column("median")),
                charts.Series(_("75e percentiel"), table.column("p75")),
            ],
            y_label=_("Maanden"),
            x_label=_("Fase"),
        )
    if table.key == "trajectories":
        statuses = [c for c in table.columns if c.key.startswith("status_")]
        return charts.bar_chart(
            "chart-trajectories",
            title=table.title,
            categories=[f"{row[0].value} – {row[1].value}" for row in table.rows],
            series=[charts.Series(c.label, table.column(c.key)) for c in statuses],
            y_label=_("Trajecten"),
            x_label=_("Dienst en aanbieder"),
            stacked=True,
        )
    if table.key == "production":
        return charts.bar_chart(
            "chart-production",
            title=table.title,
            categories=labels,
            series=[
                charts.Series(_("Gerealiseerd"), table.column("total")),
                charts.Series(_("Target"), table.column("target")),
            ],
            y_label=_("Gespreksequivalenten"),
            x_label=table.columns[0].label,
        )
    return None


def _rendered(table: Table, scope: ReportScope) -> dict:
    """A table prepared for the template: display strings and drill-down links."""

    def cells(row):
        return [
            {
                "text": display(cell.value, column.kind),
                "numeric": column.kind != "text",
                "href": (
                    f"/dashboard/clienten/?{urlencode(cell.filters)}"
                    if cell.filters is not None and scope.may_open_clients
                    else ""
                ),
            }
            for cell, column in zip(row, table.columns, strict=True)
        ]

    return {
        "table": table,
        "rows": [cells(row) for row in table.rows],
        "totals": cells(table.totals) if table.totals else None,
        "chart": _chart(table),
    }


@login_required
@require_GET
def dashboard(request: HttpRequest, page: str = "") -> HttpResponse:
    """The team manager's Monday morning: an overview, and a page per further report."""
    chosen = next((p for p in PAGES if p[0] == page), None)
    if chosen is None:
        raise Http404
    period = Period(request)
    sections = [_rendered(REPORTS[key](period), period.scope) for key in chosen[2]]
    query_string = urlencode(period.query)
    return render(
        request,
        "reports/dashboard.html",
        {
            "period": period,
            "form": period.form,
            "page_title": chosen[1],
            "pages": [
                {
                    "title": title,
                    "href": f"/dashboard/{slug + '/' if slug else ''}"
                    + (f"?{query_string}" if query_string else ""),
                    "current": slug == page,
                }
                for slug, title, _keys in PAGES
            ],
            "sections": sections,
            "query_string": query_string,
        },
    )


@login_required
@require_GET
def export(request: HttpRequest, report: str, kind: str) -> HttpResponse:
    """One report as CSV or XLSX, with the same numbers as on the screen."""
    if report not in REPORTS or kind not in EXPORT_TYPES:
        raise Http404
    period = Period(request)
    table = REPORTS[report](period)
    stamp = period.on.isoformat() if report.startswith("contact") else str(period.year)
    return download(table, kind, f"{report}-{stamp}")


CLIENT_COLUMNS = [
    ("name", _lazy("Naam"), "text"),
    ("bsn", _lazy("BSN"), "text"),
    ("team", _lazy("Team"), "text"),
    ("caseworker", _lazy("Vaste contactpersoon"), "text"),
    ("phase", _lazy("Fase"), "text"),
    ("last_contact", _lazy("Laatste contact"), "text"),
    ("signals", _lazy("Open signalen"), "int"),
]


@login_required
@require_GET
def drilldown(request: HttpRequest) -> HttpResponse:
    """The clients behind a figure; `?export=csv|xlsx` downloads them (logged per client)."""
    user = cast(User, request.user)
    form = DrilldownForm(request.GET)
    if not form.is_valid():
        messages = "; ".join(str(e) for errors in form.errors.values() for e in errors)
        return HttpResponseBadRequest(_("Ongeldige selectie: %(errors)s") % {"errors": messages})
    data = form.cleaned_data
    scope = report_scope(user, data.get("team"))
    if not scope.may_open_clients:
        raise PermissionDenied
    today = timezone.localdate()
    clients = drilldown_clients(
        scope,
        user=user,
        today=today,
        caseworker=data["caseworker"],
        phase=data["phase"],
        signal=data["signal"],
        overdue=data["overdue"],
        norm=data["norm"],
        on=data["on"],
        start=data["start"],
        end=data["end"],
        event=Event(
            transition=data["transition"],
            ended_phase=data["ended_phase"],
            service_type=data["service_type"],
            provider=data["provider"],
            trajectory_status=data["trajectory_status"],
            outcome=data["outcome"],
            spoken_by=data["spoken_by"],
        ),
    ).select_related("team", "caseworker")
    clients = clients.order_by("last_name", "first_name", "id")
    kind = request.GET.get("export", "")
    if kind:
        if kind not in EXPORT_TYPES:
            raise Http404
        return _export_clients(request, list(clients), kind)
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


def _export_clients(request: HttpRequest, clients: list, kind: str) -> HttpResponse:
    from common.tables import Column

    columns = [Column(key, str(label), type_) for key, label, type_ in CLIENT_COLUMNS]
    table = Table("clients", _("Cliënten"), columns)
    for client in clients:
        table.add(
            f"{client.last_name}, {client.first_name}",
            client.masked_bsn,
            str(client.team),
            str(client.caseworker or ""),
            client.current_phase or "",
            client.last_contact_on.isoformat() if client.last_contact_on else "",
            client.open_signals,
        )
    note_reads(request, clients, Read.EXPORT)
    return download(table, kind, "clienten")
