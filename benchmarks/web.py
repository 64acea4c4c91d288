"""The browser of the benchmarks: pages asked for as production serves them (DEBUG off: over
HTTPS, to an allowed host, by a user who signed in with a second factor), in-process."""

from typing import Any

from django.conf import settings
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import User


class Browser(Client):
    """A user's browser, signed in and past the code, speaking HTTPS to the first allowed host."""

    def __init__(self, user: User) -> None:
        super().__init__(HTTP_HOST=settings.ALLOWED_HOSTS[0])
        self.sign_in(user)

    def sign_in(self, user: User) -> None:
        self.force_login(user)
        # As if the user typed a code from the app: the session names the confirmed device.
        device, _ = TOTPDevice.objects.get_or_create(
            user=user, name="benchmark", defaults={"confirmed": True}
        )
        session = self.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()

    def get(self, path: str, **kwargs: Any) -> Any:  # type: ignore[override]
        return super().get(path, secure=True, **kwargs)
