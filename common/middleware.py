import time
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.backends.base import SessionBase
from django.db import OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext

from common.views import API_ERRORS, error_response


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


def mark_seen(session: SessionBase, now: float | None = None) -> None:
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


# PostgreSQL's lock_not_available (lock_timeout) and query_canceled (statement_timeout)
BUSY_SQLSTATES = {"55P03", "57014"}


def database_was_busy(error: BaseException) -> bool:
    cause = error.__cause__
    if getattr(cause, "sqlstate", None) in BUSY_SQLSTATES:
        return True
    return "database is locked" in str(error)  # SQLite after its own wait


class BusyDatabaseMiddleware:
    """A request that waited too long for a row lock or a statement gets a clear "try again"
    (503 with Retry-After) instead of an error page; its transaction was rolled back, so
    nothing was written."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, OperationalError) or not database_was_busy(exception):
            return None
        message = gettext(
            "Dit gegeven wordt op dit moment door iemand anders bewaard. Er is niets opgeslagen; "
            "probeer het over een paar seconden opnieuw."
        )
        response = error_response(request, 503, message)
        response["Retry-After"] = "5"
        return response


class ErrorPageMiddleware:
    """Django's bare refusals (the empty 405 of a reloaded button address, a plain-text 400)
    become pages in the site's layout and language (under /api/, ApiErrorMiddleware makes
    them JSON). Answers that are already a page or JSON pass untouched."""

    STATUSES = {400, 403, 404, 405}

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code not in self.STATUSES or response.streaming:
            return response
        content_type = response.get("Content-Type", "")
        body = response.content.decode(response.charset or "utf-8", errors="replace")
        if "json" in content_type or "<html" in body.lower():
            return response
        page = error_response(request, response.status_code, body.strip())
        if "Allow" in response:
            page["Allow"] = response["Allow"]
        return page


def is_api(request: HttpRequest) -> bool:
    return request.path_info.startswith("/api/")


KEPT_HEADERS = ("Allow", "Retry-After", "WWW-Authenticate", "Content-Language")


class ApiErrorMiddleware:
    """Under /api/ every answer is JSON, whatever refused the request: an unknown address or
    a non-numeric id (Django's 404, a page when DEBUG is on), a method the address does not
    have (405), a server error (500, a page when DEBUG is on), a refusal by a middleware. Such
    an answer becomes `{"detail": ...}` with the same status and the headers that go with it
    (Allow, Retry-After, WWW-Authenticate). Placed inside LanguageChoiceMiddleware, so the
    message is in the user's language."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not is_api(request) or response.status_code < 400:
            return response
        if "json" in response.get("Content-Type", ""):
            return response
        detail = API_ERRORS.get(response.status_code) or response.reason_phrase
        answer = JsonResponse({"detail": str(detail)}, status=response.status_code)
        for header in KEPT_HEADERS:
            if header in response:
                answer[header] = response[header]
        return answer
