"""Caseload per caseworker: clients by phase against the guideline, signals, overdue agreements."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from norms.models import NormVersion
from reports.catalogue.caseload import caseload_per_caseworker
from tests.factories import (
    AgreementFactory,
    CaseworkerFactory,
    ClientFactory,
    PhasePeriodFactory,
    SignalFactory,
    TeamFactory,
    WorkPlanFactory,
)
from tests.reports.conftest import D, all_scope, team_scope

pytestmark = pytest.mark.django_db


@pytest.fixture
def caseloads(db):
    today = timezone.localdate()
    NormVersion.objects.update(clients_per_fte=2)
    team = TeamFactory.create(name="Team Midden")
    half = CaseworkerFactory.create(
        username="cw.half", last_name="Aa", fte=Decimal("0.5"), team=team
    )
    full = CaseworkerFactory.create(
        username="cw.full", last_name="Bb", fte=Decimal("1.0"), team=team
    )
    CaseworkerFactory.create(username="cw.leeg", last_name="Cc", team=team)  # no clients

    def client(caseworker, phase=None, **fields):
        made = ClientFactory.create(
            team=team, caseworker=caseworker, in_service_since=D(2015, 1, 1), **fields
        )
        if phase:
            PhasePeriodFactory.create(client=made, phase=phase, started_on=D(2024, 1, 1))
        return made

    x1 = client(half, "1")
    x2 = client(half, "2")
    client(half, "2", out_of_service_on=today)  # out of service today: not counted
    x4 = client(full, "4")
    client(None)  # no caseworker and no phase
    ClientFactory.create(team=TeamFactory.create(name="Team Rand"), caseworker=None)

    yesterday, tomorrow = today - datetime.timedelta(days=1), today + datetime.timedelta(days=1)
    SignalFactory.create(client=x1, kind="no_contact")
    SignalFactory.create(client=x2, kind="stalled_phase")
    SignalFactory.create(client=x4, kind="no_contact", status="resolved", resolved_on=yesterday)

    current = WorkPlanFactory.create(client=x1, version=2)
    AgreementFactory.create(work_plan=current, due_on=yesterday)  # overdue
    AgreementFactory.create(work_plan=current, due_on=tomorrow)  # not yet due
    AgreementFactory.create(work_plan=current, due_on=yesterday, status="done")
    old = WorkPlanFactory.create(client=x2, status="superseded")
    AgreementFactory.create(work_plan=old, due_on=yesterday)  # an old plan's: not counted
    return team, half, full


def test_clients_per_phase_per_caseworker(caseloads):
    team, half, full = caseloads
    table = caseload_per_caseworker(team_scope(team), today=timezone.localdate())

    names = table.column("name")
    assert names[:2] + names[3:] == [str(half), str(full), "Zonder vaste contactpersoon"]
    assert table.value(names[2], "clients") == 0  # a caseworker without clients still shows
    assert table.value(str(half), "clients") == 2
    assert (table.value(str(half), "phase_1"), table.value(str(half), "phase_2")) == (1, 1)
    assert table.value(str(full), "phase_4") == 1
    assert table.value("Zonder vaste contactpersoon", "no_phase") == 1
    assert [cell.value for cell in table.totals or []][2] == 4  # clients in the totals row


def test_clients_per_fte_against_the_guideline(caseloads):
    team, half, full = caseloads
    table = caseload_per_caseworker(team_scope(team), today=timezone.localdate())
    assert (table.value(str(half), "per_fte"), table.value(str(half), "above_guideline")) == (
        4.0,
        "ja",
    )
    assert (table.value(str(full), "per_fte"), table.value(str(full), "above_guideline")) == (
        1.0,
        "nee",
    )


def test_open_signals_by_kind_and_overdue_agreements(caseloads):
    team, half, full = caseloads
    table = caseload_per_caseworker(team_scope(team), today=timezone.localdate())
    assert table.value(str(half), "no_contact") == 1
    assert table.value(str(half), "stalled") == 1
    assert table.value(str(full), "no_contact") == 0  # resolved
    assert table.value(str(half), "overdue") == 1


def test_every_figure_links_to_its_clients(caseloads):
    team, half, _ = caseloads
    row = caseload_per_caseworker(team_scope(team), today=timezone.localdate()).rows[0]
    base = {"team": str(team.pk), "caseworker": str(half.pk)}
    assert row[2].filters == base
    assert row[3].filters == base | {"phase": "1"}
    assert row[-1].filters == base | {"overdue": "1"}


def test_more_teams_give_a_row_per_team(caseloads):
    table = caseload_per_caseworker(all_scope(), today=timezone.localdate())
    assert table.column("name") == ["Team Midden", "Team Rand"]
    assert table.value("Team Rand", "without_caseworker") == 1
    assert table.value("Team Midden", "without_caseworker") == 1
