"""Each assessment holds from its day up to the client's next one (`superseded_on`), kept true
by every write: recording out of order, two on one day, a correction that moves a date, and
the import."""

import datetime

import pytest

from participation.chain import chain_rungs
from participation.figures import with_rung_on
from participation.models import RungAssessment
from participation.services import correct_rung, record_rung
from tests.factories import ClientFactory

pytestmark = pytest.mark.django_db
D = datetime.date


def periods(client):
    return list(
        RungAssessment.objects.filter(client=client)
        .order_by("assessed_on", "id")
        .values_list("rung", "assessed_on", "superseded_on")
    )


def test_recording_out_of_order_chains_each_assessment_to_the_next():
    client = ClientFactory.create()
    record_rung(client=client, rung=2, assessed_on=D(2025, 6, 1), by=None)
    record_rung(client=client, rung=1, assessed_on=D(2024, 6, 1), by=None)
    record_rung(client=client, rung=3, assessed_on=D(2026, 1, 5), by=None)

    assert periods(client) == [
        (1, D(2024, 6, 1), D(2025, 6, 1)),
        (2, D(2025, 6, 1), D(2026, 1, 5)),
        (3, D(2026, 1, 5), None),
    ]


def test_of_two_on_one_day_the_one_recorded_last_holds_and_the_other_never():
    client = ClientFactory.create()
    first = record_rung(client=client, rung=2, assessed_on=D(2025, 6, 1), by=None)
    record_rung(client=client, rung=4, assessed_on=D(2025, 6, 1), by=None)
    first.refresh_from_db()

    assert first.superseded_on == D(2025, 6, 1)
    rungs = with_rung_on(type(client).objects.filter(pk=client.pk), D(2025, 6, 1))
    assert list(rungs.values_list("rung_then", flat=True)) == [4]


def test_a_correction_of_the_date_rechains_the_client():
    client = ClientFactory.create()
    early = record_rung(client=client, rung=2, assessed_on=D(2024, 6, 1), by=None)
    record_rung(client=client, rung=3, assessed_on=D(2025, 6, 1), by=None)

    correct_rung(
        assessment=early,
        changes={"assessed_on": D(2025, 9, 1)},
        by=None,
        change_reason="Datum verkeerd overgenomen",
    )

    assert periods(client) == [
        (3, D(2025, 6, 1), D(2025, 9, 1)),
        (2, D(2025, 9, 1), None),
    ]


def test_chaining_again_changes_nothing_and_a_bulk_load_is_chained_at_once():
    client = ClientFactory.create()
    RungAssessment.objects.bulk_create(
        [
            RungAssessment(client=client, rung=rung, assessed_on=day)
            for rung, day in ((5, D(2025, 2, 1)), (4, D(2024, 2, 1)))
        ]
    )
    assert chain_rungs() == 1
    assert periods(client) == [(4, D(2024, 2, 1), D(2025, 2, 1)), (5, D(2025, 2, 1), None)]
    assert chain_rungs([client.pk]) == 0
