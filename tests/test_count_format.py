"""Counts read with Dutch thousands separators wherever a page states them (captions, headings,
pagination), and a month heads a report column or row as "mrt 2026", in one format."""

import datetime
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.paginator import Paginator
from django.template import Context, Template
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import translation

from common.templatetags.dutch import month_short

ROOT = Path(settings.BASE_DIR)


def test_pagination_groups_the_page_numbers_in_dutch():
    page = Paginator(range(123_400), 100).page(1_200)
    with translation.override("nl"):
        html = render_to_string(
            "pagination.html", {"page": page, "request": RequestFactory().get("/")}
        )

    assert "Pagina 1.200 van 1.234" in html


def test_a_pluralised_count_is_grouped_but_still_chooses_the_plural():
    source = (
        "{% load i18n %}{% blocktranslate count counter=total with n=total|number %}"
        "{{ n }} cliënt{% plural %}{{ n }} cliënten{% endblocktranslate %}"
    )
    with translation.override("nl"):
        assert Template(source).render(Context({"total": 110_000})) == "110.000 cliënten"
        assert Template(source).render(Context({"total": 1})) == "1 cliënt"


def test_no_template_shows_a_bare_counter():
    """A count in a blocktranslate goes through |number as {{ n }}; {{ counter }} is bare."""
    bare = [
        str(path.relative_to(ROOT))
        for path in ROOT.glob("*/templates/**/*.html")
        if ".venv" not in path.parts and re.search(r"\{\{ counter \}\}", path.read_text())
    ]
    assert bare == []


@pytest.mark.parametrize(
    "language, march, october", [("nl", "mrt 2026", "okt 2026"), ("en", "mar 2026", "oct 2026")]
)
def test_a_month_heading_is_a_lower_case_abbreviation_with_the_year(language, march, october):
    with translation.override(language):
        assert month_short(datetime.date(2026, 3, 31)) == march
        assert month_short(datetime.date(2026, 10, 1)) == october


def test_no_month_heading_is_made_with_strftime():
    """Reports head their months with month_short, not "%m-%Y" or an ISO date."""
    found = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "reports").rglob("*.py")
        if re.search(r"strftime\(\"%m-%Y\"\)|Cell\(\w+\.isoformat\(\)\)", path.read_text())
    ]
    assert found == []
