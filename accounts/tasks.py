from celery import shared_task
from django.core import management


@shared_task(acks_late=True)
def clear_expired_sessions() -> None:
    """Nightly housekeeping; safe to run twice."""
    management.call_command("clearsessions")
