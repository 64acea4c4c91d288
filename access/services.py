"""Ending a user's access: what a new password or a deactivation does."""

from knox.models import AuthToken

from accounts.models import User

from .calendar_feeds import revoke_calendar_feed
from .sessions import end_sessions


def revoke_access(*, user: User) -> None:
    """Everything that signs `user` in ends: their API tokens, their calendar address and all
    their sessions."""
    AuthToken.objects.filter(user=user).delete()
    revoke_calendar_feed(user=user)
    end_sessions(user)
