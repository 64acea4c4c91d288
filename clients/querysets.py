from datetime import date

from django.contrib.auth.models import AnonymousUser
from django.db import models
from django.db.models import Q

from accounts.models import User
from accounts.roles import Role
from accounts.selectors import roles_of, teams_of

from .permissions import may_see_every_client_file


def active_on_q(day: date, prefix: str = "") -> Q:
    """Active on `day`, the clients the contact norm applies to: work capacity, in service
    since `day` or earlier, and not out of service by then. `prefix` reaches the client
    through a relation ("client__")."""
    return Q(
        Q(**{f"{prefix}out_of_service_on__isnull": True})
        | Q(**{f"{prefix}out_of_service_on__gt": day}),
        **{f"{prefix}has_work_capacity": True, f"{prefix}in_service_since__lte": day},
    )


def bsn_digits(text: str) -> str:
    """The nine digits of a BSN written in any common way ('123 456 782', '123.45.6782',
    '123-456-782'), else ''."""
    digits = text.translate(str.maketrans("", "", " .-"))
    return digits if len(digits) == 9 and digits.isascii() and digits.isdigit() else ""


class ClientQuerySet(models.QuerySet):
    def matching(self, search: str) -> "ClientQuerySet":
        """Clients whose name holds every word, or whose BSN is exactly the nine digits given
        (no partial BSN searches: that would be fishing in personal data)."""
        search = search.strip()
        if not search:
            return self
        digits = bsn_digits(search)
        if digits:
            return self.filter(bsn=digits)
        clients = self
        for word in search.split():
            clients = clients.filter(Q(first_name__icontains=word) | Q(last_name__icontains=word))
        return clients

    def visible_to(self, user: User | AnonymousUser | None) -> "ClientQuerySet":
        """The clients whose file `user` may see: their own teams' clients, or all for auditors.
        Without a user (None), or signed out: none.

        Functional administrators maintain catalogues and norms and see no client files.
        """
        if user is None or not user.is_authenticated:
            return self.none()
        if may_see_every_client_file(user):
            return self
        roles = roles_of(user)
        if Role.CASEWORKER in roles or Role.TEAM_MANAGER in roles:
            return self.filter(team__in=teams_of(user).values("id"))
        return self.none()
