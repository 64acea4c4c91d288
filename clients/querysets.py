from datetime import date

from django.db import models
from django.db.models import OuterRef, Q, Subquery


class ClientQuerySet(models.QuerySet):
    def active_on(self, day: date) -> "ClientQuerySet":
        """Clients the contact norm applies to on `day`: work capacity and in service."""
        return self.filter(
            Q(out_of_service_on__isnull=True) | Q(out_of_service_on__gt=day),
            has_work_capacity=True,
            in_service_since__lte=day,
        )

    def with_current_phase(self) -> "ClientQuerySet":
        from phases.models import PhasePeriod

        open_period = PhasePeriod.objects.filter(client=OuterRef("pk"), ended_on__isnull=True)
        return self.annotate(
            current_phase=Subquery(open_period.values("phase")[:1]),
            current_phase_since=Subquery(open_period.values("started_on")[:1]),
        )
