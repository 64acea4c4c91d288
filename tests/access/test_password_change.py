"""Changing a password: the user's own page, and what any change ends (tokens, sessions)."""

import io

import pytest
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.core.management import call_command
from django.test import Client
from knox.models import AuthToken

from access.models import UserSession
from tests.api_client import token_for
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
PASSWORD = "correct-horse-battery"
# Nothing like a (random, Dutch) name: the similarity check must not refuse it by chance.
NEW = "7#Qx-92!zkm-Pv4_tr8@w"
PAGE = "/account/wachtwoord/"


def sign_in(user, agent: str = "Firefox") -> Client:
    browser = Client(HTTP_USER_AGENT=agent)
    assert browser.post("/login/", {"username": user.username, "password": PASSWORD}).status_code
    return browser


def signed_in(browser: Client) -> bool:
    return browser.get("/clienten/").status_code == 200


def change(browser: Client, old: str = PASSWORD, new: str = NEW, again: str | None = None):
    data = {"old_password": old, "new_password1": new, "new_password2": again or new}
    return browser.post(PAGE, data, follow=True)


@pytest.mark.parametrize("role", ["caseworker", "team_manager", "auditor", "functional_admin"])
def test_every_signed_in_user_finds_the_page_in_the_header(client, role):
    client.force_login(UserFactory.create(username=f"u.{role}", role=role))

    page = client.get("/account/sessies/").content.decode()

    assert f'href="{PAGE}"' in page


def test_the_page_asks_the_current_and_the_new_password_twice_in_dutch(client, caseworker):
    client.force_login(caseworker)

    page = client.get(PAGE).content.decode()

    assert "<h1>Wachtwoord wijzigen</h1>" in page
    for name in ("old_password", "new_password1", "new_password2"):
        assert f'<label for="id_{name}">' in page
    assert (
        "Uw wachtwoord moet minstens 12 tekens lang zijn." in page
    )  # the rules, from AUTH_PASSWORD_VALIDATORS


def test_a_new_password_replaces_the_old_one(caseworker):
    browser = sign_in(caseworker)

    response = change(browser)

    assert "Uw wachtwoord is gewijzigd." in response.content.decode()
    caseworker.refresh_from_db()
    assert caseworker.check_password(NEW)
    assert signed_in(browser)


def test_a_wrong_current_password_is_refused_and_changes_nothing(caseworker):
    browser = sign_in(caseworker)

    response = change(browser, old="niet-het-goede")

    page = response.content.decode()
    assert "error-summary" in page and "Uw oude wachtwoord is niet juist ingevoerd" in page
    caseworker.refresh_from_db()
    assert caseworker.check_password(PASSWORD)


@pytest.mark.parametrize(
    "new, message",
    [
        ("Kort-wachtw", "Dit wachtwoord is te kort: het moet minstens 12 tekens lang zijn."),
        ("password1234", "Dit wachtwoord is te algemeen"),
        ("839201746538", "Dit wachtwoord bevat alleen cijfers."),
    ],
)
def test_the_password_rules_apply(caseworker, new, message):
    browser = sign_in(caseworker)

    response = change(browser, new=new)

    assert message in response.content.decode()
    caseworker.refresh_from_db()
    assert caseworker.check_password(PASSWORD)


def test_a_change_ends_the_other_sessions_and_revokes_the_tokens(caseworker):
    elsewhere = sign_in(caseworker, agent="Chrome")
    token = token_for(caseworker)
    browser = sign_in(caseworker)

    change(browser)

    assert not signed_in(elsewhere)
    assert not AuthToken.objects.filter(user=caseworker).exists()
    assert signed_in(browser)
    assert UserSession.objects.get().session_key == browser.session.session_key
    assert token  # made, and now revoked


# Every other way a password changes, and deactivation ----------------------------------------


def signed_in_everywhere(user) -> Client:
    token_for(user)
    return sign_in(user)


def assert_revoked(user, browser: Client) -> None:
    assert not AuthToken.objects.filter(user=user).exists()
    assert not UserSession.objects.filter(user=user).exists()
    assert not signed_in(browser)


def test_set_password_and_save_revokes_everything(caseworker):
    browser = signed_in_everywhere(caseworker)

    caseworker.set_password(NEW)
    caseworker.save()

    assert_revoked(caseworker, browser)


def test_create_staff_user_with_a_password_revokes_everything(caseworker):
    browser = signed_in_everywhere(caseworker)

    call_command(
        "create_staff_user",
        caseworker.username,
        "--role",
        "caseworker",
        "--team",
        caseworker.teams.get().name,
        "--password",
        NEW,
        stdout=io.StringIO(),
    )

    assert_revoked(caseworker, browser)


def test_a_password_set_in_the_admin_revokes_everything(admin_client, caseworker):
    browser = signed_in_everywhere(caseworker)

    response = admin_client.post(
        f"/admin/accounts/user/{caseworker.pk}/password/",
        {"password1": NEW, "password2": NEW, "usable_password": "true"},
    )

    assert response.status_code == 302
    assert_revoked(caseworker, browser)


def test_deactivating_a_user_revokes_everything(caseworker):
    browser = signed_in_everywhere(caseworker)

    caseworker.is_active = False
    caseworker.save()

    assert_revoked(caseworker, browser)


def test_other_saves_of_the_user_revoke_nothing(caseworker):
    browser = signed_in_everywhere(caseworker)

    caseworker.first_name = "Anna"
    caseworker.save()

    assert AuthToken.objects.filter(user=caseworker).exists()
    assert signed_in(browser)


class OneRoundPBKDF2(PBKDF2PasswordHasher):
    iterations = 1


class TwoRoundPBKDF2(PBKDF2PasswordHasher):
    iterations = 2


def test_a_hash_upgrade_at_login_is_no_password_change(caseworker, settings):
    settings.PASSWORD_HASHERS = [f"{__name__}.OneRoundPBKDF2"]
    caseworker.set_password(PASSWORD)
    caseworker.save()
    token_for(caseworker)
    # A stronger setting: Django rehashes the password at the next login.
    settings.PASSWORD_HASHERS = [f"{__name__}.TwoRoundPBKDF2"]

    browser = sign_in(caseworker)

    caseworker.refresh_from_db()
    assert "$2$" in caseworker.password  # upgraded
    assert AuthToken.objects.filter(user=caseworker).exists()
    assert signed_in(browser)
