"""Employers: adding one, known by its payroll tax number."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from accounts.models import User
from common.history import save_with_history

from ..models import Employer
from ..validators import normalise_payroll_tax_number
from .shared import field_errors


def _known(payroll_tax_number: str) -> Employer | None:
    return (
        Employer.objects.select_for_update().filter(payroll_tax_number=payroll_tax_number).first()
    )


def _taken(known: Employer) -> ValidationError:
    return ValidationError(
        {
            "payroll_tax_number": _("Dit loonheffingennummer hoort al bij werkgever %(name)s.")
            % {"name": known.name}
        }
    )


def create_employer(
    *,
    name: str,
    payroll_tax_number: str,
    by: User,
    kvk_number: str = "",
    change_reason: str = "",
) -> Employer:
    """Add an employer. The payroll tax number is stored as `123456789L01` (upper case, no
    spaces); one that is already known is refused with the employer that has it, also when
    another request added it between the look and the write (the unique index refuses it
    then). An employer is no client's record: nothing is announced."""
    employer = Employer(
        name=name.strip(),
        payroll_tax_number=normalise_payroll_tax_number(payroll_tax_number),
        kvk_number="".join(kvk_number.split()),
        recorded_by=by,
    )
    number = employer.payroll_tax_number
    with transaction.atomic():
        known = _known(number)
        if known is not None:
            raise _taken(known)
        field_errors(employer)
        why = change_reason or _("Werkgever toegevoegd")
        try:
            with transaction.atomic():  # a savepoint, so that the refusal can be read after it
                return save_with_history(employer, by=by, change_reason=why)
        except IntegrityError as error:
            known = Employer.objects.filter(payroll_tax_number=number).first()
            if known is None:
                raise
            raise _taken(known) from error


def employer_for(
    *, payroll_tax_number: str, name: str, by: User, change_reason: str = ""
) -> Employer:
    """The employer with this payroll tax number: the known one (also when another request
    added it a moment ago), else a new one named `name`."""
    try:
        return create_employer(
            name=name, payroll_tax_number=payroll_tax_number, by=by, change_reason=change_reason
        )
    except ValidationError:
        number = normalise_payroll_tax_number(payroll_tax_number)
        known = Employer.objects.filter(payroll_tax_number=number).first()
        if known is None:
            raise
        return known
