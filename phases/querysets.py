from django.db.models import OuterRef, Subquery

from clients.querysets import ClientQuerySet

from .models import PhasePeriod


def with_current_phase(clients: ClientQuerySet) -> ClientQuerySet:
    """Each client with its current phase and the day that phase started (None for none)."""
    open_period = PhasePeriod.objects.filter(client=OuterRef("pk"), ended_on__isnull=True)
    return clients.annotate(
        current_phase=Subquery(open_period.values("phase")[:1]),
        current_phase_since=Subquery(open_period.values("started_on")[:1]),
    )
