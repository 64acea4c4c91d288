from django.db.models import OuterRef, Subquery

from clients.querysets import ClientQuerySet

from .models import PhasePeriod


def with_current_phase(clients: ClientQuerySet) -> ClientQuerySet:
    """Each client with its current phase and the day that phase started (None for none)."""
    # At most one open period per client (a constraint); no ordering, or the model's would
    # join the client into the subquery to sort by its name.
    open_period = PhasePeriod.objects.filter(
        client=OuterRef("pk"), ended_on__isnull=True
    ).order_by()
    return clients.annotate(
        current_phase=Subquery(open_period.values("phase")[:1]),
        current_phase_since=Subquery(open_period.values("started_on")[:1]),
    )
