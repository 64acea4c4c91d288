"""A report's figures as one table: shown in HTML, drawn as a chart, exported as CSV or XLSX
(`common.exports` sends it).

Every report builds a `Table`; the screen, the chart and both exports read the same object, so
the numbers in each are the same by construction. A cell may carry the filters of the client
list behind its figure (the drill-down). An export of records (clients, conversations, changes)
names its columns with `RecordColumn`, each with how a record gives its value, and
`records_table` makes the table.
"""

import csv
import io
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Generic, TypeVar

import xlsxwriter
from django.utils.formats import number_format
from django.utils.functional import Promise
from django.utils.translation import get_language

# What a cell holds when it holds a figure: shown in the number format, a number in XLSX.
Number = int | float | Decimal


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    # "text", "int", "decimal" (one decimal), "percent" (a share 0..1, shown as 83.4 %)
    kind: str = "int"


@dataclass
class Cell:
    value: Any
    # The drill-down: filters for the client list behind this figure (None: not clickable).
    filters: dict[str, str] | None = None

    @property
    def numeric(self) -> bool:
        return isinstance(self.value, Number) and not isinstance(self.value, bool)


@dataclass
class Table:
    key: str
    title: str
    columns: list[Column]
    rows: list[list[Cell]] = field(default_factory=list)
    totals: list[Cell] | None = None
    note: str = ""

    def add(self, *cells: Cell | Any) -> None:
        self.rows.append([c if isinstance(c, Cell) else Cell(c) for c in cells])

    def column(self, key: str) -> list[Any]:
        """The values of one column, top to bottom (without the totals)."""
        index = [c.key for c in self.columns].index(key)
        return [row[index].value for row in self.rows]

    def value(self, row_label: Any, key: str) -> Any:
        """The value in the row whose first cell is `row_label`; for tests and charts."""
        index = [c.key for c in self.columns].index(key)
        for row in self.rows:
            if row[0].value == row_label:
                return row[index].value
        raise KeyError(row_label)


R = TypeVar("R")


@dataclass(frozen=True)
class RecordColumn(Generic[R]):
    """A column of a table that lists records (an export): its header and how a record gives
    its value. The label may be lazy: it is translated when the table is made."""

    key: str
    label: str | Promise
    value: Callable[[R], Any]
    kind: str = "text"


def records_table(
    key: str, title: str, columns: Sequence[RecordColumn[R]], records: Iterable[R]
) -> Table:
    """A table with a row for each record and a column for each of `columns`."""
    table = Table(key, title, [Column(c.key, str(c.label), c.kind) for c in columns])
    for record in records:
        table.add(*(column.value(record) for column in columns))
    return table


def display(value: Any, kind: str) -> str:
    """A value as the screen shows it, in the active language's number format."""
    if value is None:
        return "–"
    if kind == "percent":
        return f"{number_format(float(value) * 100, 1)} %"
    if kind == "decimal":
        return number_format(value, 1, force_grouping=True)
    if kind == "int" and isinstance(value, Number):
        return number_format(value, 0, force_grouping=True)
    return str(value)


def _all_rows(table: Table) -> list[list[Cell]]:
    return table.rows + ([table.totals] if table.totals else [])


def to_csv(table: Table) -> bytes:
    """CSV as Excel opens it directly: UTF-8 with BOM; in Dutch with `;` and decimal commas."""
    dutch = (get_language() or "nl").startswith("nl")
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";" if dutch else ",", lineterminator="\r\n")
    writer.writerow([_csv_text(c.label) for c in table.columns])
    for row in _all_rows(table):
        writer.writerow(
            [
                _csv_value(cell.value, col.kind, dutch)
                for cell, col in zip(row, table.columns, strict=True)
            ]
        )
    return ("\ufeff" + out.getvalue()).encode("utf-8")


# A spreadsheet runs a cell starting with one of these as a formula (OWASP, "CSV Injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _csv_value(value: Any, kind: str, dutch: bool) -> str:
    if value is None:
        return ""
    if isinstance(value, float | Decimal):
        text = f"{float(value):.4f}" if kind == "percent" else f"{float(value):.1f}"
        return text.replace(".", ",") if dutch else text
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)  # a number we counted: -3 stays a number
    return _csv_text(str(value))


def _csv_text(text: str) -> str:
    """Text as text: a leading quote keeps a spreadsheet from running it as a formula. Only
    text cells get it (names, notes, reasons: typed by people), never the numbers above."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def to_xlsx(table: Table) -> bytes:
    """One worksheet with a bold header, real numbers and percentage formats."""
    out = io.BytesIO()
    # Text is written with write_string, so it stays text; should anyone switch to write(),
    # these keep a text starting with = from becoming a formula (or a link).
    book = xlsxwriter.Workbook(
        out, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False}
    )
    sheet = book.add_worksheet(re.sub(r"[\[\]:*?/\\]", "", table.title)[:31])
    bold = book.add_format({"bold": True})
    formats = {
        "percent": book.add_format({"num_format": "0.0%"}),
        "decimal": book.add_format({"num_format": "0.0"}),
        "int": book.add_format({"num_format": "#,##0"}),
    }
    sheet.write_row(0, 0, [c.label for c in table.columns], bold)
    for r, row in enumerate(_all_rows(table), start=1):
        for c, (cell, col) in enumerate(zip(row, table.columns, strict=True)):
            if cell.value is None:
                continue
            if cell.numeric:
                sheet.write_number(r, c, float(cell.value), formats.get(col.kind))
            else:
                sheet.write_string(r, c, str(cell.value))
    sheet.set_column(0, 0, 28)
    sheet.set_column(1, max(len(table.columns) - 1, 1), 14)
    book.close()
    return out.getvalue()
