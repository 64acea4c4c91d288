"""The form of an employer's numbers: the payroll tax number and the KvK number."""

import re
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from common.plausible import Plausible

# Loonheffingennummer: the 9 digits of the tax number, `L`, and a 2-digit sequence number.
PAYROLL_TAX_NUMBER = re.compile(r"[0-9]{9}L[0-9]{2}")
PAYROLL_TAX_NUMBER_PATTERN = r"^[0-9]{9}[Ll][0-9]{2}$"  # as a request may send it
KVK_NUMBER = re.compile(r"[0-9]{8}")


def normalise_payroll_tax_number(value: str) -> str:
    """As written on a payslip, in either case, with spaces or dots: `123456789L01`."""
    return "".join(value.split()).replace(".", "").upper()


def validate_payroll_tax_number(value: str) -> None:
    if not PAYROLL_TAX_NUMBER.fullmatch(value):
        raise ValidationError(
            _(
                "Een loonheffingennummer bestaat uit 9 cijfers, de letter L en 2 cijfers, "
                "bijvoorbeeld 123456789L01."
            ),
            code="payroll_tax_number",
        )


def validate_kvk_number(value: str) -> None:
    if value and not KVK_NUMBER.fullmatch(value):
        raise ValidationError(_("Een KvK-nummer bestaat uit 8 cijfers."), code="kvk_number")


MAX_HOURS_PER_WEEK = 80


def validate_hours_per_week(value: Decimal) -> None:
    if not 0 < value <= MAX_HOURS_PER_WEEK:
        raise ValidationError(
            _("Geef de uren per week: meer dan 0 en hoogstens %(max)d.")
            % {"max": MAX_HOURS_PER_WEEK},
            code="hours_per_week",
        )


def validate_percent(value: int) -> None:
    if not 0 <= value <= 100:
        raise ValidationError(_("Geef een percentage van 0 tot en met 100."), code="percent")


# The dates each work record takes, by field: its API serializer, its web forms, the import
# and the services (naming the date when it lies before the client's birth) read these.
JOB_DATES = {
    "started_on": Plausible(gettext_lazy("De startdatum"), future_years=1),
    "planned_end_on": Plausible(gettext_lazy("De geplande einddatum"), future_years=10),
    "ended_on": Plausible(gettext_lazy("De laatste werkdag")),
}
RENEWAL_DATES = {
    "renewed_on": Plausible(gettext_lazy("De verlengdatum")),
    "new_planned_end_on": Plausible(gettext_lazy("De nieuwe einddatum"), future_years=10),
}
PROVISION_DATES = {
    "applied_on": Plausible(gettext_lazy("De aanvraagdatum")),
    "decided_on": Plausible(gettext_lazy("De besluitdatum")),
    "valid_from": Plausible(gettext_lazy("De ingangsdatum"), future_years=2),
    "valid_until": Plausible(gettext_lazy("De einddatum"), future_years=10),
    "review_on": Plausible(gettext_lazy("De herbeoordelingsdatum"), future_years=10),
}
