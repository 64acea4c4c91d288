"""The counts behind the referral figures, grouped by a client field (team or caseworker):
referrals dated in a period by kind and by status, and the phase-1 clients reached."""

from datetime import date, timedelta
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from clients.querysets import active_on_q
from phases.models import PhasePeriod

from .models import Referral

# A phase-1 client counts as reached on a day when referred in the year up to that day.
REACH_DAYS = 365


def reach_window(on: date) -> tuple[date, date]:
    """The year up to and including `on`: the referrals that count as reaching a client."""
    return on - timedelta(days=REACH_DAYS - 1), on


def referrals_by(
    referrals: QuerySet[Referral], key: str, start: date, end: date, field: str
) -> dict[tuple[Any, str], int]:
    """Referrals dated in [start, end] counted per (`key`, a field or annotation of the
    referral such as its client's team then, and `field`)."""
    rows = (
        referrals.filter(referred_on__range=(start, end))
        .values(key, field)
        .annotate(count=Count("id"))
        .order_by()
    )
    return {(row[key], row[field]): row["count"] for row in rows}


def in_phase_on_q(phase: str, on: date) -> Q:
    """A client in `phase` on `on`."""
    covering = PhasePeriod.objects.filter(
        client=OuterRef("pk"), phase=phase, started_on__lte=on
    ).filter(Q(ended_on__isnull=True) | Q(ended_on__gt=on))
    return Q(Exists(covering))


def referred_q(start: date, end: date) -> Q:
    """A client with a referral dated in [start, end]."""
    return Q(
        Exists(Referral.objects.filter(client=OuterRef("pk"), referred_on__range=(start, end)))
    )


def phase_1_reach(clients: QuerySet, key: str, on: date) -> dict[Any, tuple[int, int]]:
    """Per client `key`: the active phase-1 clients on `on`, and how many of them were
    referred in the year up to `on`. One query."""
    start, end = reach_window(on)
    rows = (
        clients.filter(active_on_q(on), in_phase_on_q("1", on))
        .values(key)
        .annotate(total=Count("id"), referred=Count("id", filter=referred_q(start, end)))
        .order_by()
    )
    return {row[key]: (row["total"], row["referred"]) for row in rows}
