"""Reports listen to the domain: a write dated in the past makes month-end figures stale, and
any write drops the cached counts of today of the teams it touched once it has committed."""

from collections.abc import Iterable
from datetime import date
from functools import partial
from typing import Any

from django.db import transaction

from clients.models import Client

from .services import figures_changed_from
from .today_cache import bump_generations


def mark_figures_stale(sender: Any, *, since: date, **kwargs: Any) -> None:
    figures_changed_from(since)


def drop_todays_counts(
    sender: Any,
    *,
    clients: Iterable[int] | None = None,
    teams: Iterable[int] = (),
    **kwargs: Any,
) -> None:
    """Once the write commits, the teams of the touched clients (None: every team) count
    today's figures again. Not sooner: a page counting before the commit would keep the old
    count under the new generation. The clients' teams are looked up after the commit too: a
    move committed in between has bumped the team they were in, and one after it bumps the
    team they go to."""
    transaction.on_commit(
        partial(bump_teams_of, None if clients is None else list(clients), list(teams))
    )


def bump_teams_of(clients: list[int] | None, teams: list[int]) -> None:
    if clients is None:
        bump_generations(None)
        return
    present = Client.objects.filter(pk__in=clients).values_list("team_id", flat=True)
    bump_generations({*teams, *(present if clients else ())})
