"""What the domain announces after it writes, for the apps that derive from it to act on.

A domain service sends an event inside its writing transaction; it does not know who listens.
The derived apps subscribe in their `AppConfig.ready()`: reports marks month-end figures out of
date, signals re-checks a client's open signals once the write has committed. A new kind of
record (a job, a rung on the ladder) announces itself here and needs no import upward.
"""

from collections.abc import Iterable
from datetime import date
from enum import StrEnum
from typing import Any

from django.dispatch import Signal as Event


class Fact(StrEnum):
    """What about a client changed, as far as a derived condition may care."""

    CONTACT = "contact"  # a conversation held, or a contact exemption
    PHASE = "phase"  # a new phase, or a phase exemption
    WORK = "work"  # a job, its end, correction or renewal, or a provision


# History dated on `since` or later changed: figures counted for those dates may be wrong.
# Arguments: since (date); clients (ids of the clients it touched; None: it may touch any
# client, and the dashboard counts today's figures of every team again); teams (ids of teams
# touched besides the clients' own once it commits: the team a client moved out of).
past_changed = Event()

# A fact about one client changed. Arguments: client_id (int), fact (Fact),
# by (the user, or None), change_reason (str: why, for the listeners' own history rows).
client_changed = Event()


# Staff, their teams or their roles changed, and the write has committed. No arguments.
staff_changed = Event()


def announce_past_changed(
    since: date, *, clients: Iterable[int] | None = None, teams: Iterable[int] = ()
) -> None:
    """Announce a write dated `since` (today for a write about today). Name the clients it
    touched; without them every team's figures of today are counted again."""
    past_changed.send(
        sender=Fact,
        since=since,
        clients=None if clients is None else set(clients),
        teams=set(teams),
    )


def announce_client_changed(*, client_id: int, fact: Fact, by: Any, change_reason: str) -> None:
    client_changed.send(
        sender=Fact, client_id=client_id, fact=fact, by=by, change_reason=change_reason
    )
