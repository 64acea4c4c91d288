"""`BulkWriter` takes a row's values in the order the model declares its fields, and refuses a
row with a value too few or too many before anything is queued."""

import datetime

import pytest
from django.utils import timezone

from common.bulk import BulkWriter
from interventions.models import TrajectoryPause
from tests.factories import TrajectoryFactory

pytestmark = pytest.mark.django_db


def test_a_row_fills_the_columns_after_the_id_in_the_models_order():
    trajectory = TrajectoryFactory.create()
    writer = BulkWriter(TrajectoryPause, change_reason="Gegenereerd")

    pause_id = writer.add(
        trajectory.pk,
        datetime.date(2025, 2, 1),
        datetime.date(2025, 3, 1),
        "Ziek",
        at=timezone.now(),
        by=None,
    )
    writer.finish()

    pause = TrajectoryPause.objects.get(pk=pause_id)
    assert (pause.trajectory, pause.from_date, pause.to_date, pause.reason) == (
        trajectory,
        datetime.date(2025, 2, 1),
        datetime.date(2025, 3, 1),
        "Ziek",
    )
    assert pause.history.get().history_change_reason == "Gegenereerd"


@pytest.mark.parametrize("values", [(1, datetime.date(2025, 2, 1), None), (1, None, None, "", "")])
def test_a_row_with_a_value_too_few_or_too_many_is_refused(values):
    writer = BulkWriter(TrajectoryPause, change_reason="Gegenereerd")

    with pytest.raises(TypeError, match="TrajectoryPause takes 4 values"):
        writer.add(*values, at=timezone.now(), by=None)

    assert writer.rows == [] and writer.history_rows == []
