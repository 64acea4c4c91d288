from datetime import date
from typing import TypeVar

from django.apps import apps
from django.contrib.auth.models import AnonymousUser
from django.db import models
from django.db.models import Case, Exists, F, FilteredRelation, OuterRef, Q, Subquery, When
from django.db.models.functions import Coalesce

from accounts.models import User
from accounts.roles import Role
from accounts.selectors import roles_of, team_ids_of

from .permissions import may_see_every_client_file

# The outcome of a decision that the client has work capacity (`models.WorkCapacity.HAS`).
HAS_WORK_CAPACITY = "has_work_capacity"


def active_on_q(day: date, prefix: str = "") -> Q:
    """Active on `day`, the clients the contact norm applies to: work capacity by the decision
    in force that day, in service since `day` or earlier, and not out of service by then.
    `prefix` reaches the client through a relation ("client__")."""
    return Q(
        Q(**{f"{prefix}out_of_service_on__isnull": True})
        | Q(**{f"{prefix}out_of_service_on__gt": day}),
        capable_on_q(day, prefix),
        **{f"{prefix}in_service_since__lte": day},
    )


def visible_clients_q(user: User | AnonymousUser | None, prefix: str = "") -> Q | None:
    """`ClientQuerySet.visible_to` as a condition, None when `user` may see no client at all.
    `prefix` reaches the client through a relation ("client__"), so a query of signals or
    agreements joins the client once instead of also asking for its id in a subquery."""
    if user is None or not user.is_authenticated:
        return None
    if may_see_every_client_file(user):
        return Q()
    roles = roles_of(user)
    if Role.CASEWORKER in roles or Role.TEAM_MANAGER in roles:
        return Q(**{f"{prefix}team__in": team_ids_of(user)})
    return None


def capable_on_q(day: date, prefix: str = "") -> Q:
    """The decision on work capacity in force on `day` (the latest decided on or before it)
    says the client has it. A later decision does not change what was true then."""
    # Looked up by name: the models import this module for the client's manager.
    decisions = apps.get_model("clients", "WorkCapacityDecision")
    in_force = decisions.objects.filter(
        Q(superseded_on__isnull=True) | Q(superseded_on__gt=day),
        client=OuterRef(f"{prefix}pk"),
        decided_on__lte=day,
        outcome=HAS_WORK_CAPACITY,
    )
    return Q(Exists(in_force))


# The annotation `with_team_on` adds: the client's team on the day asked for.
TEAM_THEN = "team_then"


def team_on_expression(day: str, client: str = "client") -> Coalesce:
    """For a row that points to a client through `client` (a relation such as "client" or
    "job__client"): that client's team on the row's own date field `day`. The team period
    covering that day, else the current team (a day before the first period)."""
    periods = apps.get_model("clients", "TeamAssignment")  # the models import this module
    covering = periods.objects.filter(
        Q(ended_on__isnull=True) | Q(ended_on__gt=OuterRef(day)),
        client=OuterRef(f"{client}_id"),
        started_on__lte=OuterRef(day),
    )
    return Coalesce(
        Subquery(covering.values("team")[:1]),
        F(f"{client}__team"),
        output_field=models.BigIntegerField(),  # a team's id
    )


# The annotation `caseworker_on_expression` is given under: the fixed contact person then.
CASEWORKER_THEN = "caseworker_then"
QS = TypeVar("QS", bound=models.QuerySet)


def caseworker_on_expression(day: str | date, client: str = "client") -> Coalesce:
    """For a row that points to a client through `client` ("" when the rows are clients):
    that client's fixed contact person on `day`, a date field of the row or a date. The
    assignment covering that day; none in a gap between assignments; the caseworker now on a
    day before the first assignment (as the team, see `team_on_expression`)."""
    assignments = apps.get_model("clients", "CaseworkerAssignment").objects.filter(
        client=OuterRef(f"{client}_id" if client else "pk")
    )
    when = OuterRef(day) if isinstance(day, str) else models.Value(day)
    covering = assignments.filter(
        Q(ended_on__isnull=True) | Q(ended_on__gt=when), started_on__lte=when
    )
    now = F(f"{client}__caseworker" if client else "caseworker")
    return Coalesce(
        Subquery(covering.values("caseworker")[:1]),
        Case(When(Exists(assignments.filter(started_on__lte=when)), then=None), default=now),
        output_field=models.BigIntegerField(),  # a user's id
    )


def with_caseworker_then(rows: QS, day: str | date, client: str = "client") -> QS:
    """`rows` with `caseworker_then` (see `caseworker_on_expression`), added once: rows that
    have it already keep theirs."""
    if CASEWORKER_THEN in rows.query.annotations:
        return rows
    return rows.annotate(**{CASEWORKER_THEN: caseworker_on_expression(day, client)})


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

    def with_team_on(self, day: date) -> "ClientQuerySet":
        """Each client with `team_then`: its team on `day` by the dated team periods (its
        current team on a day no period covers), joined once, so that figures for a past day
        count a client in the team it was in then."""
        covering = FilteredRelation(
            "team_periods",
            condition=Q(team_periods__started_on__lte=day)
            & (Q(team_periods__ended_on__isnull=True) | Q(team_periods__ended_on__gt=day)),
        )
        return self.annotate(team_period_then=covering).annotate(
            **{TEAM_THEN: Coalesce(F("team_period_then__team"), F("team"))}
        )

    def visible_to(self, user: User | AnonymousUser | None) -> "ClientQuerySet":
        """The clients whose file `user` may see: their own teams' clients, or all for auditors.
        Without a user (None), or signed out: none.

        Functional administrators maintain catalogues and norms and see no client files.
        """
        seen = visible_clients_q(user)
        return self.none() if seen is None else self.filter(seen)
