"""Whose figures a user may see on the dashboards, and whether they may open the clients behind.

| role                      | figures                                  | client lists behind them |
|---------------------------|------------------------------------------|--------------------------|
| team manager              | the teams they manage or work in          | yes (those teams)        |
| caseworker                | their own caseload only                   | yes (their own clients)  |
| auditor                   | every team                               | yes                      |
| functional administrator  | every team                               | no: no client files      |
"""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from accounts.models import Team, User
from accounts.roles import Role
from accounts.selectors import roles_of, teams_of
from clients.models import Client, TeamAssignment
from clients.querysets import (
    CASEWORKER_THEN,
    TEAM_THEN,
    ClientQuerySet,
    team_on_expression,
    with_caseworker_then,
)

ALL_TEAM_ROLES = {Role.AUDITOR, Role.FUNCTIONAL_ADMIN}


@dataclass(frozen=True)
class ReportScope:
    """The teams (and for a caseworker, the one caseload) a report covers."""

    team_ids: tuple[int, ...]
    all_teams: bool
    # A caseworker sees only their own figures; None: every caseworker in the teams.
    caseworker: User | None
    may_open_clients: bool
    # The one team chosen, when a user with several teams picked one.
    team: Team | None = None
    # Only the clients without a fixed contact person (a drill-down's row "none"), each on
    # its row's own day in `dated`.
    without_caseworker: bool = False

    def clients(self) -> ClientQuerySet:
        """The clients today's figures count (not yet narrowed by who may open them)."""
        clients = self.clients_in_any_team()
        if self.caseworker is not None:
            clients = clients.filter(caseworker=self.caseworker)
        return clients if self.all_teams else clients.filter(team__in=self.team_ids)

    def clients_in_any_team(self) -> ClientQuerySet:
        """Every client: for a figure whose rows test the team and caseworker of their own
        day themselves (see `dated`)."""
        return Client.objects.all()

    def clients_on(self, day: date) -> ClientQuerySet:
        """The clients a figure for `day` counts: those in the scope's teams on that day (the
        dated team periods; see `ClientQuerySet.with_team_on`), each with its `team_then`; for
        one caseworker, their clients on that day, each with its `caseworker_then`."""
        clients = Client.objects.with_team_on(day)
        if not self.all_teams:
            clients = clients.filter(
                self._ever_in_teams("pk", "team"), **{f"{TEAM_THEN}__in": self.team_ids}
            )
        if self.caseworker is not None:  # their clients then
            clients = with_caseworker_then(clients, day, client="").filter(
                **{CASEWORKER_THEN: self.caseworker.pk}
            )
        return clients

    def dated(self, rows: QuerySet, day: str, client: str = "client") -> QuerySet:
        """`rows` (dated by their field `day`, pointing to a client through `client`) whose
        client was in the scope's teams that day, each with `team_then`, that team: an event
        counts for the team the client was in when it happened, whatever the team is now."""
        rows = rows.annotate(**{TEAM_THEN: team_on_expression(day, client)})
        if not self.all_teams:
            rows = rows.filter(
                self._ever_in_teams(client, f"{client}__team"),
                **{f"{TEAM_THEN}__in": self.team_ids},
            )
        if self.caseworker is not None or self.without_caseworker:  # on the row's day
            wanted = self.caseworker.pk if self.caseworker is not None else None
            rows = with_caseworker_then(rows, day, client).filter(**{CASEWORKER_THEN: wanted})
        return rows

    def _ever_in_teams(self, client: str, team: str) -> Q:
        """The clients ever in the scope's teams (a period there, or the team now): found by
        index first, so the exact test of the team on a day runs only for their rows."""
        ever = TeamAssignment.objects.filter(team__in=self.team_ids).values("client_id")
        return Q(**{f"{client}__in": ever}) | Q(**{f"{team}__in": self.team_ids})

    def teams(self) -> QuerySet[Team]:
        teams = Team.objects.order_by("name")
        return teams if self.all_teams else teams.filter(pk__in=self.team_ids)


def may_see_dashboards(user: User) -> bool:
    roles = set(roles_of(user))
    return user.is_superuser or bool(
        roles & (ALL_TEAM_ROLES | {Role.TEAM_MANAGER, Role.CASEWORKER})
    )


def selectable_teams(user: User) -> QuerySet[Team]:
    """The teams a user may pick on the dashboard."""
    roles = set(roles_of(user))
    if user.is_superuser or roles & ALL_TEAM_ROLES:
        return Team.objects.order_by("name")
    if Role.TEAM_MANAGER in roles or Role.CASEWORKER in roles:
        return teams_of(user).order_by("name")
    return Team.objects.none()


def report_scope(user: User, team_id: int | None = None) -> ReportScope:
    """The scope for `user`, narrowed to one team when `team_id` is given.

    403 for a user with no dashboard role; 404 for a team outside the user's teams.
    """
    if not may_see_dashboards(user):
        raise PermissionDenied
    roles = set(roles_of(user))
    everything = user.is_superuser or bool(roles & ALL_TEAM_ROLES)
    manager = Role.TEAM_MANAGER in roles
    teams = selectable_teams(user)
    may_open = user.is_superuser or bool(roles & {Role.AUDITOR, Role.TEAM_MANAGER, Role.CASEWORKER})
    own = None if (everything or manager) else user
    if team_id is None:
        if everything:
            return ReportScope((), all_teams=True, caseworker=own, may_open_clients=may_open)
        mine = list(teams)
        return ReportScope(
            tuple(t.pk for t in mine),
            all_teams=False,
            caseworker=own,
            may_open_clients=may_open,
            team=mine[0] if len(mine) == 1 else None,
        )
    team = teams.filter(pk=team_id).first()
    if team is None:
        raise Http404
    return ReportScope(
        (team.pk,), all_teams=False, caseworker=own, may_open_clients=may_open, team=team
    )
