from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

from django import template
from django.http import QueryDict
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, ngettext, pgettext

from casework.rows import url_for_each
from clients.models import Client
from common.templatetags.badges import badge
from common.templatetags.dutch import day_short, number
from interventions.search import MARK_START, MARK_STOP

register = template.Library()


@register.simple_tag
def time_since(start: date | None, today: date) -> str:
    """'2 jaar, 3 maanden' from `start` to `today`, in whole months."""
    if start is None:
        return ""
    months = (today.year - start.year) * 12 + today.month - start.month - (today.day < start.day)
    years, months = divmod(max(months, 0), 12)
    if not years and not months:
        return gettext("minder dan een maand")
    parts = []
    if years:
        parts.append(ngettext("%(n)d jaar", "%(n)d jaar", years) % {"n": years})
    if months:
        parts.append(ngettext("%(n)d maand", "%(n)d maanden", months) % {"n": months})
    return ", ".join(parts)


@register.simple_tag
def with_query(query: QueryDict, **changes: object) -> str:
    """The current query string with some parameters replaced (sort links, pages)."""
    updated = query.copy()
    for key, value in changes.items():
        if value in (None, ""):
            updated.pop(key, None)
        else:
            updated[key] = str(value)
    return "?" + updated.urlencode()


@register.filter
def marked(excerpt: str) -> str:
    """A report excerpt, escaped, with the search matches (marked by interventions.search)
    in <mark>."""
    escaped = escape(excerpt or "")
    return mark_safe(escaped.replace(MARK_START, "<mark>").replace(MARK_STOP, "</mark>"))


# One caseload row. The page's 50 rows were two thirds of its CPU in the template language
# (every variable, filter, include and tag a node, per row: issue 19), so they are written
# here, with the same HTML and the same messages as the template had.
CASELOAD_ROW = (
    "<tr>\n"
    "        <td>{box}\n</td>\n"
    '        <td><a href="{url}">{name}</a>{flag}</td>\n'
    "        <td>{bsn}</td>\n"
    "        <td>{phase}</td>\n"
    "        <td>{since}</td>\n"
    "        <td>{last_contact}</td>\n"
    "        <td>{next_contact}</td>\n"
    "        <td>{signals}</td>\n"
    "        <td>{overdue}</td>\n"
    "        {caseworker}\n"
    "      </tr>"
)


# The box that picks a client for a bulk action (the form `bulk` of `bulk_actions`).
BULK_BOX = (
    '<input type="checkbox" name="client" value="{pk}" id="bulk-client-{pk}" form="bulk">'
    '<label for="bulk-client-{pk}" class="visually-hidden">{choose}</label>'
)


@register.simple_tag
def bulk_box(client: Client) -> str:
    """The bulk-action box of one client's row, as on the caseload and the drill-down."""
    return format_html(
        BULK_BOX,
        pk=client.pk,
        # as {% blocktranslate %}: the variable escaped, the message itself not
        choose=mark_safe(gettext("Kies %(name)s") % {"name": escape(client.listed_name)}),
    )


def caseload_rows(clients: Iterable[Client], today: date, with_caseworker: bool) -> list[str]:
    """The rows of the caseload table (`casework.selectors.caseload`'s annotations): the view
    writes them, so that it can keep them in the cache."""
    file_url = url_for_each("client_detail")
    # Days and durations repeat down a page: each is formatted once.
    days: dict[date | None, str] = {}
    durations: dict[date | None, str] = {}

    def day(value: date | None) -> str:
        if value not in days:
            days[value] = day_short(value)
        return days[value]

    def since(start: date | None) -> str:
        if start not in durations:
            durations[start] = time_since(start, today)
        return durations[start]

    return [
        _caseload_row(client, today, file_url, day, since, with_caseworker) for client in clients
    ]


def _caseload_row(
    client: Client,
    today: date,
    file_url: Callable[[int], str],
    day: Callable[[date | None], str],
    since: Callable[[date | None], str],
    with_caseworker: bool,
) -> str:
    c: Any = client  # with the caseload's annotations
    next_on = c.next_contact_on
    if next_on and next_on < today:
        missed = gettext("gemist: %(day)s") % {"day": escape(day(next_on))}
        next_contact: str = badge(mark_safe(missed), "danger")
    else:
        next_contact = day(next_on) or "–"
    caseworker = ""
    if with_caseworker:
        caseworker = format_html("<td>{}</td>", c.caseworker or gettext("geen"))
    return format_html(
        CASELOAD_ROW,
        box=bulk_box(c),
        url=file_url(c.pk),
        name=f"{c.last_name}, {c.first_name}",
        flag=_flag(c, today),
        bsn=c.masked_bsn,
        phase=badge(c.current_phase, "neutral") if c.current_phase else "–",
        since=since(c.current_phase_since),
        last_contact=day(c.last_contact_on) or gettext("nooit"),
        next_contact=next_contact,
        signals=_count_badge(c.open_signals),
        overdue=_count_badge(c.overdue_agreements),
        caseworker=caseworker,
    )


def _flag(client: Any, today: date) -> str:
    """Why a listed client is not (or no longer) in care, after the name."""
    if client.out_of_service_on and client.out_of_service_on <= today:
        label = pgettext("vlag in de cliëntenlijst", "uit zorg")
    elif client.in_service_since is not None and client.in_service_since > today:
        label = pgettext("vlag in de cliëntenlijst", "nog niet in zorg")
    elif not client.has_work_capacity:
        label = pgettext("vlag in de cliëntenlijst", "geen arbeidsvermogen")
    else:
        return ""
    return format_html(" {}", badge(label, "warning"))


def _count_badge(count: int | None) -> str:
    return badge(number(count), "danger") if count else "0"
