"""The overview's key figures: the two Monday questions answered in numbers that open lists."""

import datetime

import pytest
from django.utils import timezone

from common.dates import months_back
from reports.catalogue.key_figures import key_figures
from tests.factories import (
    CaseworkerFactory,
    ClientFactory,
    ConversationFactory,
    PhasePeriodFactory,
    SignalFactory,
    TeamFactory,
)
from tests.reports.conftest import D, team_scope

pytestmark = pytest.mark.django_db


def test_not_spoken_now_and_a_year_ago_and_stuck_per_phase(counted):
    today = timezone.localdate()
    year_ago = months_back(today, 13)[0]
    team = TeamFactory.create(name="Team Kern")
    worker = CaseworkerFactory.create(username="cw.kern", team=team)
    spoken_lately = ClientFactory.create(
        team=team, caseworker=worker, in_service_since=D(2015, 1, 1)
    )
    ConversationFactory.create(
        client=spoken_lately, caseworker=worker, held_on=today - datetime.timedelta(days=10)
    )
    spoken_long_ago = ClientFactory.create(
        team=team, caseworker=worker, in_service_since=D(2015, 1, 1)
    )
    ConversationFactory.create(
        client=spoken_long_ago, caseworker=worker, held_on=year_ago - datetime.timedelta(days=5)
    )
    stuck = ClientFactory.create(team=team, caseworker=worker, in_service_since=D(2015, 1, 1))
    PhasePeriodFactory.create(client=stuck, phase="2", started_on=D(2020, 1, 1))
    SignalFactory.create(client=stuck, kind="stalled_phase")
    counted()

    table = key_figures(team_scope(team), today=today)

    assert table.value("Actieve cliënten", "now") == 3
    # now: the long-ago one and the stuck one; a year ago: only the stuck one and the
    # one spoken lately (then not yet spoken)
    assert table.value("Niet gesproken in het afgelopen jaar", "now") == 2
    assert table.value("Niet gesproken in het afgelopen jaar", "year_ago") == 2
    assert table.value("Geen voortgang in fase 2", "now") == 1
    assert table.value("Geen voortgang in fase 1", "now") == 0
    assert table.rows[3][1].filters == {
        "team": str(team.pk),
        "signal": "stalled_phase",
        "phase": "2",
    }
