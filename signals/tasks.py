from datetime import date

from celery import shared_task
from django.utils import timezone

from .services import run_signals


@shared_task(acks_late=True)
def run_signal_checks(as_of: str | None = None) -> dict[str, dict[str, int]]:
    """The nightly checks for `as_of` (YYYY-MM-DD; default: today in Amsterdam).

    Idempotent: a redelivered or repeated task for the same date changes nothing.
    """
    day = date.fromisoformat(as_of) if as_of else timezone.localdate()
    run = run_signals(as_of=day)  # logs its counts
    return {"raised": run.raised, "resolved": run.resolved, "open": run.open}
