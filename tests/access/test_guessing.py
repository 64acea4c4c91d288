"""Guessing passwords: spraying one username from many addresses locks it too, and a password
from a breach is refused."""

import gzip

import pytest
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import Client

from access.passwords import BREACHED_LIST

pytestmark = pytest.mark.django_db
PASSWORD = "correct-horse-battery"


def attempt(username: str, password: str, address: str) -> int:
    browser = Client(REMOTE_ADDR=address)
    return browser.post("/login/", {"username": username, "password": password}).status_code


def spray(username: str, failures: int) -> list[int]:
    """Wrong passwords for `username`, each from another address (far below the per-address
    limit at any one); the answers."""
    return [attempt(username, "fout", f"198.51.100.{n + 1}") for n in range(failures)]


def test_the_per_username_limit_is_higher_than_the_per_address_one():
    assert settings.LOGIN_FAILURE_LIMIT_PER_USERNAME == 20
    assert settings.LOGIN_FAILURE_LIMIT_PER_USERNAME > settings.AXES_FAILURE_LIMIT


def test_failures_from_many_addresses_lock_the_username_everywhere(caseworker):
    answers = spray(caseworker.username, settings.LOGIN_FAILURE_LIMIT_PER_USERNAME)
    assert answers == [200] * (len(answers) - 1) + [429]  # the last failure locks

    status = attempt(caseworker.username, PASSWORD, "203.0.113.50")  # right, from a new address

    assert status == 429


def test_one_failure_fewer_does_not_lock(caseworker):
    assert set(spray(caseworker.username, settings.LOGIN_FAILURE_LIMIT_PER_USERNAME - 1)) == {200}

    assert attempt(caseworker.username, PASSWORD, "203.0.113.50") == 302


def test_spraying_one_username_leaves_the_others_alone(caseworker, colleague):
    spray(caseworker.username, settings.LOGIN_FAILURE_LIMIT_PER_USERNAME)

    assert attempt(colleague.username, PASSWORD, "198.51.100.1") == 302


# Breached passwords ---------------------------------------------------------------------------


@pytest.mark.parametrize("password", ["Wachtwoord2010", "ajaxamsterdam", "WELKOM112233"])
def test_a_password_from_a_breach_is_refused_in_dutch(password):
    with pytest.raises(ValidationError) as refused:
        validate_password(password)

    assert refused.value.messages == [
        "Dit wachtwoord staat in een lijst van uitgelekte wachtwoorden. Kies een ander."
    ]


def test_the_password_page_refuses_a_breached_password(client, caseworker):
    client.force_login(caseworker)
    new = "Wachtwoord2010"

    response = client.post(
        "/account/wachtwoord/",
        {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
    )

    assert "lijst van uitgelekte wachtwoorden" in response.content.decode()
    caseworker.refresh_from_db()
    assert caseworker.check_password(PASSWORD)


def test_a_password_of_ones_own_passes():
    validate_password("lang-en-eigen-zinnetje")


def test_the_shipped_list_holds_a_million_breached_passwords_lower_cased():
    with gzip.open(BREACHED_LIST, "rt", encoding="utf-8") as shipped:
        words = shipped.read().splitlines()

    assert len(words) == 961_927  # SecLists' top million, unique once lower-cased
    assert words == sorted(set(words)) and all(w == w.lower() and w.strip() for w in words)


def test_the_list_is_built_the_same_way_every_time(tmp_path):
    source = tmp_path / "source.txt"
    source.write_text("Welkom01\nqwerty\n\nwelkom01\n  Zomer2020 \n", encoding="utf-8")

    call_command("build_breached_passwords", str(source), "--output", str(tmp_path / "a.gz"))
    call_command("build_breached_passwords", str(source), "--output", str(tmp_path / "b.gz"))

    assert (tmp_path / "a.gz").read_bytes() == (tmp_path / "b.gz").read_bytes()
    assert gzip.decompress((tmp_path / "a.gz").read_bytes()) == b"qwerty\nwelkom01\nzomer2020\n"
