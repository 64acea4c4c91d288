"""Who sees which work records, and the filters the reads share."""

from datetime import date
from typing import TYPE_CHECKING

from django.contrib.auth.models import AnonymousUser
from django.db import models
from django.db.models import Expression, Q

from clients.models import Client, ClientOwnedQuerySet

if TYPE_CHECKING:
    from accounts.models import User


def running_on_q(day: date | Expression, prefix: str = "") -> Q:
    """A job running on `day`: started on or before it, and not ended before it (the end is
    the last day worked, so a job runs on its end day). `prefix` reaches the job through a
    relation ("jobs__"); `day` may be an expression (a date per row)."""
    return Q(**{f"{prefix}started_on__lte": day}) & (
        Q(**{f"{prefix}ended_on__isnull": True}) | Q(**{f"{prefix}ended_on__gte": day})
    )


class EmployerQuerySet(models.QuerySet):
    def visible_to(self, user: "User | AnonymousUser | None") -> "EmployerQuerySet":
        """Employers are no client's personal data: every signed-in user sees them all."""
        if user is None or not user.is_authenticated:
            return self.none()
        return self

    def matching(self, search: str) -> "EmployerQuerySet":
        """Employers whose name holds every word, or with exactly this payroll tax number or
        KvK number."""
        search = search.strip()
        if not search:
            return self
        number = "".join(search.split()).upper()
        employers = self.filter(Q(payroll_tax_number=number) | Q(kvk_number=number))
        named = self
        for word in search.split():
            named = named.filter(name__icontains=word)
        return employers | named


class JobQuerySet(ClientOwnedQuerySet):
    def running_on(self, day: date) -> "JobQuerySet":
        return self.filter(running_on_q(day))


class JobRenewalQuerySet(models.QuerySet):
    def visible_to(self, user: "User | AnonymousUser | None") -> "JobRenewalQuerySet":
        """A renewal is seen with its job: when the job's client is."""
        return self.filter(job__client__in=Client.objects.visible_to(user))


class ProvisionQuerySet(ClientOwnedQuerySet):
    def pending(self) -> "ProvisionQuerySet":
        """Applied for, not yet decided."""
        return self.filter(decision="")
