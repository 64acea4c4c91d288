"""Who sees which organisations and referrals, and the filters the reads share."""

from typing import TYPE_CHECKING

from django.contrib.auth.models import AnonymousUser
from django.db import models
from django.db.models import BooleanField, Case, F, Value, When

from clients.models import ClientOwnedQuerySet

if TYPE_CHECKING:
    from accounts.models import Team, User

OPEN_STATUSES = ("referred", "waiting", "in_care")


class OrganisationQuerySet(models.QuerySet):
    def visible_to(self, user: "User | AnonymousUser | None") -> "OrganisationQuerySet":
        """The social map is no client's personal data: every signed-in user reads it."""
        if user is None or not user.is_authenticated:
            return self.none()
        return self

    def active(self) -> "OrganisationQuerySet":
        return self.filter(active=True)

    def region_first(self, team: "Team | None") -> "OrganisationQuerySet":
        """The organisations of the team's region first, then the others, each by name. Teams
        carry no region of their own: a team works in the region its name holds
        ("Team Utrecht 2" in "Utrecht")."""
        name = team.name if team is not None else ""
        return (
            self.annotate(
                team_name=Value(name, output_field=models.CharField()),
            )
            .annotate(
                in_region=Case(
                    When(team_name__icontains=F("region"), then=Value(True)),
                    default=Value(False),
                    output_field=BooleanField(),
                )
            )
            .order_by("-in_region", "region", "name", "id")
        )


class ReferralQuerySet(ClientOwnedQuerySet):
    def open(self) -> "ReferralQuerySet":
        """Still running: referred, waiting or in care."""
        return self.filter(status__in=OPEN_STATUSES)
