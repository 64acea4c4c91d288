from celery import shared_task

from .services import refresh_month_end_figures


@shared_task(acks_late=True)
def refresh_figures() -> str:
    """Nightly: store the month-end figures that are missing or out of date. Idempotent; a
    second run while one is busy does nothing."""
    return refresh_month_end_figures().summary()
