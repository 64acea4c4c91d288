"""Reads of the ladder that other reads build on: the rung on a day, per client."""

from datetime import date

from django.db.models import F, FilteredRelation, Q

from clients.querysets import ClientQuerySet


def with_rung(clients: ClientQuerySet, day: date, name: str) -> ClientQuerySet:
    """The clients, each with `name`: their rung on `day` (None before the first assessment).

    The one assessment whose period covers the day (see `participation.chain`), joined for
    all clients at once: a per-client lookup cannot run in parallel and was most of the ladder
    reports' time."""
    covering = FilteredRelation(
        "rung_assessments",
        condition=Q(rung_assessments__assessed_on__lte=day)
        & (
            Q(rung_assessments__superseded_on__isnull=True)
            | Q(rung_assessments__superseded_on__gt=day)
        ),
    )
    alias = f"{name}_assessment"
    return clients.alias(**{alias: covering}).annotate(**{name: F(f"{alias}__rung")})
