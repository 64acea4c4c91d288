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


# The parts of an ISO date (YYYY-MM-DD): the width of each and the values it can take.
_DATE_PARTS = ((4, 0, 9999), (2, 1, 12), (2, 1, 31))


def _group(pattern: str) -> str:
    return f"(?:{pattern})" if "|" in pattern else pattern


def _any_digits(width: int) -> str:
    return rf"\d{{{width}}}" if width > 1 else r"\d"


def _digit(low: int, high: int) -> str:
    return str(low) if low == high else f"[{low}-{high}]"


def _digits_between(low: int, high: int, width: int) -> str:
    """A regular expression for the numbers low..high written with `width` digits."""
    lo, hi = f"{low:0{width}d}", f"{high:0{width}d}"
    if lo == hi:
        return lo
    if lo == "0" * width and hi == "9" * width:
        return _any_digits(width)
    if width == 1:
        return _digit(low, high)
    head_lo, head_hi, rest = int(lo[0]), int(hi[0]), width - 1
    if head_lo == head_hi:
        return f"{head_lo}{_group(_digits_between(int(lo[1:]), int(hi[1:]), rest))}"
    parts = [f"{head_lo}{_group(_digits_between(int(lo[1:]), 10**rest - 1, rest))}"]
    if head_hi - head_lo > 1:
        parts.append(_digit(head_lo + 1, head_hi - 1) + _any_digits(rest))
    parts.append(f"{head_hi}{_group(_digits_between(0, int(hi[1:]), rest))}")
    return "|".join(parts)


def _parts_between(low: tuple[int, ...], high: tuple[int, ...], level: int = 0) -> str:
    """Date parts from `low` to `high` in order: (year, month, day) from part `level` on."""
    width = _DATE_PARTS[level][0]
    if level == len(_DATE_PARTS) - 1:
        return _group(_digits_between(low[0], high[0], width))
    if low[0] == high[0]:
        return f"{low[0]:0{width}d}-{_parts_between(low[1:], high[1:], level + 1)}"
    lowest = tuple(part[1] for part in _DATE_PARTS[level + 1 :])
    highest = tuple(part[2] for part in _DATE_PARTS[level + 1 :])
    start, end, parts = low[0], high[0], []
    if low[1:] != lowest:  # the first value is only partly in the range
        parts.append(f"{low[0]:0{width}d}-{_parts_between(low[1:], highest, level + 1)}")
        start += 1
    if high[1:] != highest:  # and the last
        parts.append(f"{high[0]:0{width}d}-{_parts_between(lowest, high[1:], level + 1)}")
        end -= 1
    if start <= end:
        every = _parts_between(lowest, highest, level + 1)
        parts.append(f"{_group(_digits_between(start, end, width))}-{every}")
    return _group("|".join(parts))


def iso_date_pattern(first: date, last: date) -> str:
    """A regular expression for the ISO dates (YYYY-MM-DD) from `first` to `last`, both
    included: the range a date field accepts, stated in the API schema so that its readers
    (and generators of test data) know it. Whether a day exists in its month (no 30 February)
    is the date format's to say, not the pattern's."""
    low = (first.year, first.month, first.day)
    high = (last.year, last.month, last.day)
    return f"^{_parts_between(low, high)}$"
