import time
from collections.abc import Callable
from typing import cast

from django.conf import settings
from django.contrib.auth import SESSION_KEY, logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import Resolver404, resolve, reverse
from django.utils.translation import gettext as _

from accounts.models import User
from common import middleware as common_middleware
from common.middleware import SEEN

from . import mfa, sessions


class SessionLifetimeMiddleware:
    """A signed-in session ends SESSION_MAX_AGE (12 hours) after its login, however active.
    While it lasts, it stays in its user's list of sessions with the time last seen.

    Placed after IdleTimeoutMiddleware, whose once-a-minute clock (SEEN) it shares.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        session = getattr(request, "session", None)
        if session is not None and SESSION_KEY in session and sessions.expired(request):
            logout(request)  # the view sees an anonymous user: a login page, or 401 in the API
        response = self.get_response(request)
        if (
            session is not None
            and SESSION_KEY in session
            and time.time() - session.get(SEEN, 0) >= common_middleware.TOUCH_EVERY_SECONDS
        ):
            sessions.seen(request, request.user)  # type: ignore[arg-type]
        return response


# Reachable before the code: the code pages themselves, and the way out.
WITHOUT_CODE = {"mfa_setup", "mfa_verify", "login", "logout", "set_language", "healthz"}


class SecondFactorMiddleware:
    """With MFA_REQUIRED on, a signed-in session that has not passed a code from the user's
    authenticator app is sent to enter one (or to set one up) before any other page, the admin
    included; an API request by session gets 403. A request with an API token is the token's
    business (DRF), not the session's. Placed after django-otp's OTPMiddleware."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if settings.MFA_REQUIRED and self._needs_code(request):
            if request.path_info.startswith("/api/"):
                return JsonResponse(
                    {
                        "detail": _(
                            "Tweestapsverificatie nodig: voer eerst in de browser een code in."
                        )
                    },
                    status=403,
                )
            user = cast(User, request.user)
            target = "mfa_verify" if mfa.confirmed_device(user) else "mfa_setup"
            return redirect_to_login(request.get_full_path(), reverse(target))
        return self.get_response(request)

    @staticmethod
    def _needs_code(request: HttpRequest) -> bool:
        user = request.user
        if not user.is_authenticated or user.is_verified():  # type: ignore[attr-defined]
            return False
        # An integrating system's token is its own credential. Any other Authorization header
        # (a "Bearer", an empty one) would let the session sign the request in: no exemption.
        token = request.META.get("HTTP_AUTHORIZATION", "").lower().startswith("token ")
        if token and request.path_info.startswith("/api/"):
            return False
        try:
            name = resolve(request.path_info).url_name
        except Resolver404:
            return False  # a 404 either way
        return name not in WITHOUT_CODE
