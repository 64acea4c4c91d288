from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


def validate_phase_codes(value: str) -> None:
    """Phase codes as a sorted string without repeats, e.g. "23" for phases 2 and 3."""
    if not value or any(c not in "1234" for c in value) or "".join(sorted(set(value))) != value:
        raise ValidationError(
            _("Geef de fasen op als oplopende cijfers 1 tot en met 4, bijvoorbeeld 23."),
            code="phase_codes",
        )
