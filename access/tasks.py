from celery import shared_task

from .sessions import delete_stale_rows
from .tokens import delete_expired_tokens


@shared_task(acks_late=True)
def clear_expired_access() -> None:
    """Nightly housekeeping: expired API tokens, and the list entries of sessions that ran out
    without a logout; safe to run twice."""
    delete_expired_tokens()
    delete_stale_rows()
