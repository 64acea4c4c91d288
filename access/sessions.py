"""Who is signed in where: one `UserSession` row per signed-in browser session, kept at login
(a signal), while active (access.middleware) and at logout. Ending a session deletes it from
the configured session store (database or cache), so its cookie signs nobody in any more.

A session also ends 12 hours after its login (SESSION_MAX_AGE), however active it is.
"""

import time
from datetime import UTC, datetime, timedelta
from importlib import import_module

from django.conf import settings
from django.contrib.auth import update_session_auth_hash
from django.contrib.sessions.backends.base import SessionBase
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.utils import timezone

from accounts.models import User
from common.addresses import client_ip

from .models import UserSession

LOGIN_AT = "_login_at"  # in the session: when its user signed in (Unix time)


def _store(session_key: str) -> SessionBase:
    return import_module(settings.SESSION_ENGINE).SessionStore(session_key)


def _where(request: HttpRequest) -> dict[str, str | None]:
    return {
        "user_agent": request.META.get("HTTP_USER_AGENT", "")[:300],
        "ip": client_ip(request),
    }


def _login_time(request: HttpRequest) -> datetime:
    return datetime.fromtimestamp(request.session.get(LOGIN_AT, time.time()), tz=UTC)


def signed_in(request: HttpRequest, user: User) -> None:
    """At login: the lifetime starts, and the session joins the user's list."""
    request.session[LOGIN_AT] = int(time.time())
    now = timezone.now()
    UserSession.objects.update_or_create(
        session_key=request.session.session_key,
        defaults={"user": user, "created": now, "last_seen": now, **_where(request)},
    )


def signed_out(request: HttpRequest) -> None:
    UserSession.objects.filter(session_key=request.session.session_key).delete()


def expired(request: HttpRequest) -> bool:
    """Past its absolute lifetime. A session without a login time (from before this check
    existed) counts as expired: its user signs in once more."""
    login_at = request.session.get(LOGIN_AT)
    return login_at is None or time.time() - login_at >= settings.SESSION_MAX_AGE


def seen(request: HttpRequest, user: User) -> None:
    """The user is active in this session (called at most once a minute)."""
    key = request.session.session_key
    now = timezone.now()
    if not UserSession.objects.filter(session_key=key, user=user).update(last_seen=now):
        # A session that got a new key (a password change in the admin) joins the list again.
        UserSession.objects.update_or_create(
            session_key=key,
            defaults={"user": user, "created": _login_time(request), "last_seen": now}
            | _where(request),
        )


def live_sessions(user: User) -> QuerySet[UserSession]:
    """The user's sessions that have not run out (idle or absolute)."""
    now = timezone.now()
    return UserSession.objects.filter(
        user=user,
        last_seen__gt=now - timedelta(seconds=settings.SESSION_COOKIE_AGE),
        created__gt=now - timedelta(seconds=settings.SESSION_MAX_AGE),
    )


def end_sessions(user: User, *, keep: str | None = None) -> int:
    """End the user's sessions, except the one with key `keep`; how many ended."""
    rows = UserSession.objects.filter(user=user).exclude(session_key=keep or "")
    keys = list(rows.values_list("session_key", flat=True))
    for key in keys:
        _store(key).delete()
    rows.delete()
    return len(keys)


def keep_this_session(request: HttpRequest, user: User) -> None:
    """After the user changed their own password (which ended all their sessions): this one goes
    on, under a new key."""
    update_session_auth_hash(request, user)
    seen(request, user)


def delete_stale_rows() -> int:
    """Housekeeping: rows of sessions that ran out without a logout."""
    now = timezone.now()
    idle = Q(last_seen__lte=now - timedelta(seconds=settings.SESSION_COOKIE_AGE))
    too_old = Q(created__lte=now - timedelta(seconds=settings.SESSION_MAX_AGE))
    deleted, _ = UserSession.objects.filter(idle | too_old).delete()
    return deleted
