"""Password rules beyond Django's own (AUTH_PASSWORD_VALIDATORS)."""

import functools
import gzip
from pathlib import Path
from typing import TYPE_CHECKING

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

if TYPE_CHECKING:
    from accounts.models import User

# SecLists' top million of the "10 million password list" (passwords from breaches), lower-cased,
# one per line; rebuilt by `make breached-passwords` (access/data/README.md).
BREACHED_LIST = Path(__file__).resolve().parent / "data" / "breached-passwords.txt.gz"


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    """Django's, with a Dutch message: Django 5.2's Dutch catalogue lacks its current one."""

    def get_error_message(self) -> str:
        return _(
            "Dit wachtwoord is te kort: het moet minstens %(min_length)d tekens lang zijn."
        ) % {"min_length": self.min_length}


@functools.cache
def _breached(path: str) -> bytes:
    """The list as one block of bytes, each password between newlines: read once per process,
    8 MB, where a set of its million strings would take over 100 MB in every worker. Finding
    a password in it is one scan of a few milliseconds, on a password change only."""
    with gzip.open(path, "rb") as shipped:
        return b"\n" + shipped.read()


class BreachedPasswordValidator:
    """Refuses a password that appears in a breach (the shipped list; no network call)."""

    def __init__(self, password_list_path: str | Path = BREACHED_LIST) -> None:
        self.path = str(password_list_path)

    def validate(self, password: str, user: "User | None" = None) -> None:
        candidate = password.strip().lower()
        if "\n" in candidate:
            return  # no password in the list has one
        if b"\n" + candidate.encode() + b"\n" in _breached(self.path):
            raise ValidationError(
                _("Dit wachtwoord staat in een lijst van uitgelekte wachtwoorden. Kies een ander."),
                code="password_breached",
            )

    def get_help_text(self) -> str:
        return _("Uw wachtwoord mag niet in een lijst van uitgelekte wachtwoorden staan.")


def build_breached_list(source: Path, target: Path = BREACHED_LIST) -> int:
    """Write the shipped list from SecLists' file: lower-cased, unique, sorted, gzipped without
    a name or time, so the same source gives the same bytes. How many passwords."""
    lines = source.read_text(encoding="utf-8").splitlines()
    passwords = sorted({line.strip().lower() for line in lines} - {""})
    with target.open("wb") as raw, gzip.GzipFile("", "wb", 9, raw, mtime=0) as packed:
        packed.write("".join(f"{password}\n" for password in passwords).encode())
    return len(passwords)
