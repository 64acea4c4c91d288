"""The bulk actions cost a pinned number of queries for 3 clients and for 30: the view reads the
selection set-based, and planning writes set-based. A handover goes through the handover
service, which writes client by client (as the handover page does); the view's own queries
around it are pinned."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from casework.views import bulk
from clients.models import Client
from interventions.models import Conversation
from tests.factories import CaseworkerFactory, ClientFactory, PhasePeriodFactory

from .pins import World, session_reads_saved

pytestmark = pytest.mark.django_db


def add_clients(world: World, n: int) -> list[Client]:
    """Clients of the caseworker in phase 3 (the world's own client is in phase 2)."""
    added = []
    for _ in range(n):
        client = ClientFactory.create(team=world.team, caseworker=world.caseworker)
        PhasePeriodFactory.create(client=client, phase="3")
        added.append(client)
    return added


def in_a_week() -> str:
    return (timezone.localdate() + timedelta(days=7)).isoformat()


def ticked(clients: list[Client]) -> dict:
    return {"source": "caseload", "scope": "ticked", "client": [c.pk for c in clients]}


def all_in_phase_3() -> dict:
    matching = Client.objects.filter(phase_periods__phase="3").count()
    return {"source": "caseload", "query": "phase=3", "scope": "all", "expected": matching}


def queries(http, path: str, data: dict, status: int) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = http.post(path, data)
    assert response.status_code == status, response.content.decode()[:2000]
    return len(captured)


PLAN = {"kind": "monitoring", "channel": "phone"}


@pytest.mark.parametrize(
    "select, pinned",
    [
        # the session, savepoint, user, roles, teams; the selection: count and rows; the service's
        # savepoint, the lock, who is active, the plans there are, the missed plan moved and its
        # history row, the new plans and their history rows, release; release, the read log
        # (of the booked clients the message names)
        (lambda world, added: ticked(added), 18),
        # all matching: the same, the selection counted through the caseload's filters
        (lambda world, added: all_in_phase_3(), 18),
    ],
    ids=["ticked", "all-matching"],
)
@pytest.mark.usefixtures("mid_month")
def test_planning_costs_the_same_for_3_clients_and_for_30(world: World, select, pinned):
    http = world.browser("caseworker")
    warm = {**PLAN, "on": in_a_week(), **ticked([world.client])}
    assert http.post("/clienten/selectie/gesprek/", warm).status_code == 302

    counts = []
    for n in (3, 30):
        added = add_clients(world, n)
        for client, days in ((added[0], -3), (added[1], 30)):  # a missed plan; a booked one
            Conversation.objects.create(
                client=client,
                caseworker=world.caseworker,
                held_on=timezone.localdate() + timedelta(days=days),
                status="planned",
                channel="phone",
            )
        data = {**PLAN, "on": in_a_week(), **select(world, added)}
        counts.append(queries(http, "/clienten/selectie/gesprek/", data, 302))
        assert Conversation.objects.filter(client__in=added, status="planned").count() == n

    assert counts == [pinned - session_reads_saved()] * 2


@pytest.mark.parametrize(
    "select, pinned",
    [
        # the session, savepoint, user, roles, teams; the selection counted; the rows; release,
        # the read log's one insert
        (lambda world, added: ticked(added), 9),
        (lambda world, added: all_in_phase_3(), 9),
    ],
    ids=["ticked", "all-matching"],
)
def test_an_export_costs_the_same_for_3_clients_and_for_30(world: World, select, pinned):
    http = world.browser("caseworker")
    assert http.post("/clienten/selectie/export/", {"format": "csv", **ticked([world.client])})

    counts = []
    for n in (3, 30):
        added = add_clients(world, n)
        data = {"format": "csv", **select(world, added)}
        counts.append(queries(http, "/clienten/selectie/export/", data, 200))

    assert counts == [pinned - session_reads_saved()] * 2


def test_a_handovers_own_queries_are_the_same_for_3_clients_and_for_30(world: World, monkeypatch):
    receiver = CaseworkerFactory.create(username="ontvanger", team=world.team)
    service_queries: list[int] = []
    real = bulk.hand_over_clients

    def counted(**kwargs):
        with CaptureQueriesContext(connection) as inside:
            result = real(**kwargs)
        service_queries.append(len(inside))
        return result

    monkeypatch.setattr(bulk, "hand_over_clients", counted)
    http = world.browser("manager")
    note = {"caseworker": receiver.pk, "handover_note": "Graag na 14 uur bellen."}

    own = []
    for n in (3, 30):
        added = add_clients(world, n)
        total = queries(http, "/clienten/selectie/overdragen/", {**note, **ticked(added)}, 302)
        own.append(total - service_queries[-1])

    # the session, savepoint, user, roles, teams; the caseworker chosen; the selection counted
    # and read; release (no read log: the message names no skipped client)
    assert own == [9 - session_reads_saved()] * 2
