"""What the reports share: the phases, the rows of a caseload table, the drill-down filters of
the scope, and a totals row."""

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.utils.translation import gettext as _

from accounts.models import User
from accounts.roles import Role
from clients.querysets import CASEWORKER_THEN, QS, TEAM_THEN, with_caseworker_then
from common.tables import Cell, Table
from phases.models import Phase
from reports.permissions import ReportScope

NO_CASEWORKER = "none"  # the drill-down's value for "without a fixed contact person"
START = "start"  # the "from" of a client's first phase
PHASES: list[str] = list(Phase.values)
NAME_ORDER = ("last_name", "first_name", "username")


class Groups:
    """Rows of a caseload table: caseworkers of one team, or teams when the scope spans more.

    A caseworker sees only their own row.
    """

    def __init__(self, scope: ReportScope):
        self.scope = scope
        self.by_caseworker = scope.caseworker is not None or len(scope.team_ids) == 1
        self.key = "caseworker" if self.by_caseworker else "team"

    def then(self, rows: QS, day: str | date, client: str = "client") -> tuple[QS, str]:
        """`rows` (dated by `day`, a date field of theirs or a date, pointing to a client
        through `client`; "" when the rows are clients) and the key to group them by: the
        team the client was in then (the rows have it: see `ReportScope.dated`, `clients_on`),
        or for one team's rows the client's fixed contact person then."""
        if not self.by_caseworker:
            return rows, TEAM_THEN
        return with_caseworker_then(rows, day, client), CASEWORKER_THEN

    def members(self) -> list[Any]:
        if not self.by_caseworker:
            return list(self.scope.teams())
        if self.scope.caseworker is not None:
            return [self.scope.caseworker]
        return list(
            User.objects.filter(
                groups__name=Role.CASEWORKER.value,
                memberships__team__in=self.scope.team_ids,
            )
            .distinct()
            .order_by(*NAME_ORDER)
        )

    def rows(self, counted: Iterable[Any] = ()) -> list[Any]:
        """The members, and anyone else with a group among `counted` (a caseworker who has
        since left the team); for a team's caseworkers also None: the clients without a fixed
        contact person."""
        members: list[Any] = self.members()
        if self.by_caseworker and self.scope.caseworker is None:
            known = {member.pk for member in members} | {None}
            others = {pk for pk in counted if pk not in known}
            if others:  # rarely: most tables count only the team's caseworkers
                members += list(User.objects.filter(pk__in=others).order_by(*NAME_ORDER))
            members.append(None)
        return members

    def filters(self, member: Any) -> dict[str, str]:
        if member is None:
            return {"caseworker": NO_CASEWORKER}
        return {self.key: str(member.pk)}

    def name_column_label(self) -> str:
        return _("Casemanager") if self.by_caseworker else _("Team")

    @staticmethod
    def label(member: Any) -> str:
        return str(member) if member is not None else _("Zonder vaste contactpersoon")


def scope_filters(scope: ReportScope) -> dict[str, str]:
    return {"team": str(scope.team.pk)} if scope.team is not None else {}


def totals_row(table: Table, drill: dict[str, str]) -> list[Cell]:
    """A totals row: sums of the count columns, drilling down to the whole scope."""
    cells = [Cell(_("Totaal"))]
    for index, column in enumerate(table.columns[1:], start=1):
        if column.kind != "int":
            cells.append(Cell(None))
            continue
        total = sum(row[index].value or 0 for row in table.rows)
        filters = table.rows[0][index].filters if table.rows else None
        extra = {k: v for k, v in (filters or {}).items() if k not in ("caseworker", "team")}
        cells.append(Cell(total, drill | extra if filters is not None else None))
    return cells
