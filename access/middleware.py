import time
from collections.abc import Callable

from django.contrib.auth import SESSION_KEY, logout
from django.http import HttpRequest, HttpResponse

from wajong.middleware import SEEN, TOUCH_EVERY_SECONDS

from . import sessions


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
            and time.time() - session.get(SEEN, 0) >= TOUCH_EVERY_SECONDS
        ):
            sessions.seen(request, request.user)  # type: ignore[arg-type]
        return response
