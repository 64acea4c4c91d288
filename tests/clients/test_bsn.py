"""The BSN 11-test: 9*d1 + 8*d2 + ... + 2*d8 - 1*d9 is a multiple of 11 (and not 0)."""

import pytest
from django.core.exceptions import ValidationError

from clients.validators import bsn_passes_eleven_test, validate_bsn
from tests.factories import make_bsn

# Checked by hand: 111222333 -> 9+8+7+12+10+8+9+6-3 = 66 = 6*11;
# 123456782 -> 9+16+21+24+25+24+21+16-2 = 154 = 14*11.
VALID_BSNS = ["111222333", "123456782"]


@pytest.mark.parametrize("bsn", VALID_BSNS)
def test_valid_bsn_passes_the_eleven_test(bsn):
    assert bsn_passes_eleven_test(bsn)


@pytest.mark.parametrize("bsn", VALID_BSNS)
def test_valid_bsn_is_accepted_by_the_validator(bsn):
    validate_bsn(bsn)  # raises on failure


@pytest.mark.parametrize("position", range(9))
def test_bsn_with_one_changed_digit_fails_the_eleven_test(position):
    """The 11-test catches every single-digit typo, in any position."""
    valid = "123456782"
    changed_digit = str((int(valid[position]) + 1) % 10)
    typo = valid[:position] + changed_digit + valid[position + 1 :]

    assert not bsn_passes_eleven_test(typo)


def test_bsn_with_one_changed_digit_is_refused_with_the_eleven_test_message():
    with pytest.raises(ValidationError) as excinfo:
        validate_bsn("123456783")

    assert excinfo.value.code == "bsn_eleven_test"
    assert "elfproef" in excinfo.value.messages[0]


@pytest.mark.parametrize(
    "bsn",
    ["12345678", "1234567820"],
    ids=["eight_digits", "ten_digits"],
)
def test_bsn_of_the_wrong_length_is_refused_as_not_nine_digits(bsn):
    with pytest.raises(ValidationError) as excinfo:
        validate_bsn(bsn)

    assert excinfo.value.code == "bsn_format"
    assert "9 cijfers" in excinfo.value.messages[0]


@pytest.mark.parametrize("bsn", ["12345678A", "ABCDEFGHI", "1234 5678"])
def test_bsn_with_letters_or_spaces_is_refused_as_not_nine_digits(bsn):
    with pytest.raises(ValidationError) as excinfo:
        validate_bsn(bsn)

    assert excinfo.value.code == "bsn_format"


def test_all_zero_bsn_is_refused_although_zero_is_a_multiple_of_eleven():
    assert not bsn_passes_eleven_test("000000000")
    with pytest.raises(ValidationError):
        validate_bsn("000000000")


def test_bsn_with_a_superscript_digit_is_refused_as_a_validation_error():
    with pytest.raises(ValidationError):
        validate_bsn("12345678²")


def test_bsn_of_non_ascii_digits_is_refused():
    with pytest.raises(ValidationError):
        validate_bsn("١١١٢٢٢٣٣٣")  # 111222333 in Arabic-Indic digits


def test_factory_bsns_pass_the_eleven_test_from_the_first_sequence_number():
    """make_bsn(0) once gave 100000009, whose weighted sum minus the check digit is 0."""
    assert all(bsn_passes_eleven_test(make_bsn(n)) for n in range(1000))
