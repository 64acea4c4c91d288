import time
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.cache import patch_cache_control


class LanguageChoiceMiddleware:
    """Dutch unless the user chose English with the switch (a cookie set by set_language).

    Unlike Django's LocaleMiddleware this ignores the browser's Accept-Language: a caseworker
    on an English-language laptop still gets the Dutch screens the team works in.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response
        self.available = {code for code, _ in settings.LANGUAGES}

    def __call__(self, request: HttpRequest) -> HttpResponse:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.available else settings.LANGUAGE_CODE
        request.LANGUAGE_CODE = language
        # override() restores the previous language afterwards: nothing leaks between requests.
        with translation.override(language):
            response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


SEEN = "_last_seen"
# The session's expiry moves on at most this often: a save per minute, not per request.
TOUCH_EVERY_SECONDS = 60


def mark_seen(session, now: float | None = None) -> None:
    session[SEEN] = int(now if now is not None else time.time())


class IdleTimeoutMiddleware:
    """Signed-in sessions end after SESSION_COOKIE_AGE without a request (30 minutes).

    Each save of the session sets its expiry that far ahead; this saves it again once a minute
    while the user is active, so an idle session runs out and an active one does not.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        session = getattr(request, "session", None)
        # Only a signed-in browser session; a token request must not start one.
        if session is not None and SESSION_KEY in session:
            now = time.time()
            if now - request.session.get(SEEN, 0) >= TOUCH_EVERY_SECONDS:
                mark_seen(session, now)
        return response


class NoStoreMiddleware:
    """No browser or proxy keeps a copy of what the application answers: pages, API answers
    and exports carry personal data. Static files never get here (whitenoise answers them
    first, with long cache lifetimes)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        patch_cache_control(response, no_store=True, private=True)
        return response
