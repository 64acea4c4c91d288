"""The domain announces its writes; reports and signals must be listening."""

from datetime import date

import pytest

from common.events import Fact, client_changed, past_changed
from reports.receivers import mark_figures_stale
from signals.receivers import RESOLVES, recheck_client


def _receivers(event) -> list:
    return [ref() for _key, ref, *_rest in event.receivers]  # weak references


def test_reports_and_signals_are_connected():
    assert mark_figures_stale in _receivers(past_changed)
    assert recheck_client in _receivers(client_changed)


def test_every_fact_resolves_a_signal_kind():
    assert set(RESOLVES) == set(Fact)


@pytest.mark.django_db
def test_a_past_change_marks_the_figures_stale():
    from reports.models import FigureState

    past_changed.send(sender=Fact, since=date(2020, 3, 1))
    assert FigureState.objects.get(pk=1).stale_from == date(2020, 3, 1)
