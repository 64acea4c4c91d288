from datetime import date, timedelta

from celery import shared_task
from django.utils import timezone

from .services import flag_unusual_reading


@shared_task(acks_late=True)
def flag_unusual_reading_task(day: str | None = None) -> int:
    """Yesterday's (or `day`'s, YYYY-MM-DD) users who read an unusual number of files."""
    checked = date.fromisoformat(day) if day else timezone.localdate() - timedelta(days=1)
    return flag_unusual_reading(day=checked)
