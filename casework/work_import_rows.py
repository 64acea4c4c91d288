"""The columns of the employer and job files, and reading a row's cells into typed values.

The rules themselves (a temporary contract has a planned end, an end lies after the start ...)
are the work services'; here only what a cell alone can tell: a date, a number, a known code.
"""

from collections.abc import Callable
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db.models import TextChoices
from django.utils.translation import gettext as _

from common.plausible import long_date
from work.models import Contract, Employer, Job
from work.validators import JOB_DATES, normalise_payroll_tax_number

from .import_rows import Column, parse_date

EMPLOYER_COLUMNS = (
    Column("payroll_tax_number", "loonheffingennummer", "payroll_tax_number", True),
    Column("name", "naam", "name", True),
    Column("kvk_number", "kvk_nummer", "kvk_number", False),
)
JOB_COLUMNS = (
    Column("bsn", "bsn", "bsn", True),
    Column("kind", "soort", "kind", True),
    Column("employer", "werkgever", "employer", False),
    Column("contract", "contract", "contract", False),
    Column("hours_per_week", "uren_per_week", "hours_per_week", False),
    Column("started_on", "begindatum", "started_on", True),
    Column("planned_end_on", "geplande_einddatum", "planned_end_on", False),
    Column("ended_on", "einddatum", "ended_on", False),
    Column("end_reason", "reden_einde", "end_reason", False),
    Column("placed_by", "geplaatst_door", "placed_by", True),
)
# The choice columns of a job and their choices: a cell holds the code or the Dutch label.
JOB_CHOICES: dict[str, type[TextChoices]] = {
    "kind": Job.Kind,
    "contract": Contract,
    "end_reason": Job.EndReason,
    "placed_by": Job.PlacedBy,
}
DATES = ("started_on", "planned_end_on", "ended_on")

Fail = Callable[[str, str], None]


def required_missing(columns: tuple[Column, ...], cells: dict[str, str], fail: Fail) -> None:
    for column in columns:
        if column.required and not (cells.get(column.field) or "").strip():
            fail(column.field, _("Dit veld is verplicht."))


def choice(field: str, text: str, fail: Fail) -> str:
    """The code of a choice written as its code or its label, in any case; "" when empty."""
    text = text.strip().lower()
    if not text:
        return ""
    for code, label in JOB_CHOICES[field].choices:
        if text in (str(code).lower(), str(label).lower()):
            return str(code)
    fail(field, _("Onbekende waarde '%(text)s'.") % {"text": text})
    return ""


def hours(text: str, fail: Fail) -> Decimal | None:
    text = text.strip().replace(",", ".")
    if not text:
        return None
    try:
        return Decimal(text)
    except InvalidOperation:
        fail("hours_per_week", _("'%(text)s' is geen aantal uren.") % {"text": text})
        return None


def a_date(field: str, text: str, fail: Fail) -> date | None:
    """The cell's date, in the range the job's forms and API take (`JOB_DATES`)."""
    if not text.strip():
        return None
    try:
        day = parse_date(text)
    except ValueError as error:
        fail(field, str(error))
        return None
    refusal = JOB_DATES[field].refusal(day)
    if refusal is not None:
        fail(field, refusal)
        return None
    return day


def job_values(cells: dict[str, str], fail: Fail) -> dict[str, Any]:
    """A job row's cells as values: the BSN, the employer's payroll tax number (normalised),
    the choices as codes, the hours and the dates."""
    values: dict[str, Any] = {
        "bsn": (cells.get("bsn") or "").strip().replace(" ", ""),
        "employer": normalise_payroll_tax_number(cells.get("employer") or ""),
        "hours_per_week": hours(cells.get("hours_per_week") or "", fail),
    }
    for field in JOB_CHOICES:
        values[field] = choice(field, cells.get(field) or "", fail)
    for field in DATES:
        values[field] = a_date(field, cells.get(field) or "", fail)
    return values


def employer_values(cells: dict[str, str]) -> dict[str, str]:
    return {
        "payroll_tax_number": normalise_payroll_tax_number(cells.get("payroll_tax_number") or ""),
        "name": (cells.get("name") or "").strip(),
        "kvk_number": "".join((cells.get("kvk_number") or "").split()),
    }


# A row's fields that must match the known job it names (its end may be added).
COMPARED = ("kind", "employer", "contract", "hours_per_week", "planned_end_on", "placed_by")
ENDING = ("ended_on", "end_reason")


def _shown(job: Job, field: str) -> str:
    """A stored job's value as a message shows it."""
    value = getattr(job, field)
    if value is None or value == "":
        return str(_("leeg"))
    if isinstance(value, Employer):
        return value.payroll_tax_number
    if isinstance(value, date):
        return long_date(value)
    if isinstance(value, Decimal):
        return str(value.normalize()).replace(".", ",")
    return str(getattr(job, f"get_{field}_display")())


def _blank(value: Any) -> Any:
    return None if value is None or value == "" else value


def differences(
    known: Job, values: dict[str, Any], employer: Employer | None
) -> dict[str, list[str]]:
    """The fields of a row that differ from the known job it names, each with a message that
    gives the stored value. An end given for a job still running is no difference: it ends
    the job."""
    row = values | {"employer": employer}
    ends_it = known.ended_on is None and row["ended_on"] is not None
    return {
        field: [
            _("Wijkt af van het vastgelegde werk (%(stored)s); er wordt niets overschreven.")
            % {"stored": _shown(known, field)}
        ]
        for field in (COMPARED if ends_it else (*COMPARED, *ENDING))
        if _blank(row[field]) != _blank(getattr(known, field))
    }
