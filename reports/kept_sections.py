"""The overview's sections kept whole, drawn and rendered, under the generations of their
teams (see `today_cache`): a team manager's page is built from the cache until a write in one
of the teams, or a change of staff, moves a generation on (`reports.receivers`).

Only reports marked `kept` in the registry: every write their figures depend on announces
`past_changed`, and the rest (teams, members, names, roles) is watched by `staff_changed`.
A caseworker's own figures are not kept: their scope is one caseload, not a team.
"""

import hashlib
import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, cast

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import get_language

from common.replica import reads_to_keep

from .today_cache import EVERY_TEAM, generations, scope_team_ids

if TYPE_CHECKING:
    from .period import Period
    from .registry import Report

# Raise when a kept section is counted or drawn differently: the old ones are then not used.
VERSION = 1


def kept_section(
    report: "Report", period: "Period", render: Callable[[], dict[str, Any]]
) -> dict[str, Any]:
    """`render()`, or what it gave for the same report, period, viewer's scope and team
    generations."""
    if not (settings.DASHBOARD_CACHE_SECONDS and report.kept and period.scope.caseworker is None):
        return render()
    identity = json.dumps([_page_identity(period), report.key])
    key = f"reports:section:{hashlib.blake2b(identity.encode(), digest_size=16).hexdigest()}"
    section = cache.get(key)
    if section is None:
        with reads_to_keep():
            section = render()
        cache.set(key, section, timeout=settings.DASHBOARD_CACHE_SECONDS)
    return section


def _page_identity(period: "Period") -> list[Any]:
    """What every kept section of the page depends on besides its report, looked up once a
    page: the scope's teams (for all teams, a query) and their generations (a look at Redis)."""
    if "kept_sections" not in period.shared:
        scope = period.scope
        teams = scope_team_ids(scope)
        kept = generations(teams)
        period.shared["kept_sections"] = [
            VERSION,
            get_language(),
            period.today.isoformat(),
            sorted(period.query.items()),
            scope.all_teams,
            scope.may_open_clients,
            teams,
            [kept[EVERY_TEAM], *(kept[team] for team in teams)],
        ]
    return cast(list[Any], period.shared["kept_sections"])
