"""Reads of the ladder that other reads build on: the rung on a day, per client."""

from datetime import date

from django.db.models import IntegerField, OuterRef, Subquery

from .models import RungAssessment


def rung_on_subquery(day: date, client_ref: str = "pk") -> Subquery:
    """The rung of the outer query's client (`client_ref`) on `day`: the latest assessment on
    or before it, of two on one day the one recorded last; None before the first."""
    latest = (
        RungAssessment.objects.filter(client_id=OuterRef(client_ref), assessed_on__lte=day)
        .order_by("-assessed_on", "-id")
        .values("rung")[:1]
    )
    return Subquery(latest, output_field=IntegerField())
