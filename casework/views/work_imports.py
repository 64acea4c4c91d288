"""The employer and job files as the import page explains them: each column, its valid
values, and the template's made-up example row."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from casework.import_rows import Column
from casework.work_import_rows import EMPLOYER_COLUMNS, JOB_CHOICES, JOB_COLUMNS

__all__ = [
    "EMPLOYER_COLUMNS",
    "EMPLOYER_EXAMPLE",
    "JOB_COLUMNS",
    "JOB_EXAMPLE",
    "ColumnHelp",
    "employer_column_help",
    "job_column_help",
]

# Made up: importing the job example unchanged writes nothing (the BSN is a test number that
# no client has); the employer example must be replaced, as the page says.
EMPLOYER_EXAMPLE = {
    "payroll_tax_number": "123456789L01",
    "name": "Voorbeeld Werkgever B.V.",
    "kvk_number": "12345678",
}
JOB_EXAMPLE = {
    "bsn": "999999990",
    "kind": "regular",
    "employer": "123456789L01",
    "contract": "temporary",
    "hours_per_week": "24",
    "started_on": "01-03-2025",
    "planned_end_on": "28-02-2026",
    "ended_on": "",
    "end_reason": "",
    "placed_by": "uwv",
}


@dataclass
class ColumnHelp:
    """A column of the file as the import page explains it."""

    column: Column
    explanation: str
    values: list[str]


def employer_column_help() -> list[ColumnHelp]:
    explanations = {
        "payroll_tax_number": _(
            "9 cijfers, de letter L en 2 cijfers, zoals 123456789L01. Een bekend nummer "
            "wordt overgeslagen."
        ),
        "name": _("De naam van de werkgever."),
        "kvk_number": _("8 cijfers; mag leeg."),
    }
    return [ColumnHelp(c, explanations[c.field], []) for c in EMPLOYER_COLUMNS]


def _choices(field: str) -> list[str]:
    return [f"{code} ({label})" for code, label in JOB_CHOICES[field].choices]


def job_column_help() -> list[ColumnHelp]:
    date = _("Een datum als 31-12-2021 (DD-MM-JJJJ); 2021-12-31 mag ook.")
    code = _("De code of de omschrijving:")
    explanations = {
        "bsn": (_("Het BSN van een cliënt uit uw teams."), []),
        "kind": (code, _choices("kind")),
        "employer": (
            _(
                "Het loonheffingennummer van een bekende werkgever (importeer nieuwe eerst als "
                "werkgevers); leeg bij zelfstandig werk."
            ),
            [],
        ),
        "contract": (
            _("Leeg bij zelfstandig werk, anders de code of omschrijving:"),
            _choices("contract"),
        ),
        "hours_per_week": (_("Een getal, zoals 24 of 18,5; mag leeg."), []),
        "started_on": (
            date
            + " "
            + _("Met de cliënt en de werkgever herkent het de baan bij een nieuwe import."),
            [],
        ),
        "planned_end_on": (_("Verplicht bij een tijdelijk contract of uitzendcontract."), []),
        "ended_on": (
            _(
                "De laatste werkdag, als het werk voorbij is; een bekende lopende baan wordt "
                "dan beëindigd."
            ),
            [],
        ),
        "end_reason": (
            _("Verplicht bij een einddatum; de code of omschrijving:"),
            _choices("end_reason"),
        ),
        "placed_by": (code, _choices("placed_by")),
    }
    return [ColumnHelp(c, *explanations[c.field]) for c in JOB_COLUMNS]
