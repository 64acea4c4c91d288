"""Ending a user's access: what a new password or a deactivation does."""

from knox.models import AuthToken

from accounts.models import User

from .sessions import end_sessions


def revoke_access(*, user: User) -> None:
    """Everything that signs `user` in ends: their API tokens and all their sessions."""
    AuthToken.objects.filter(user=user).delete()
    end_sessions(user)
