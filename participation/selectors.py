"""Reads of the participation ladder: a client's rung on a day and the timeline."""

from collections.abc import Iterable
from datetime import date

from django.db.models import QuerySet

from clients.models import Client

from .models import RungAssessment


def ladder_of(client: Client) -> QuerySet[RungAssessment]:
    """The client's assessments, oldest first (of two on one day, the one recorded first)."""
    return (
        RungAssessment.objects.filter(client=client)
        .select_related("assessed_by")
        .order_by("assessed_on", "id")
    )


def assessment_on(client: Client, day: date) -> RungAssessment | None:
    """The assessment that holds on `day`: the latest on or before it; of two on one day, the
    one recorded last. None before the first."""
    return (
        RungAssessment.objects.filter(client=client, assessed_on__lte=day)
        .order_by("-assessed_on", "-id")
        .first()
    )


def rung_on(client: Client, day: date) -> int | None:
    """The client's rung on `day`, None while unknown."""
    found = assessment_on(client, day)
    return found.rung if found else None


def last_rungs(client_ids: Iterable[int]) -> dict[int, int]:
    """The latest rung of each of these clients that has one, in one query."""
    rows = (
        RungAssessment.objects.filter(client_id__in=list(client_ids))
        .order_by("client_id", "assessed_on", "id")
        .values_list("client_id", "rung")
    )
    return dict(rows)  # the last row of each client wins
