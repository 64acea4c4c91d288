from collections import Counter
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db import transaction
from django.db.models import Count
from django.http import HttpRequest
from django.utils import timezone

from common.addresses import client_ip
from common.logging import redact
from norms.selectors import norm_in_force

from .models import AccessLog, UnusualReading
from .throttle import count_reads


def log_reads(*, request: HttpRequest, reads: list[tuple[Any, int, str]]) -> None:
    """One read-log row per client and action the response showed (`common.reads.noted_reads`):
    one insert per request."""
    if not reads:
        return
    # The address as asked, with any BSN typed into a search blanked out.
    path = redact(request.get_full_path())[:500]
    ip = client_ip(request)
    # One statement per thousand rows; bulk_create keeps them in one transaction itself.
    AccessLog.objects.bulk_create(
        [
            AccessLog(user=user, client_id=client, action=action, path=path, ip=ip)
            for user, client, action in reads
        ],
        batch_size=1000,
    )
    for user_id, rows in Counter(user.pk for user, _client, _action in reads).items():
        count_reads(user_id, rows)


# Reads of a whole file; a client in a list is not counted here (the hourly ceiling covers it).
FILE_READS = (
    AccessLog.Action.VIEW,
    AccessLog.Action.HISTORY,
    AccessLog.Action.EXPORT,
    AccessLog.Action.REVEAL_BSN,
)


def flag_unusual_reading(*, day: date) -> int:
    """Note every user who read more distinct client files on `day` than the norm in force
    allows. Safe to run again: a user's day is noted once, with the latest count."""
    threshold = norm_in_force(day).unusual_reads_per_day
    zone = timezone.get_current_timezone()
    start = datetime.combine(day, time.min, tzinfo=zone)
    readers = (
        AccessLog.objects.filter(
            at__gte=start, at__lt=start + timedelta(days=1), action__in=FILE_READS
        )
        .values("user")
        .annotate(files=Count("client", distinct=True))
        .filter(files__gt=threshold)
    )
    with transaction.atomic():
        for row in readers:
            UnusualReading.objects.update_or_create(
                user_id=row["user"],
                day=day,
                defaults={"files": row["files"], "threshold": threshold},
            )
    return UnusualReading.objects.filter(day=day).count()
