import calendar
from datetime import date


def iso(day: date | None) -> str:
    """A date as 2025-03-04, and no date as an empty text (a cell of an export)."""
    return day.isoformat() if day else ""


def months_before(day: date, months: int) -> date:
    """Calendar arithmetic: the same day `months` earlier, clamped to the month's last day.

    months_before(date(2024, 2, 29), 12) == date(2023, 2, 28).
    """
    index = day.year * 12 + (day.month - 1) - months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def month_ends(first: date, last: date) -> list[date]:
    """Every last day of a month from `first` up to and including `last`."""
    ends: list[date] = []
    year, month = first.year, first.month
    while True:
        end = date(year, month, calendar.monthrange(year, month)[1])
        if end > last:
            return ends
        if end >= first:
            ends.append(end)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


def months_back(on: date, count: int) -> list[date]:
    """The last `count` month-ends on or before `on`, oldest first."""
    year, month = on.year, on.month
    ends: list[date] = []
    while len(ends) < count:
        end = date(year, month, calendar.monthrange(year, month)[1])
        if end <= on:
            ends.append(end)
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    return ends[::-1]
