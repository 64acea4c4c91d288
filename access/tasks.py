from celery import shared_task

from .tokens import delete_expired_tokens


@shared_task(acks_late=True)
def clear_expired_access() -> None:
    """Nightly housekeeping: expired API tokens; safe to run twice."""
    delete_expired_tokens()
