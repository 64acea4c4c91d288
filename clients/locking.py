"""Locking the client row for a write, and saving it as a new version."""

from accounts.models import User
from common.exceptions import EditConflict
from common.history import save_with_history

from .models import Client


def lock_client(*, client: Client, expected_version: int | None = None) -> Client:
    """Lock the client row for this transaction and check the version the user read.

    Call inside `transaction.atomic()`. Returns the fresh, locked row.
    """
    locked = Client.objects.select_for_update().get(pk=client.pk)
    if expected_version is not None and locked.version != expected_version:
        raise EditConflict(current_version=locked.version)
    return locked


def record_client_change(*, client: Client, by: User | None, change_reason: str) -> Client:
    """Save a locked client as a new version, with a history row saying who and why; inside
    the transaction that locked it (`lock_client`)."""
    client.version += 1
    return save_with_history(client, by=by, change_reason=change_reason)
