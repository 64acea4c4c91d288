"""Employers: adding one, known by its payroll tax number."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from common.history import save_with_history

from ..models import Employer
from ..validators import normalise_payroll_tax_number
from .shared import field_errors


def create_employer(
    *,
    name: str,
    payroll_tax_number: str,
    by: User,
    kvk_number: str = "",
    change_reason: str = "",
) -> Employer:
    """Add an employer. The payroll tax number is stored as `123456789L01` (upper case, no
    spaces); one that is already known is refused with the employer that has it. An employer
    is no client's record: nothing is announced."""
    employer = Employer(
        name=name.strip(),
        payroll_tax_number=normalise_payroll_tax_number(payroll_tax_number),
        kvk_number="".join(kvk_number.split()),
        recorded_by=by,
    )
    with transaction.atomic():
        known = (
            Employer.objects.select_for_update()
            .filter(payroll_tax_number=employer.payroll_tax_number)
            .first()
        )
        if known is not None:
            raise ValidationError(
                {
                    "payroll_tax_number": _(
                        "Dit loonheffingennummer hoort al bij werkgever %(name)s."
                    )
                    % {"name": known.name}
                }
            )
        field_errors(employer)
        return save_with_history(
            employer, by=by, change_reason=change_reason or _("Werkgever toegevoegd")
        )
