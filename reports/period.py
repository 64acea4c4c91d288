"""The dashboard's chosen team, year and reference date, read from the query string."""

from datetime import date
from typing import Any, cast

from django.http import HttpRequest
from django.utils import timezone

from accounts.models import User

from .forms import FIRST_YEAR, PeriodForm
from .permissions import report_scope, selectable_teams


class Period:
    """The dashboard's chosen team, year and reference date."""

    def __init__(self, request: HttpRequest):
        user = cast(User, request.user)
        self.today = timezone.localdate()
        self.form = PeriodForm(request.GET or None, teams=selectable_teams(user))
        data = self.form.cleaned_data if self.form.is_valid() else {}
        team = data.get("team")
        self.scope = report_scope(user, team.pk if team else None)
        self.year: int = data.get("year") or self.today.year
        self.on: date = data.get("on") or self.today
        self.start = date(self.year, 1, 1)
        self.end = min(date(self.year, 12, 31), self.today)
        # The flow through the phases: by default the starters of the two calendar years
        # before the reference day's year.
        self.flow_phase: str = data.get("phase") or "1"
        self.flow_from: date = data.get("from") or date(self.on.year - 2, 1, 1)
        self.flow_to: date = data.get("to") or max(date(self.on.year - 1, 12, 31), self.flow_from)
        chosen = {
            "team": team.pk if team else None,
            "year": data.get("year"),
            "on": data.get("on"),
            **{name: data.get(name) for name in ("phase", "from", "to")},
        }
        self.query = {key: str(value) for key, value in chosen.items() if value}
        # What the reports of one page share, per request: counts (the work tables count once),
        # and the identity of the page's kept sections.
        self.shared: dict[Any, Any] = {}

    @property
    def years(self) -> list[int]:
        """The years of the yearly tables: seven as in table 3.1; one caseworker's clients are
        counted live, so for them the chosen year only."""
        if self.scope.caseworker is not None:
            return [self.year]
        return list(range(max(self.year - 6, FIRST_YEAR), self.year + 1))
