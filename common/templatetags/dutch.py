"""One way to show dates and numbers on every screen (loaded as a template builtin).

Dates: `|day_text` ("12 december 2026") in running text, `|day_short` ("12-12-2026") in tables;
`|moment_text` and `|moment_short` add the time; `|month_short` ("mrt 2026") heads a month's
column or row. Numbers: `|number` ("9.409,7") and `|money`
("€ 4.250,00") with the separators of the active language."""

from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django import template
from django.utils import timezone
from django.utils.formats import date_format, number_format

register = template.Library()

Day = date | datetime | None


def _formatted(value: Day, fmt: str) -> str:
    if value in (None, ""):
        return ""
    if isinstance(value, datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    return date_format(value, fmt)


@register.filter
def day_text(value: Day) -> str:
    """A day in running text: "12 december 2026"."""
    if isinstance(value, datetime):
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return _formatted(value, "DATE_FORMAT")


@register.filter
def day_short(value: Day) -> str:
    """A day in a table cell: "12-12-2026"."""
    if isinstance(value, datetime):
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return _formatted(value, "SHORT_DATE_FORMAT")


@register.filter
def month_short(value: Day) -> str:
    """A month as a column or row header: "mrt 2026" (lower case, as in running text)."""
    return _formatted(value, "MONTH_SHORT_FORMAT")


@register.filter
def moment_text(value: Day) -> str:
    """A moment in running text: "12 december 2026 14:30"."""
    return _formatted(value, "DATETIME_FORMAT")


@register.filter
def moment_short(value: Day) -> str:
    """A moment in a table cell: "12-12-2026 14:30"."""
    return _formatted(value, "SHORT_DATETIME_FORMAT")


def _decimal(value: object) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


@register.filter
def number(value: object, decimals: int | str | None = None) -> str:
    """A number with thousands separators: 9409.7 -> "9.409,7" (with `decimals`, that many)."""
    amount = _decimal(value)
    if amount is None:
        return "" if value is None else str(value)
    places = int(decimals) if decimals not in (None, "") else None
    return number_format(amount, places, force_grouping=True)


@register.filter
def money(value: object) -> str:
    """An amount in euros: 4250 -> "€ 4.250,00"."""
    amount = _decimal(value)
    if amount is None:
        return ""
    return f"€\u00a0{number_format(amount, 2, force_grouping=True)}"
