"""The dashboard's figures of today, kept in the cache per team and day (and those of a past
month-end the stored figures do not hold yet, in the same way).

A team's figure is keyed on its name and version, the day, the team's generation and the
generation of all teams. Every write a figure of today depends on announces `past_changed`
with the clients it touched (without them: any team's); once it has committed,
`reports.receivers` moves the generations of their teams on, so the next page counts those
teams again and never shows a figure the write made wrong. A view of more teams adds up the
teams' figures, counting only the teams the cache lacks, in one query.

Only in a cache every process shares (Redis): `DASHBOARD_CACHE_SECONDS` is 0 otherwise, and
every page counts. Either way a page that opens `one_count_per_page` counts (or reads) each
figure once, however many of its reports ask for it.
"""

import copy
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date
from typing import Any, TypeVar

from django.conf import settings
from django.core.cache import cache

from accounts.models import Team
from common.cache import move_generation_on, started_generation
from common.replica import reads_to_keep

from .permissions import ReportScope

EVERY_TEAM = "all"
Figure = TypeVar("Figure")


def _generation_key(team: int | str) -> str:
    return f"reports:today:generation:{team}"


def bump_generations(teams: Iterable[int] | None) -> None:
    """After a write: the figures of `teams` (None: every team) are counted again."""
    keys = [_generation_key(EVERY_TEAM)] if teams is None else [_generation_key(t) for t in teams]
    for key in keys:
        move_generation_on(key)


def generations(teams: list[int]) -> dict[int | str, int]:
    named: list[int | str] = [EVERY_TEAM, *teams]
    keys = {_generation_key(t): t for t in named}
    found = cache.get_many(list(keys))
    return {
        team: found[key] if key in found else started_generation(key) for key, team in keys.items()
    }


def scope_team_ids(scope: ReportScope) -> list[int]:
    if scope.all_teams:
        return list(Team.objects.order_by("pk").values_list("pk", flat=True))
    return list(scope.team_ids)


# The figures one page has counted or read, by figure, day and teams; None outside a page.
_page_figures: ContextVar[dict[str, Any] | None] = ContextVar("page_figures", default=None)


@contextmanager
def one_count_per_page() -> Iterator[None]:
    """Within the block each figure of today is counted or read once; every report gets its
    own copy, as from the cache."""
    token = _page_figures.set({})
    try:
        yield
    finally:
        _page_figures.reset(token)


def per_team(
    figure: str,
    teams: list[int],
    day: date,
    count: Callable[[list[int]], dict[int, Figure]],
    empty: Callable[[], Figure],
) -> dict[int, Figure]:
    """`figure` of `day` (mostly today) per team: from the cache where it holds it, else
    `count(teams)` for the teams it lacks (a team without any rows gets `empty()`). `figure`
    names the figure and its version: raise the version when it is counted differently."""
    page = _page_figures.get()
    key = f"{figure}:{day.isoformat()}:{','.join(map(str, teams))}"
    if page is not None and key in page:
        return copy.deepcopy(page[key])
    result = _cached_per_team(figure, teams, day, count, empty)
    if page is not None:
        page[key] = copy.deepcopy(result)
    return result


def _cached_per_team(
    figure: str,
    teams: list[int],
    day: date,
    count: Callable[[list[int]], dict[int, Figure]],
    empty: Callable[[], Figure],
) -> dict[int, Figure]:
    seconds = settings.DASHBOARD_CACHE_SECONDS
    if not seconds:
        counted = count(teams)
        return {team: counted.get(team, empty()) for team in teams}
    kept = generations(teams)
    keys = {
        team: f"reports:today:{figure}:{day.isoformat()}:{team}:{kept[EVERY_TEAM]}:{kept[team]}"
        for team in teams
    }
    found = cache.get_many(list(keys.values()))
    result = {team: found[key] for team, key in keys.items() if key in found}
    missing = [team for team in teams if team not in result]
    if missing:
        with reads_to_keep():
            counted = count(missing)
        fresh = {team: counted.get(team, empty()) for team in missing}
        cache.set_many({keys[team]: value for team, value in fresh.items()}, timeout=seconds)
        result |= fresh
    return result
