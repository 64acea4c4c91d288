"""The client import's rung column (`treden`): rungs with their days, all or nothing, an error
per row, and the same file twice adds nothing."""

import datetime

import pytest

from casework.importer import import_clients
from clients.models import Client
from participation.models import RungAssessment
from tests.clients.test_import import HEADER, csv, make_bsn, row

pytestmark = pytest.mark.django_db
D = datetime.date
WITH_RUNGS = HEADER + ";treden"


def with_rungs(n: int, team, rungs: str, **changes) -> str:
    return row(n, team.name, **changes) + ";" + rungs


def test_the_rungs_of_a_new_client_are_recorded_with_their_history(team):
    data = csv(with_rungs(1, team, "2:01-03-2020|4:2023-06-01"), header=WITH_RUNGS)

    result = import_clients(data, filename="ladder.csv", by=None)

    assert result.ok, result.errors
    client = Client.objects.get(bsn=make_bsn(1))
    ladder = client.rung_assessments.order_by("assessed_on")
    assert list(ladder.values_list("assessed_on", "rung", "superseded_on")) == [
        (D(2020, 3, 1), 2, D(2023, 6, 1)),
        (D(2023, 6, 1), 4, None),
    ]
    assert ladder[0].history.get().history_change_reason == "import ladder.csv"


def test_the_same_file_twice_adds_nothing(team):
    data = csv(with_rungs(1, team, "2:01-03-2020|4:2023-06-01"), header=WITH_RUNGS)
    import_clients(data, filename="a.csv", by=None)

    again = import_clients(data, filename="a.csv", by=None)

    assert (again.updated, again.unchanged) == (0, 1)
    assert RungAssessment.objects.count() == 2


def test_a_known_client_gets_only_the_rungs_it_lacks(team):
    import_clients(
        csv(with_rungs(1, team, "2:01-03-2020"), header=WITH_RUNGS), filename="a", by=None
    )

    more = import_clients(
        csv(with_rungs(1, team, "2:01-03-2020|5:01-03-2024"), header=WITH_RUNGS),
        filename="b",
        by=None,
    )

    assert more.updated == 1
    assert sorted(RungAssessment.objects.values_list("rung", flat=True)) == [2, 5]


@pytest.mark.parametrize(
    ("rungs", "message"),
    [
        ("7:01-03-2020", "Onbekende trede"),
        ("x:01-03-2020", "Onbekende trede"),
        ("³:01-03-2020", "Onbekende trede"),
        ("3:2020-13-01", "geen datum"),
        ("3:01-01-1999", "geboortedatum"),
        ("3:01-01-2999", "toekomst"),
    ],
)
def test_a_bad_rung_is_reported_on_its_row_and_nothing_is_written(team, rungs, message):
    data = csv(with_rungs(1, team, "2:01-03-2020"), with_rungs(2, team, rungs), header=WITH_RUNGS)

    result = import_clients(data, filename="f.csv", by=None)

    assert [(e.line, e.column) for e in result.errors] == [(3, "rungs")]
    assert message in result.errors[0].message
    assert str(result.errors[0]).startswith("regel 3, kolom treden")
    assert not Client.objects.exists() and not RungAssessment.objects.exists()


def test_a_file_without_the_column_imports_as_before(team):
    result = import_clients(csv(row(1, team.name)), filename="f.csv", by=None)

    assert result.ok and not RungAssessment.objects.exists()
