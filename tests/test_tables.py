"""A table tells figures from text: a number is shown in the language's number format and
written as a number to a spreadsheet; a yes/no or a text of digits is not a figure."""

from decimal import Decimal

import pytest
from django.utils import translation

from common.tables import Cell, display


@pytest.mark.parametrize("value", [1234, 2.5, Decimal("2.5")])
def test_a_number_is_a_figure(value):
    assert Cell(value).numeric


@pytest.mark.parametrize("value", [True, "1234", None])
def test_a_yes_no_a_text_of_digits_or_nothing_is_no_figure(value):
    assert not Cell(value).numeric


@pytest.mark.parametrize(
    "value, shown",
    [(1234567, "1.234.567"), (Decimal("1234"), "1.234"), (2.0, "2"), ("1234567", "1234567")],
)
def test_a_count_is_grouped_in_dutch_and_a_text_stays_as_typed(value, shown):
    with translation.override("nl"):
        assert display(value, "int") == shown
