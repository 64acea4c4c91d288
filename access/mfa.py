"""The second factor: one TOTP device (an authenticator app) per user, from django-otp.

A session counts as verified once a code from the user's device passed (django_otp.login);
access.middleware.SecondFactorMiddleware asks for one when MFA_REQUIRED is on. Wrong codes
lock the device for a doubling wait (django-otp's throttling), the right code included.
"""

from base64 import b32encode

import django_otp
import segno
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import User

from .sessions import end_sessions


def confirmed_device(user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


SETTING_UP = "mfa_device_being_set_up"


def device_to_set_up(request: HttpRequest, user: User) -> TOTPDevice:
    """This session's new, not yet confirmed device: the same key until a code confirms it.

    Each session gets a key of its own, so someone who saw the set-up page with the password
    does not hold the key the user's app confirms; the first device confirmed is the user's
    one, and the others are dropped."""
    device_id = request.session.get(SETTING_UP)
    device = TOTPDevice.objects.filter(pk=device_id, user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=_("Authenticator-app"), confirmed=False)
        request.session[SETTING_UP] = device.pk
    return device


def secret_of(device: TOTPDevice) -> str:
    """The key as an app asks it when typed in: base32, in groups of four."""
    key = b32encode(device.bin_key).decode()
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


def qr_code_of(device: TOTPDevice) -> str:
    """The app's set-up link as a QR code: an SVG data URI (no script, no request elsewhere)."""
    return segno.make(device.config_url, error="m").svg_data_uri(
        scale=5, border=4, dark="#000", light="#fff"
    )


def check_code(request: HttpRequest, *, device: TOTPDevice, code: str) -> str | None:
    """Check `code` against `device`. When it is right the session counts as verified (and a
    new device as confirmed): None. Otherwise why not, in the user's language."""
    allowed, details = device.verify_is_allowed()
    if not allowed:
        wait = (details or {}).get("locked_until", timezone.now()) - timezone.now()
        seconds = max(1, round(wait.total_seconds()))
        return _(
            "Te veel verkeerde codes. Probeer het over %(seconds)d seconden opnieuw met een "
            "nieuwe code."
        ) % {"seconds": seconds}
    with transaction.atomic():
        # One check at a time per device: django-otp locks its row, so a code is used once.
        locked = TOTPDevice.objects.select_for_update().get(pk=device.pk)
        if not locked.verify_token(code):
            return _(
                "Deze code klopt niet. Neem de code die de app nu toont; staat de tijd op uw "
                "telefoon goed?"
            )
        if not locked.confirmed:
            locked.confirmed = True
            locked.save(update_fields=["confirmed"])
            TOTPDevice.objects.filter(user_id=locked.user_id, confirmed=False).delete()
            request.session.pop(SETTING_UP, None)
    django_otp.login(request, locked)
    return None


def reset_second_factor(*, user: User) -> None:
    """A lost phone: the user's devices are forgotten and their sessions end; at the next login
    they set up a new one."""
    TOTPDevice.objects.filter(user=user).delete()
    end_sessions(user)
