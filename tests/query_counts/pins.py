"""How a list's query count is pinned (as NetBox pins its lists).

A `Pin` names a list (an API route, a screen or an admin change list), how to reach it, how to
add rows to it, and the number of queries one request for it costs. `check` asks for the list at
3 rows and at 30 and demands that both cost exactly the pinned number: a count that grows with
the rows is an N+1, and any other change, up or down, is seen and the pin updated in review.

Each list is asked for once before counting: the first request in a process fills caches
(content types, the read ceiling) that a test run order would otherwise decide.
"""

import csv
import io
import itertools
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import connection
from django.test import Client as WebClient
from django.test.utils import CaptureQueriesContext

from accounts.models import Team, User
from clients.models import Client
from tests.api_client import api_as


@dataclass
class World:
    """The people a list is read by, and the client whose own lists (conversations, work plans,
    history) grow. The caseworker is the client's fixed contact person in `team`."""

    team: Team
    caseworker: User
    manager: User
    auditor: User
    admin: User
    client: Client
    numbers: itertools.count = field(default_factory=lambda: itertools.count(1))

    def next(self) -> int:
        """A number not used before in this test, for unique dates, versions and names."""
        return next(self.numbers)

    def browser(self, who: str) -> WebClient:
        web = WebClient()
        web.force_login(getattr(self, who))
        return web

    def api(self, who: str):
        return api_as(getattr(self, who))


@dataclass(frozen=True)
class Pin:
    """One list and the queries one request for it costs, the same at 3 rows and at 30.

    `queries` is one number, or one per database vendor where they differ. `shown` tells how
    many rows the response holds, so the test knows the rows it added are in the list.
    """

    name: str  # the URL name (API, screens) or the model label (admin)
    path: Callable[[World], str]
    add: Callable[[World, int], object]
    queries: int | dict[str, int]
    shown: Callable[[Any], int]
    user: str = "caseworker"
    variant: str = ""  # a second pin of the same list (a filter, an export)

    @property
    def id(self) -> str:
        return f"{self.name}-{self.variant}" if self.variant else self.name

    def pinned(self, *, signed_in_by_session: bool = True) -> int:
        count = self.queries if isinstance(self.queries, int) else self.queries[connection.vendor]
        return count - session_reads_saved() if signed_in_by_session else count


def session_reads_saved() -> int:
    """A pin counts the query that reads a page's session from the database; with sessions read
    through the cache (with Redis, as in production) a page does without it."""
    return 1 if settings.SESSION_ENGINE == "django.contrib.sessions.backends.cached_db" else 0


def results(response) -> int:
    """The rows of an API page."""
    return len(response.json()["results"])


def page_rows(response) -> int:
    """The rows of a screen's page (a Django Paginator page in the context as `page`)."""
    return len(response.context["page"].object_list)


def csv_rows(response) -> int:
    """The rows of a CSV download, header included."""
    return len(list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")))))


def context_rows(key: str) -> Callable[[Any], int]:
    """The rows of a list the view put in the template context as `key`."""
    return lambda response: len(list(response.context[key]))


def _count(http, path: str, pin: Pin) -> tuple[int, int, list[str]]:
    with CaptureQueriesContext(connection) as captured:
        response = http.get(path)
    assert response.status_code == 200, f"{pin.id}: {path} answered {response.status_code}"
    return len(captured), pin.shown(response), [q["sql"] for q in captured.captured_queries]


def check(pin: Pin, world: World, *, api: bool = False) -> None:
    """Pin `pin`: the same pinned number of queries at 3 rows and at 30."""
    http = world.api(pin.user) if api else world.browser(pin.user)
    pin.add(world, 3)
    path = pin.path(world)
    assert http.get(path).status_code == 200  # warm the caches; see the module's docstring
    three, rows_before, _ = _count(http, path, pin)
    pin.add(world, 27)
    thirty, rows_after, sql = _count(http, path, pin)

    assert rows_after - rows_before == 27, f"{pin.id}: the 27 rows added are not all listed"
    assert three == thirty, (
        f"{pin.id}: {three} queries at 3 rows, {thirty} at 30 (an N+1?); at 30:\n" + "\n".join(sql)
    )
    pinned = pin.pinned(signed_in_by_session=not api)
    assert thirty == pinned, (
        f"{pin.id}: {thirty} queries on {connection.vendor}, pinned {pinned}; if the "
        "change is meant, update the pin. The queries:\n" + "\n".join(sql)
    )
