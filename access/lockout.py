"""Login lockout (django-axes) with a second rule against password spraying."""

from typing import Any

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.http import HttpRequest


class LockoutHandler(AxesDatabaseHandler):
    """Axes locks a username at one address after AXES_FAILURE_LIMIT failures. This also locks
    it at every address after LOGIN_FAILURE_LIMIT_PER_USERNAME failures from any addresses
    together (one account guessed from many), for the same cool-off time.

    Axes compares one count against one limit; a username past its own limit counts as at it.
    """

    def get_failures(self, request: HttpRequest, credentials: dict[str, Any] | None = None) -> int:
        failures = super().get_failures(request, credentials)
        if self._failures_from_anywhere(request, credentials) >= (
            settings.LOGIN_FAILURE_LIMIT_PER_USERNAME
        ):
            return max(failures, get_failure_limit(request, credentials))
        return failures

    @staticmethod
    def _failures_from_anywhere(request: HttpRequest, credentials: dict[str, Any] | None) -> int:
        username = get_client_username(request, credentials)
        if not username:
            return 0
        attempts = AccessAttempt.objects.filter(username=username)
        if settings.AXES_COOLOFF_TIME is not None:
            attempts = attempts.filter(attempt_time__gte=get_cool_off_threshold(request))
        return attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
