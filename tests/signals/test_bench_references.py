"""The benchmark's reference implementations must find the same signals as run_signals."""

import datetime

import pytest
from django.db import connection

from benchmarks.signal_checks import handwritten_sql, per_client
from benchmarks.signal_raise_sql import handwritten_raise
from benchmarks.work_signal_checks import handwritten_work_sql, per_client_work
from clients.models import Client
from norms.selectors import norm_in_force
from signals.models import Signal
from signals.services import run_signals
from tests.factories import (
    ClientFactory,
    ConversationFactory,
    JobFactory,
    JobRenewalFactory,
    PhasePeriodFactory,
)

D = datetime.date(2026, 11, 2)
day = datetime.timedelta(days=1)


@pytest.fixture
def caseload(team, caseworker):
    """A small mix: spoken and unspoken, stalled and moving, one inactive."""
    for index, (phase, since, spoken) in enumerate(
        [
            ("1", datetime.date(2020, 1, 1), False),
            ("2", datetime.date(2026, 6, 1), True),
            ("3", datetime.date(2024, 1, 1), True),
            ("4", datetime.date(2019, 1, 1), False),
            ("2", datetime.date(2023, 1, 1), False),
        ]
    ):
        client = ClientFactory.create(team=team, caseworker=caseworker)
        PhasePeriodFactory.create(client=client, phase=phase, started_on=since)
        if spoken:
            ConversationFactory.create(client=client, caseworker=caseworker, held_on=D)
        if index == 4:
            Client.objects.filter(pk=client.pk).update(out_of_service_on=D)


def open_for(kind: str) -> set[int]:
    return set(Signal.objects.filter(kind=kind, status="open").values_list("client_id", flat=True))


def orm_sets() -> dict[str, set[int]]:
    return {kind: open_for(kind) for kind in ("no_contact", "stalled_phase")}


def test_per_client_loop_finds_the_same_signals(caseload):
    run_signals(as_of=D)
    ids = list(Client.objects.values_list("id", flat=True))

    assert per_client(D, norm_in_force(D), ids) == orm_sets()
    assert orm_sets()["no_contact"] and orm_sets()["stalled_phase"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the hand-written SQL is PostgreSQL")
def test_handwritten_sql_finds_the_same_signals(caseload):
    run_signals(as_of=D)

    assert handwritten_sql(D, norm_in_force(D)) == orm_sets()


@pytest.fixture
def working_caseload(team, caseworker):
    """Contracts ending in and out of the window (one renewed after D), jobs ended in and out
    of theirs, spoken after the end or not, and an inactive client with an ending contract."""
    clients = [ClientFactory.create(team=team, caseworker=caseworker) for _ in range(7)]
    JobFactory.create(client=clients[0], contract="temporary", planned_end_on=D + 56 * day)
    JobFactory.create(client=clients[1], contract="agency", planned_end_on=D + 57 * day)
    renewed = JobFactory.create(
        client=clients[2], contract="temporary", planned_end_on=D + 300 * day
    )
    JobRenewalFactory.create(
        job=renewed,
        renewed_on=D + 3 * day,
        new_planned_end_on=D + 300 * day,
        previous_planned_end_on=D + 20 * day,
    )
    for client, ended_on in ((clients[3], D - 14 * day), (clients[4], D - 13 * day)):
        JobFactory.create(client=client, ended_on=ended_on, end_reason="dismissed")
    JobFactory.create(client=clients[5], ended_on=D - 40 * day, end_reason="dismissed")
    ConversationFactory.create(client=clients[5], caseworker=caseworker, held_on=D - 39 * day)
    JobFactory.create(client=clients[6], contract="temporary", planned_end_on=D + day)
    Client.objects.filter(pk=clients[6].pk).update(out_of_service_on=D)
    return clients


def work_sets() -> dict[str, set[int]]:
    return {kind: open_for(kind) for kind in ("contract_ending", "job_ended")}


def test_per_client_loop_finds_the_same_work_signals(working_caseload):
    run_signals(as_of=D)
    ids = [client.pk for client in working_caseload]

    assert per_client_work(D, norm_in_force(D), ids) == work_sets()
    assert work_sets() == {
        "contract_ending": {working_caseload[0].pk, working_caseload[2].pk},
        "job_ended": {working_caseload[3].pk},
    }


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the hand-written SQL is PostgreSQL")
def test_handwritten_sql_finds_the_same_work_signals(working_caseload):
    run_signals(as_of=D)

    assert handwritten_work_sql(D, norm_in_force(D)) == work_sets()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the hand-written SQL is PostgreSQL")
def test_handwritten_raising_raises_as_many_with_their_history(caseload, working_caseload):
    raised = handwritten_raise(D, norm_in_force(D))

    assert Signal.objects.count() == Signal.history.count() == raised
    Signal.history.all().delete()
    Signal.objects.all().delete()
    assert raised == sum(run_signals(as_of=D).raised.values()) > 0
