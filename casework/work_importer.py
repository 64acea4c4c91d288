"""Importing employers and jobs from a CSV file (a region's payroll data), all or nothing.

Employers: `loonheffingennummer`/`payroll_tax_number`, `naam`/`name`, `kvk_nummer`/`kvk_number`.
Jobs: `bsn`, `soort`/`kind`, `werkgever`/`employer` (its payroll tax number), `contract`,
`uren_per_week`/`hours_per_week`, `begindatum`/`started_on`, `geplande_einddatum`/
`planned_end_on`, `einddatum`/`ended_on` (the last day worked), `reden_einde`/`end_reason`,
`geplaatst_door`/`placed_by`; the columns and their values are in `work_import_rows`.

Every row goes through the work services (`create_employer`, `record_job`, `end_job`), so it
meets the rules every screen does and is written with its history (reason "import <file>").
All rows are tried in one transaction, each in a savepoint; one bad row and the whole
transaction is rolled back, every bad row reported with its line and the column as the file
names it. Importing the same file again adds nothing: an employer is known by its payroll tax
number, a job by its client, employer (or self-employment) and first day; a known running job
that the file gives an end is ended. A row that names a known job but differs from it in any
other field is refused naming those fields: nothing is overwritten. Jobs only of clients the
user may change (their teams'): a BSN outside them reads as unknown, and no message names a
BSN.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, cast

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from clients.models import Client
from clients.permissions import may_edit_client_files
from work.models import Employer, Job
from work.services.employers import create_employer
from work.services.jobs import end_job, record_job
from work.validators import normalise_payroll_tax_number

from .import_rows import CONTROL_CHARACTERS, Column, RowError, Sheet, decode, read_rows
from .importer import ImportResult, record_run
from .work_import_rows import (
    EMPLOYER_COLUMNS,
    JOB_COLUMNS,
    differences,
    employer_values,
    job_values,
    required_missing,
)

CREATED, UPDATED, UNCHANGED = "created", "updated", "unchanged"


class RowRefused(Exception):
    def __init__(self, errors: dict[str, list[str]]):
        self.errors = errors


class RollBack(Exception):
    """Leave the import's transaction without writing anything."""


@dataclass
class Run:
    """What one file's rows are checked against, read once."""

    by: User | None
    change_reason: str
    clients: dict[str, Client] = field(default_factory=dict)
    employers: dict[str, Employer] = field(default_factory=dict)
    seen: dict[Any, int] = field(default_factory=dict)  # a row's identity -> its line

    @property
    def user(self) -> User:
        """Who writes; None (a command) is recorded as nobody, as in the client import."""
        return cast(User, self.by)


def import_employers(
    raw: bytes, *, filename: str, by: User | None, dry_run: bool = False
) -> ImportResult:
    return _import(raw, EMPLOYER_COLUMNS, _employer_row, filename=filename, by=by, dry_run=dry_run)


def import_jobs(
    raw: bytes, *, filename: str, by: User | None, dry_run: bool = False
) -> ImportResult:
    return _import(raw, JOB_COLUMNS, _job_row, filename=filename, by=by, dry_run=dry_run)


RowWriter = Callable[[int, dict[str, str], Run], str]


def _import(
    raw: bytes,
    columns: tuple[Column, ...],
    write_row: RowWriter,
    *,
    filename: str,
    by: User | None,
    dry_run: bool,
) -> ImportResult:
    result = ImportResult(dry_run=dry_run)
    sheet = read_rows(decode(raw), columns)
    missing = [
        sheet.heading(c.field) for c in columns if c.required and c.field not in sheet.headings
    ]
    if missing:
        result.errors.append(
            RowError(1, "", _("Kolommen ontbreken: %(cols)s.") % {"cols": ", ".join(missing)})
        )
    else:
        result.rows = len(sheet.rows) + len(sheet.unreadable)
        result.errors.extend(sheet.unreadable)
        _write_all(sheet, write_row, _prepare(sheet, by, filename), result)
    sheet.name_columns(result.errors)
    result.errors.sort(key=lambda error: error.line)
    return record_run(result, filename, by)


def _prepare(sheet: Sheet, by: User | None, filename: str) -> Run:
    """The clients the file names that the user may change, and the employers it names."""
    run = Run(by=by, change_reason=_("import %(file)s") % {"file": filename})
    cells = [row for _line, row in sheet.rows]
    bsns = [(row.get("bsn") or "").strip().replace(" ", "") for row in cells]
    if by is None:
        clients = Client.objects.all()
    elif may_edit_client_files(by):
        clients = Client.objects.visible_to(by)
    else:
        clients = Client.objects.none()
    run.clients = {c.bsn: c for c in clients.filter(bsn__in=[b for b in bsns if b])}
    numbers = [
        normalise_payroll_tax_number(row.get(column) or "")
        for row in cells
        for column in ("employer", "payroll_tax_number")  # a job's employer, an employer's
    ]
    run.employers = {
        e.payroll_tax_number: e for e in Employer.objects.filter(payroll_tax_number__in=numbers)
    }
    return run


def _write_all(sheet: Sheet, write_row: RowWriter, run: Run, result: ImportResult) -> None:
    """Every row in a savepoint of one transaction, rolled back when any row failed."""
    counts = {CREATED: 0, UPDATED: 0, UNCHANGED: 0}
    try:
        with transaction.atomic():
            for line, cells in sheet.rows:
                try:
                    with transaction.atomic():
                        counts[_write_row(line, cells, write_row, run)] += 1
                except RowRefused as refused:
                    for column, messages in refused.errors.items():
                        result.errors.extend(RowError(line, column, m) for m in messages)
            if result.errors or result.dry_run:
                raise RollBack
    except RollBack:
        if result.errors:
            return
    result.created, result.updated = counts[CREATED], counts[UPDATED]
    result.unchanged = counts[UNCHANGED]


def _write_row(line: int, cells: dict[str, str], write_row: RowWriter, run: Run) -> str:
    if any(CONTROL_CHARACTERS.search(text) for column, text in cells.items() if column):
        raise RowRefused({"": [_("Bevat tekens die geen tekst zijn (zoals NUL of stuurtekens).")]})
    try:
        return write_row(line, cells, run)
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            raise RowRefused(
                {("" if f == "__all__" else f): m for f, m in error.message_dict.items()}
            ) from error
        raise RowRefused({"": error.messages}) from error


def _refuse_found(found: dict[str, list[str]]) -> None:
    if found:
        raise RowRefused(found)


def _failer(found: dict[str, list[str]]) -> Callable[[str, str], None]:
    def fail(column: str, message: str) -> None:
        found.setdefault(column, []).append(message)

    return fail


def _seen_before(run: Run, key: Any, line: int, column: str, message: str) -> None:
    if key in run.seen:
        raise RowRefused({column: [message % {"line": run.seen[key]}]})
    run.seen[key] = line


def _employer_row(line: int, cells: dict[str, str], run: Run) -> str:
    found: dict[str, list[str]] = {}
    required_missing(EMPLOYER_COLUMNS, cells, _failer(found))
    _refuse_found(found)
    values = employer_values(cells)
    number = values["payroll_tax_number"]
    message = _("Dit loonheffingennummer staat ook op regel %(line)s.")
    _seen_before(run, number, line, "payroll_tax_number", message)
    if number in run.employers:
        return UNCHANGED
    run.employers[number] = create_employer(
        **values,
        by=run.user,
        change_reason=run.change_reason,
    )
    return CREATED


def _known_job(
    client: Client, employer: Employer | None, values: dict[str, Any]
) -> tuple[Job | None, tuple[Any, ...]]:
    """The job a row names, and the key it is known by: the client's employer job at that
    employer from that day, or self-employment from that day. The rest of the row is
    compared, not looked up by."""
    on = values["started_on"]
    jobs = Job.objects.filter(client=client, started_on=on)
    if values["kind"] == Job.Kind.SELF_EMPLOYED:
        return jobs.filter(kind=Job.Kind.SELF_EMPLOYED).first(), (client.pk, "", on)
    if employer is None:
        return None, (client.pk, None, on)
    return jobs.filter(employer=employer).first(), (client.pk, employer.pk, on)


def _job_row(line: int, cells: dict[str, str], run: Run) -> str:
    found: dict[str, list[str]] = {}
    fail = _failer(found)
    required_missing(JOB_COLUMNS, cells, fail)
    values = job_values(cells, fail)
    client = run.clients.get(values["bsn"])
    if values["bsn"] and client is None:
        fail("bsn", _("Geen cliënt met dit BSN in de teams waarvan u dossiers bijwerkt."))
    employer = run.employers.get(values["employer"]) if values["employer"] else None
    if values["employer"] and employer is None:
        fail("employer", _("Onbekende werkgever; importeer eerst de werkgevers."))
    _refuse_found(found)
    assert client is not None
    known, key = _known_job(client, employer, values)
    message = _("Dit werk (zelfde cliënt, werkgever en begindatum) staat ook op regel %(line)s.")
    _seen_before(run, key, line, "started_on", message)
    if known is None:
        fields = {k: v for k, v in values.items() if k not in ("bsn", "employer")}
        record_job(
            client=client, employer=employer, by=run.user, change_reason=run.change_reason, **fields
        )
        return CREATED
    _refuse_found(differences(known, values, employer))
    if known.ended_on is None and values["ended_on"]:
        end_job(
            job=known,
            ended_on=values["ended_on"],
            end_reason=values["end_reason"],
            by=run.user,
            change_reason=run.change_reason,
        )
        return UPDATED
    return UNCHANGED
