from datetime import date

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _


def validate_phase_codes(value: str) -> None:
    """Phase codes as a sorted string without repeats, e.g. "23" for phases 2 and 3."""
    if not value or any(c not in "1234" for c in value) or "".join(sorted(set(value))) != value:
        raise ValidationError(
            _("Geef de fasen op als oplopende cijfers 1 tot en met 4, bijvoorbeeld 23."),
            code="phase_codes",
        )


def not_in_future(day: date | None, field: str, message: str) -> None:
    """Refuse `day` on `field` with `message` when it lies after today."""
    if day is not None and day > timezone.localdate():
        raise ValidationError({field: message})
