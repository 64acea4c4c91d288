from datetime import date

from django import template
from django.http import QueryDict
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, ngettext

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
