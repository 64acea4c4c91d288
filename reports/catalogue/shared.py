"""What the reports share: the phases, the rows of a caseload table, the drill-down filters of
the scope, and a totals row."""

from typing import Any

from django.utils.translation import gettext as _

from accounts.models import User
from accounts.roles import Role
from clients.querysets import TEAM_THEN
from common.tables import Cell, Table
from phases.models import Phase
from reports.permissions import ReportScope

NO_CASEWORKER = "none"  # the drill-down's value for "without a fixed contact person"
START = "start"  # the "from" of a client's first phase
PHASES: list[str] = list(Phase.values)


class Groups:
    """Rows of a caseload table: caseworkers of one team, or teams when the scope spans more.

    A caseworker sees only their own row.
    """

    def __init__(self, scope: ReportScope):
        self.scope = scope
        self.by_caseworker = scope.caseworker is not None or len(scope.team_ids) == 1
        self.key = "caseworker" if self.by_caseworker else "team"

    def key_then(self, client: str = "client") -> str:
        """The field to group dated rows by (see `ReportScope.dated`, `clients_on`): the
        team the client was in then, or the client's caseworker (`client` reaches the client
        from the rows; "" when the rows are clients)."""
        if not self.by_caseworker:
            return TEAM_THEN
        return f"{client}__caseworker" if client else "caseworker"

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
            .order_by("last_name", "first_name", "username")
        )

    def rows(self) -> list[Any]:
        """The members; for a team's caseworkers also None: the clients without a fixed
        contact person."""
        members: list[Any] = self.members()
        if self.by_caseworker and self.scope.caseworker is None:
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
