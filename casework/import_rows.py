"""Reading an import file: its columns, its rows, and each row checked against the rules.

The columns and formats are described in `casework/importer.py`.
"""

import csv
import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Membership, Team, User
from clients import rules
from participation.models import Rung
from phases.models import Phase


@dataclass(frozen=True)
class Column:
    """A column of the file: the client's field it fills, its heading in Dutch (the template's)
    and in English (either may be used), and whether every row must fill it."""

    field: str
    dutch: str
    english: str
    required: bool


FILE_COLUMNS = (
    Column("bsn", "bsn", "bsn", True),
    Column("first_name", "voornaam", "first_name", True),
    Column("last_name", "achternaam", "last_name", True),
    Column("date_of_birth", "geboortedatum", "date_of_birth", True),
    Column("regime", "regeling", "regime", True),
    Column("has_work_capacity", "arbeidsvermogen", "has_work_capacity", False),
    Column("in_service_since", "in_zorg_sinds", "in_service_since", True),
    Column("out_of_service_on", "uit_zorg_per", "out_of_service_on", False),
    Column("out_of_service_reason", "reden_uit_zorg", "out_of_service_reason", False),
    Column("team", "team", "team", True),
    Column("caseworker", "casemanager", "caseworker", False),
    Column("phases", "fasen", "phases", False),
    Column("rungs", "treden", "rungs", False),
)

# Each heading, Dutch or English, and the field it fills.
COLUMNS = {name: column.field for column in FILE_COLUMNS for name in (column.dutch, column.english)}


REQUIRED = tuple(column.field for column in FILE_COLUMNS if column.required)


YES = {"ja", "j", "yes", "y", "true", "1", "waar"}


NO = {"nee", "n", "no", "false", "0", "onwaar"}


# NUL (which PostgreSQL refuses to store) and other control characters: binary data, not text.
# A tab is let through; it may separate the columns.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")


@dataclass
class RowError:
    line: int
    column: str  # the field; "" for the line as a whole
    message: str
    heading: str = ""  # the column as the file names it (`Sheet.name_columns`)

    def __str__(self) -> str:
        column = self.heading or self.column
        if column:
            where = _("regel %(line)s, kolom %(column)s") % {"line": self.line, "column": column}
        else:
            where = _("regel %(line)s") % {"line": self.line}
        return f"{where}: {self.message}"


@dataclass
class Row:
    line: int
    values: dict[str, Any]
    phases: list[tuple[str, date]]
    rungs: list[tuple[date, int]] = field(default_factory=list)  # (day, rung) on the ladder


def decode(raw: bytes) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def parse_date(text: str) -> date:
    text = text.strip()
    for pattern in ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"):
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError(_("'%(text)s' is geen datum (JJJJ-MM-DD of DD-MM-JJJJ).") % {"text": text})


@dataclass
class Sheet:
    """What the file holds: each data row by its line number, keyed by field, the lines that
    cannot be read as CSV, and each recognised column's heading as the file writes it."""

    rows: list[tuple[int, dict[str, str]]]
    unreadable: list[RowError]
    headings: dict[str, str]
    columns: tuple[Column, ...] = FILE_COLUMNS  # what the file holds: clients, or another kind

    def english(self) -> bool:
        """Whether the file names its columns in English (the headings that differ)."""
        written = {heading.lower().replace(" ", "_") for heading in self.headings.values()}
        dutch = sum(c.dutch in written for c in self.columns if c.dutch != c.english)
        return sum(c.english in written for c in self.columns if c.dutch != c.english) > dutch

    def heading(self, field: str) -> str:
        """The column of `field` as the file names it; a missing one in the file's language."""
        if field in self.headings:
            return self.headings[field]
        column = next((c for c in self.columns if c.field == field), None)
        if column is None:
            return field
        return column.english if self.english() else column.dutch

    def name_columns(self, errors: list[RowError]) -> None:
        for error in errors:
            if error.column:
                error.heading = self.heading(error.column)


def read_rows(text: str, columns: tuple[Column, ...] = FILE_COLUMNS) -> Sheet:
    """The file's rows by line number, its unreadable lines (a field over the csv module's
    131,072 characters) and its headings, for a file with `columns`."""
    known = {name: column.field for column in columns for name in (column.dutch, column.english)}
    first_line = re.split(r"\r\n|\r|\n", text, maxsplit=1)[0]
    delimiter = max(";,\t", key=first_line.count)
    # newline="": lines may end in CR LF, LF, or a lone CR (older Mac files).
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    names: list[str] | None = None
    sheet = Sheet(rows=[], unreadable=[], headings={}, columns=columns)
    while True:
        try:
            values = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            # The reader goes on with the next line; report this one and read on.
            sheet.unreadable.append(RowError(reader.line_num, "", _unreadable(error)))
            continue
        if names is None:
            names = [known.get(name.strip().lower().replace(" ", "_"), "") for name in values]
            written = zip(names, values, strict=True)
            sheet.headings = {field: heading.strip() for field, heading in written if field}
            continue
        if not any(value.strip() for value in values):
            continue
        sheet.rows.append((reader.line_num, dict(zip(names, values, strict=False))))
    return sheet


def _unreadable(error: csv.Error) -> str:
    if "field limit" in str(error):  # the csv module's only word on it is its message
        return _("Een veld op deze regel is te lang (meer dan %(limit)s tekens).") % {
            "limit": f"{csv.field_size_limit():,}".replace(",", ".")
        }
    return _("Deze regel is geen leesbare CSV.")


@dataclass
class Known:
    """What the rows are checked against, read once per file: teams by lower-case name, active
    users by lower-case username, and every (user id, team id) membership."""

    teams: dict[str, Team]
    users: dict[str, User]
    members: set[tuple[int, int]]
    today: date

    @classmethod
    def read(cls) -> "Known":
        return cls(
            teams={team.name.lower(): team for team in Team.objects.all()},
            users={user.username.lower(): user for user in User.objects.filter(is_active=True)},
            members=set(Membership.objects.values_list("user_id", "team_id")),
            today=timezone.localdate(),
        )


def check_row(line: int, cells: dict[str, str], known: Known, errors: list[RowError]) -> Row | None:
    """The row's values, typed and checked by the rules every new client meets
    (`clients.rules`); None (and errors added) when anything is wrong."""
    found: dict[str, list[str]] = {}

    def fail(column: str, message: str) -> None:
        found.setdefault(column, []).append(message)

    for column, text in cells.items():
        if column and CONTROL_CHARACTERS.search(text):
            fail(column, _("Bevat tekens die geen tekst zijn (zoals NUL of stuurtekens)."))
    if found:  # no further checks on binary data: they would only repeat it
        errors.extend(RowError(line, c, m) for c, messages in found.items() for m in messages)
        return None
    for column in REQUIRED:
        if not (cells.get(column) or "").strip():
            fail(column, _("Dit veld is verplicht."))
    values = _read_values(cells, known, fail)
    phases = _parse_phases(cells.get("phases") or "", known.today, fail)
    born = values["date_of_birth"]
    rungs = parse_rungs(cells.get("rungs") or "", born=born, today=known.today, fail=fail)
    checked = rules.client_errors(values, members=known.members, today=known.today)
    for column, messages in checked.items():
        if column not in found:  # one problem per column: what the file itself says comes first
            found[column] = messages
    errors.extend(RowError(line, c, m) for c, messages in found.items() for m in messages)
    return None if found else Row(line, values, phases, rungs)


def _read_values(cells: dict[str, str], known: Known, fail: Callable[[str, str], None]) -> dict:
    """The cells as a client's values: text trimmed, dates, yes or no, the team and the
    contact person looked up by name. What cannot be read is reported through `fail`."""
    values: dict[str, Any] = {
        "bsn": (cells.get("bsn") or "").strip().replace(" ", ""),
        "first_name": (cells.get("first_name") or "").strip(),
        "last_name": (cells.get("last_name") or "").strip(),
        "regime": (cells.get("regime") or "").strip().lower(),
        "out_of_service_reason": (cells.get("out_of_service_reason") or "").strip().lower(),
    }
    for column in ("date_of_birth", "in_service_since", "out_of_service_on"):
        text = (cells.get(column) or "").strip()
        values[column] = None
        if text:
            try:
                values[column] = parse_date(text)
            except ValueError as error:
                fail(column, str(error))
    if values["date_of_birth"] and values["date_of_birth"] < date(1900, 1, 1):
        fail("date_of_birth", _("De geboortedatum ligt niet tussen 1900 en vandaag."))
    capacity = (cells.get("has_work_capacity") or "ja").strip().lower()
    if capacity not in YES | NO:
        fail("has_work_capacity", _("Vul ja of nee in."))
    values["has_work_capacity"] = capacity in YES
    name = (cells.get("team") or "").strip()
    values["team"] = known.teams.get(name.lower())
    if name and values["team"] is None:
        fail("team", _("Onbekend team '%(name)s'.") % {"name": name})
    username = (cells.get("caseworker") or "").strip().lower()
    values["caseworker"] = known.users.get(username) if username else None
    if username and values["caseworker"] is None:
        fail("caseworker", _("Onbekende casemanager '%(name)s'.") % {"name": username})
    return values


def _parse_phases(
    text: str, today: date, fail: Callable[[str, str], None]
) -> list[tuple[str, date]]:
    phases: list[tuple[str, date]] = []
    for part in (p.strip() for p in text.split("|") if p.strip()):
        code, _colon, day = part.partition(":")
        try:
            started = parse_date(day)
        except ValueError as error:
            fail("phases", str(error))
            continue
        if code.strip() not in Phase.values:
            fail("phases", _("Onbekende fase '%(code)s'.") % {"code": code.strip()})
        elif started > today:
            fail("phases", _("Een fase kan niet in de toekomst beginnen."))
        elif phases and (started <= phases[-1][1] or code.strip() == phases[-1][0]):
            fail("phases", _("De fasen staan niet in volgorde of herhalen dezelfde fase."))
        else:
            phases.append((code.strip(), started))
    return phases


def parse_rungs(
    text: str, *, born: date | None, today: date, fail: Callable[[str, str], None]
) -> list[tuple[date, int]]:
    """The rungs of the cell, each with its day; what cannot be read is reported on `rungs`."""
    rungs: list[tuple[date, int]] = []
    for part in (p.strip() for p in text.split("|") if p.strip()):
        code, _colon, written = part.partition(":")
        try:
            day = parse_date(written)
        except ValueError as error:
            fail("rungs", str(error))
            continue
        code = code.strip()
        if not (code.isascii() and code.isdigit()) or int(code) not in Rung.values:
            fail("rungs", _("Onbekende trede '%(code)s'; kies 1 tot en met 6.") % {"code": code})
        elif day > today:
            fail("rungs", _("Een trede kan niet in de toekomst zijn vastgesteld."))
        elif born is not None and day < born:
            fail("rungs", _("Een trede ligt vóór de geboortedatum."))
        else:
            rungs.append((day, int(code)))
    return rungs
