"""Two-step login (TOTP): with MFA_REQUIRED on, a signed-in session must pass a code from the
user's authenticator app before any page, the admin or the API by session."""

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from access.models import UserSession
from tests.api_client import token_for
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]
SETUP = "/account/verificatie/instellen/"
VERIFY = "/account/verificatie/"


@pytest.fixture
def mfa_on(settings):
    settings.MFA_REQUIRED = True


def device_for(user, confirmed: bool = True) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="telefoon", confirmed=confirmed)


def code_of(device: TOTPDevice) -> str:
    """What the user's app shows now, computed from the device's key."""
    device.refresh_from_db()
    value = totp(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{value:0{device.digits}d}"


def wrong_code_for(device: TOTPDevice) -> str:
    return f"{(int(code_of(device)) + 500_000) % 1_000_000:06d}"


@pytest.mark.parametrize("debug, required", [("false", "True"), ("true", "False")])
def test_required_in_production_and_off_in_the_local_demo(debug, required, tmp_path):
    env = {**os.environ, "DEBUG": debug, "DATABASE_URL": f"sqlite:///{tmp_path / 'db'}"}
    env.pop("MFA_REQUIRED", None)
    result = subprocess.run(
        [sys.executable, "-c", "from wajong import settings; print(settings.MFA_REQUIRED)"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.strip() == required, result.stderr


def test_a_user_without_a_device_is_sent_to_set_one_up(mfa_on, client, caseworker):
    client.force_login(caseworker)

    response = client.get("/clienten/?team=on")

    assert response.status_code == 302
    assert response["Location"] == f"{SETUP}?next=/clienten/%3Fteam%3Don"


def test_a_user_with_a_device_is_sent_to_enter_a_code(mfa_on, client, caseworker):
    device_for(caseworker)
    client.force_login(caseworker)

    response = client.get("/clienten/")

    assert response.status_code == 302 and response["Location"] == f"{VERIFY}?next=/clienten/"


def test_the_admin_asks_for_a_code_too(mfa_on, client):
    admin = UserFactory.create(username="fb", role="functional_admin", is_staff=True)
    device_for(admin)
    client.force_login(admin)

    response = client.get("/admin/")

    assert response.status_code == 302 and response["Location"].startswith(VERIFY)


def test_the_admin_site_itself_refuses_an_unverified_session(mfa_on, rf):
    from django.contrib import admin

    request = rf.get("/admin/")
    request.user = UserFactory.create(username="fb", role="functional_admin", is_staff=True)
    request.user.is_verified = lambda: False

    assert not admin.site.has_permission(request)


def test_an_api_request_by_session_is_refused_but_one_by_token_is_not(mfa_on, client, caseworker):
    client.force_login(caseworker)

    by_session = client.get("/api/v1/signals/")
    by_token = client.get("/api/v1/signals/", HTTP_AUTHORIZATION=f"Token {token_for(caseworker)}")

    assert by_session.status_code == 403
    assert "tweestapsverificatie" in by_session.json()["detail"].lower()
    assert by_token.status_code == 200


def test_signing_out_and_switching_language_need_no_code(mfa_on, client, caseworker):
    device_for(caseworker)
    client.force_login(caseworker)

    assert client.post("/i18n/setlang/", {"language": "en"})["Location"] == "/"
    assert client.post("/logout/")["Location"] == "/login/"


def test_setting_up_shows_a_qr_code_and_the_key_and_a_right_code_confirms_it(
    mfa_on, client, caseworker
):
    client.force_login(caseworker)

    page = client.get(f"{SETUP}?next=/meldingen/").content.decode()

    device = TOTPDevice.objects.get(user=caseworker, confirmed=False)
    assert '<img src="data:image/svg+xml' in page and 'alt="' in page
    assert device.config_url.split("secret=")[1].split("&")[0] in page.replace(" ", "")
    response = client.post(f"{SETUP}?next=/meldingen/", {"code": code_of(device)})
    assert response.status_code == 302 and response["Location"] == "/meldingen/"
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/meldingen/").status_code == 200


def test_the_setup_page_keeps_the_same_key_until_it_is_confirmed(mfa_on, client, caseworker):
    client.force_login(caseworker)
    client.get(SETUP)
    client.post(SETUP, {"code": "000000"})
    client.get(SETUP)

    assert TOTPDevice.objects.filter(user=caseworker).count() == 1


def test_a_user_with_a_device_cannot_set_up_another_without_a_code(mfa_on, client, caseworker):
    device_for(caseworker)
    client.force_login(caseworker)

    response = client.get(SETUP)

    assert response.status_code == 302 and response["Location"].startswith(VERIFY)
    assert TOTPDevice.objects.filter(user=caseworker).count() == 1


def test_a_wrong_code_is_refused_with_a_dutch_message(mfa_on, client, caseworker):
    device = device_for(caseworker)
    client.force_login(caseworker)

    response = client.post(VERIFY, {"code": wrong_code_for(device)})

    page = response.content.decode()
    assert response.status_code == 200
    assert "error-summary" in page and "Deze code klopt niet" in page
    assert client.get("/clienten/").status_code == 302


@pytest.mark.parametrize("code", ["", "12345", "abcdef", "1234567890"])
def test_a_code_that_is_not_six_digits_is_refused(mfa_on, client, caseworker, code):
    device_for(caseworker)
    client.force_login(caseworker)

    page = client.post(VERIFY, {"code": code}).content.decode()

    assert "error-summary" in page
    assert client.get("/clienten/").status_code == 302


def test_the_right_code_lets_the_user_in_everywhere(mfa_on, client):
    admin = UserFactory.create(username="fb", role="functional_admin", is_staff=True)
    device = device_for(admin)
    client.force_login(admin)

    response = client.post(f"{VERIFY}?next=/admin/", {"code": code_of(device)})

    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200
    assert client.get("/clienten/").status_code == 200


def test_guessing_codes_locks_the_device_even_for_the_right_code(
    mfa_on, settings, client, caseworker
):
    # Each wrong code doubles the wait (1, 2, 4 ... seconds); a minute here, so the test does
    # not race the clock.
    settings.OTP_TOTP_THROTTLE_FACTOR = 60
    device = device_for(caseworker)
    client.force_login(caseworker)
    client.post(VERIFY, {"code": wrong_code_for(device)})

    page = client.post(VERIFY, {"code": code_of(device)}).content.decode()

    assert "Te veel verkeerde codes" in page
    assert client.get("/clienten/").status_code == 302
    device.refresh_from_db()
    assert device.throttling_failure_count == 1


def test_only_a_path_on_this_site_is_followed_after_the_code(mfa_on, client, caseworker):
    device = device_for(caseworker)
    client.force_login(caseworker)

    response = client.post(f"{VERIFY}?next=https://elders.example/", {"code": code_of(device)})

    assert response["Location"] == "/"


def test_without_enforcement_nothing_is_asked(client, caseworker):
    client.force_login(caseworker)

    assert client.get("/clienten/").status_code == 200


def test_reset_mfa_forgets_the_device_and_ends_the_sessions(client, caseworker):
    device_for(caseworker)
    client.force_login(caseworker)
    out = io.StringIO()

    call_command("reset_mfa", caseworker.username, stdout=out)

    assert not TOTPDevice.objects.filter(user=caseworker).exists()
    assert not UserSession.objects.filter(user=caseworker).exists()
    assert "opnieuw instellen" in out.getvalue()


def test_reset_mfa_of_an_unknown_user_is_refused():
    with pytest.raises(CommandError, match="Geen medewerker"):
        call_command("reset_mfa", "niemand", stdout=io.StringIO())


@pytest.mark.parametrize("header", ["Bearer x", "", "Basic eDp5"])
def test_another_authorization_header_does_not_skip_the_code(mfa_on, client, caseworker, header):
    client.force_login(caseworker)

    response = client.get("/api/v1/clients/", HTTP_AUTHORIZATION=header)

    assert response.status_code in (401, 403)
    assert "results" not in response.json()


def test_the_api_refuses_an_unverified_session_even_without_the_middleware(
    mfa_on, settings, client, caseworker
):
    settings.MIDDLEWARE = [m for m in settings.MIDDLEWARE if "SecondFactor" not in m]
    client.force_login(caseworker)

    assert client.get("/api/v1/clients/").status_code in (401, 403)


def test_someone_else_who_sees_the_setup_page_gets_another_key(mfa_on, caseworker):
    from django.test import Client as Browser

    user_browser, other_browser = Browser(), Browser()
    user_browser.force_login(caseworker)
    other_browser.force_login(caseworker)  # the same password, elsewhere

    user_page = user_browser.get(SETUP).context
    other_page = other_browser.get(SETUP).context
    assert user_page["secret"] != other_page["secret"]

    device = TOTPDevice.objects.get(pk=user_browser.session["mfa_device_being_set_up"])
    assert user_browser.post(SETUP, {"code": code_of(device)}).status_code == 302

    # the user's app is the one device left; the other key is worthless
    assert list(TOTPDevice.objects.filter(user=caseworker)) == [device]
    assert other_browser.get(SETUP).status_code == 302  # to enter a code of the user's app
