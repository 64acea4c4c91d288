"""API tokens: django-rest-knox's authentication, with two changes (see the methods)."""

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from knox.auth import TokenAuthentication as KnoxTokenAuthentication
from knox.models import AuthToken
from rest_framework import exceptions
from rest_framework.authentication import SessionAuthentication
from rest_framework.request import Request

from accounts.models import User


class TokenAuthentication(KnoxTokenAuthentication):
    """`Authorization: Token <token>`; without it a request gets 401 `WWW-Authenticate: Token`."""

    def authenticate_credentials(self, token: bytes) -> tuple[User, AuthToken]:
        # knox decodes the header without a check: bytes that are not UTF-8 would be a 500.
        try:
            token.decode("utf-8")
        except UnicodeDecodeError as error:
            raise exceptions.AuthenticationFailed(_("Invalid token.")) from error
        return super().authenticate_credentials(token)

    def _cleanup_token(self, auth_token: AuthToken) -> bool:
        """Refuse (and delete) this token when it has expired. knox also reads all the user's
        other tokens on every request to delete expired ones; the nightly housekeeping
        (access.tasks) does that instead."""
        if auth_token.expiry is not None and auth_token.expiry < timezone.now():
            auth_token.delete()
            return True
        return False


class VerifiedSessionAuthentication(SessionAuthentication):
    """A browser session signs an API request in only once it passed its second factor, where
    one is required; the middleware refuses it too, this keeps the API safe on its own."""

    def authenticate(self, request: Request) -> tuple[User, None] | None:
        signed_in = super().authenticate(request)
        if signed_in is None or not settings.MFA_REQUIRED:
            return signed_in
        verified = getattr(request._request.user, "is_verified", lambda: False)()
        return signed_in if verified else None
