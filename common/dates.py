import calendar
from datetime import date


def months_before(day: date, months: int) -> date:
    """Calendar arithmetic: the same day `months` earlier, clamped to the month's last day.

    months_before(date(2024, 2, 29), 12) == date(2023, 2, 28).
    """
    index = day.year * 12 + (day.month - 1) - months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))
