"""Adding days and calendar months inside a query gives the same date on PostgreSQL and SQLite,
as Python's calendar arithmetic does (`common.dates.months_before`)."""

import datetime

import pytest
from django.db.models import F, Value

from clients.models import Client
from common.dates import months_before
from common.sql_dates import AddDays, AddMonths
from tests.factories import ClientFactory

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.mark.parametrize(
    "day, months",
    [
        (D(2024, 2, 29), 12),  # a leap day's year: 28 February
        (D(2024, 2, 29), 48),  # ... and four years on: 29 February again
        (D(2024, 8, 31), 6),  # half a year to a shorter month
        (D(2023, 1, 31), 1),
        (D(2024, 1, 31), 1),
        (D(2024, 12, 15), 1),  # across the year's end
        (D(2024, 3, 31), -1),  # back into a shorter month
        (D(2024, 5, 1), 0),
    ],
)
def test_calendar_months_are_added_as_python_does(day, months):
    client = ClientFactory.create(in_service_since=day)
    row = Client.objects.filter(pk=client.pk).annotate(
        from_column=AddMonths(F("in_service_since"), months),
        from_value=AddMonths(Value(day), months),
    )
    found = row.values_list("from_column", "from_value").get()
    assert found == (months_before(day, -months),) * 2


@pytest.mark.parametrize(
    "day, days, expected",
    [
        (D(2024, 3, 1), -1, D(2024, 2, 29)),
        (D(2024, 12, 31), 1, D(2025, 1, 1)),
        (D(2024, 6, 15), 0, D(2024, 6, 15)),
        (D(2024, 6, 15), 365, D(2025, 6, 15)),
    ],
)
def test_days_are_added_across_month_and_year_ends(day, days, expected):
    client = ClientFactory.create(in_service_since=day)
    row = Client.objects.filter(pk=client.pk).annotate(later=AddDays("in_service_since", days))
    assert row.values_list("later", flat=True).get() == expected


def test_an_added_date_compares_with_a_date_column():
    client = ClientFactory.create(in_service_since=D(2024, 2, 29))
    ClientFactory.create(in_service_since=D(2024, 3, 2))
    found = Client.objects.filter(in_service_since__gte=AddMonths(Value(D(2024, 1, 29)), 1))
    assert client in found and found.count() == 2
    assert not Client.objects.filter(in_service_since__lt=AddDays(Value(D(2024, 3, 1)), -1))
