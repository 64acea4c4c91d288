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


# Separators people write in phone numbers; what remains must be digits with at most a leading +.
PHONE_SEPARATORS = str.maketrans("", "", " -.()/")


def compact_phone(value: str) -> str:
    return value.translate(PHONE_SEPARATORS)


def validate_phone(value: str) -> None:
    """A Dutch number (10 digits from 0) or an international one (+ or 00, 8-15 digits)."""
    digits = compact_phone(value)
    international = digits.startswith(("+", "00"))
    rest = digits.removeprefix("+").removeprefix("00") if international else digits
    valid = (
        rest.isascii()
        and rest.isdigit()
        and (8 <= len(rest) <= 15 if international else len(rest) == 10 and rest.startswith("0"))
    )
    if not valid:
        raise ValidationError(
            _("Geef een telefoonnummer van 10 cijfers (06 12345678) of met landcode (+32 …)."),
            code="phone",
        )


def normal_postcode(value: str) -> str:
    """'1234ab' and '1234 AB' both become '1234 AB'."""
    compact = value.replace(" ", "").upper()
    return f"{compact[:4]} {compact[4:]}" if len(compact) == 6 else value.strip()


def validate_postcode(value: str) -> None:
    compact = value.replace(" ", "")
    valid = (
        len(compact) == 6
        and compact[:4].isascii()
        and compact[:4].isdigit()
        and compact[0] != "0"
        and compact[4:].isascii()
        and compact[4:].isalpha()
    )
    if not valid:
        raise ValidationError(_("Geef een postcode als 1234 AB."), code="postcode")
