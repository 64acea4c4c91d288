from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


def is_nine_ascii_digits(value: str) -> bool:
    # str.isdigit() alone would let through '²' and other scripts' digits.
    return len(value) == 9 and value.isascii() and value.isdigit()


def bsn_passes_eleven_test(value: str) -> bool:
    """The BSN 11-test: 9*d1 + 8*d2 + ... + 2*d8 - 1*d9 is a multiple of 11 (and not 0)."""
    if not is_nine_ascii_digits(value):
        return False
    total = sum(int(value[i]) * (9 - i) for i in range(8)) - int(value[8])
    return total % 11 == 0 and total != 0


def validate_bsn(value: str) -> None:
    if not is_nine_ascii_digits(value):
        raise ValidationError(_("Een BSN bestaat uit precies 9 cijfers."), code="bsn_format")
    if not bsn_passes_eleven_test(value):
        raise ValidationError(
            _("Dit BSN is ongeldig: het voldoet niet aan de elfproef."), code="bsn_eleven_test"
        )
