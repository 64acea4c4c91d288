"""API tokens for integrating systems: made by `manage.py create_api_token`, revoked with the
user's other access (access.services.revoke_access)."""

import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from knox.models import AuthToken

from accounts.models import User

MAX_TOKEN_DAYS = 365


def issue_api_token(*, user: User, days: int) -> tuple[str, datetime.datetime]:
    """A new token for `user`, valid for `days`: (the token, its expiry). Only its hash is
    stored, so this is the one time the token is seen."""
    if not 1 <= days <= MAX_TOKEN_DAYS:
        raise ValidationError(
            _("Een token is tussen 1 en %(max)s dagen geldig.") % {"max": MAX_TOKEN_DAYS}
        )
    if not user.is_active:
        raise ValidationError(_("Een gedeactiveerde medewerker krijgt geen token."))
    row, token = AuthToken.objects.create(user=user, expiry=datetime.timedelta(days=days))
    return token, row.expiry


def delete_expired_tokens() -> int:
    """Housekeeping: an expired token is refused anyway; this removes its row."""
    deleted, _ = AuthToken.objects.filter(expiry__lt=timezone.now()).delete()
    return deleted
