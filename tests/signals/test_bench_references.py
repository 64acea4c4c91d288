"""The benchmark's reference implementations must find the same signals as run_signals."""

import datetime

import pytest
from django.db import connection

from benchmarks.signal_checks import handwritten_sql, per_client
from clients.models import Client
from norms.selectors import norm_in_force
from signals.models import Signal
from signals.services import run_signals
from tests.factories import ClientFactory, ConversationFactory, PhasePeriodFactory

D = datetime.date(2026, 11, 2)


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


def orm_sets() -> dict[str, set[int]]:
    return {
        kind: set(
            Signal.objects.filter(kind=kind, status="open").values_list("client_id", flat=True)
        )
        for kind in ("no_contact", "stalled_phase")
    }


def test_per_client_loop_finds_the_same_signals(caseload):
    run_signals(as_of=D)
    ids = list(Client.objects.values_list("id", flat=True))

    assert per_client(D, norm_in_force(D), ids) == orm_sets()
    assert orm_sets()["no_contact"] and orm_sets()["stalled_phase"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the hand-written SQL is PostgreSQL")
def test_handwritten_sql_finds_the_same_signals(caseload):
    run_signals(as_of=D)

    assert handwritten_sql(D, norm_in_force(D)) == orm_sets()
