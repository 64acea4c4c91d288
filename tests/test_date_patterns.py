"""common.dates.iso_date_pattern: the regular expression the API document gives a date field,
matching exactly the days of its range."""

import datetime
import random
import re

import pytest

from common.dates import iso_date_pattern

DAY = datetime.timedelta(days=1)


@pytest.mark.parametrize(
    "first, last",
    [
        (datetime.date(1900, 1, 1), datetime.date(2028, 11, 29)),
        (datetime.date(2026, 11, 29), datetime.date(2036, 12, 1)),
        (datetime.date(2024, 2, 29), datetime.date(2024, 2, 29)),
        (datetime.date(1999, 12, 31), datetime.date(2000, 1, 1)),
        (datetime.date(1, 1, 2), datetime.date(9999, 12, 30)),
    ],
)
def test_the_pattern_matches_every_day_of_the_range_and_none_outside(first, last):
    pattern = re.compile(iso_date_pattern(first, last))
    rng = random.Random(f"{first}{last}")
    inside = [first, last] + [first + (last - first) * rng.random() for _ in range(300)]
    outside = [first - DAY, last + DAY]

    assert all(pattern.fullmatch(day.isoformat()) for day in inside)
    assert not any(pattern.fullmatch(day.isoformat()) for day in outside)


def test_around_the_bounds_day_by_day():
    first, last = datetime.date(1900, 1, 1), datetime.date(2028, 11, 29)
    pattern = re.compile(iso_date_pattern(first, last))
    day = datetime.date(1899, 11, 1)
    while day < datetime.date(2029, 2, 1):
        assert bool(pattern.fullmatch(day.isoformat())) == (first <= day <= last), day
        day += DAY if not datetime.date(1900, 3, 1) <= day < datetime.date(2028, 9, 1) else 40 * DAY


def test_the_pattern_bounds_the_range_not_the_calendar():
    """Whether 30 February exists is for the date format to say."""
    pattern = re.compile(iso_date_pattern(datetime.date(2024, 1, 1), datetime.date(2024, 12, 31)))

    assert pattern.fullmatch("2024-02-30")
    assert not pattern.fullmatch("2024-13-01") and not pattern.fullmatch("2024-00-10")
    assert not pattern.fullmatch("2024-1-05") and not pattern.fullmatch("20240105")
