from django.contrib.auth.models import UserManager as DjangoUserManager
from django.db.models import QuerySet

from .roles import Role


class UserManager(DjangoUserManager):
    def caseworkers(self, *, teams: QuerySet | None = None) -> QuerySet:
        """The active caseworkers by name; with `teams`, the ones with a membership in one of
        those teams (each once): who their clients can be handed over to."""
        users = self.filter(groups__name=Role.CASEWORKER.value, is_active=True)
        if teams is not None:
            users = users.filter(memberships__team__in=teams.values("id")).distinct()
        return users.order_by("last_name", "first_name", "username")
