"""The caseload list: figures per client, scope, filters and a fixed number of queries."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from casework.selectors import caseload
from interventions.models import Agreement, WorkPlan
from norms.models import NormVersion
from signals.models import Signal
from tests.factories import (
    CaseworkerFactory,
    ClientFactory,
    ConversationFactory,
    PhasePeriodFactory,
    TeamFactory,
)

TODAY = datetime.date(2026, 11, 2)
day = datetime.timedelta(days=1)

pytestmark = pytest.mark.django_db


def talk(client, on, **fields):
    values = {"status": "held", "channel": "in_person", "with_client": True, **fields}
    return ConversationFactory.create(
        client=client, caseworker=client.caseworker, held_on=on, **values
    )


def plan(client, version, status, agreements):
    work_plan = WorkPlan.objects.create(
        client=client,
        version=version,
        goal="Werk",
        status=status,
        agreed_on=TODAY if status == "agreed" else None,
    )
    for due_on, agreement_status in agreements:
        Agreement.objects.create(
            work_plan=work_plan,
            description="x",
            owner="client",
            due_on=due_on,
            status=agreement_status,
        )


def row(user, client, **filters):
    return caseload(user=user, today=TODAY, **filters).get(pk=client.pk)


def test_figures_for_a_client(caseworker, client_file):
    PhasePeriodFactory.create(
        client=client_file,
        phase="1",
        started_on=datetime.date(2020, 1, 1),
        ended_on=datetime.date(2023, 5, 1),
    )
    PhasePeriodFactory.create(client=client_file, phase="3", started_on=datetime.date(2023, 5, 1))
    talk(client_file, datetime.date(2026, 3, 1))
    talk(client_file, datetime.date(2026, 9, 1), channel="written")
    talk(client_file, datetime.date(2026, 10, 1), status="no_show")
    talk(client_file, TODAY + 20 * day, status="planned")
    talk(client_file, TODAY + 5 * day, status="planned")
    talk(client_file, TODAY - 5 * day, status="planned")  # missed: it stays until recorded
    plan(client_file, 1, "superseded", [(TODAY - 90 * day, "open")])
    plan(
        client_file,
        2,
        "agreed",
        [(TODAY - day, "open"), (TODAY, "open"), (TODAY - 9 * day, "done")],
    )
    Signal.objects.create(
        client=client_file,
        kind="no_contact",
        raised_on=TODAY,
        rule_version=NormVersion.objects.get(),
    )

    found = row(caseworker, client_file)

    assert (found.current_phase, found.current_phase_since) == ("3", datetime.date(2023, 5, 1))
    assert found.last_contact_on == datetime.date(2026, 3, 1)
    assert found.next_contact_on == TODAY - 5 * day
    assert (found.open_signals, found.overdue_agreements) == (1, 1)


def test_a_client_without_anything_has_empty_figures(caseworker, client_file):
    found = row(caseworker, client_file)
    assert (found.current_phase, found.last_contact_on, found.next_contact_on) == (None, None, None)
    assert (found.open_signals, found.overdue_agreements) == (0, 0)


def test_my_caseload_holds_my_clients_and_the_team_switch_adds_colleagues(
    caseworker, colleague, team
):
    mine = ClientFactory.create(team=team, caseworker=caseworker)
    theirs = ClientFactory.create(team=team, caseworker=colleague)
    elsewhere = ClientFactory.create(team=TeamFactory.create(name="Team Elders"))

    assert set(caseload(user=caseworker, today=TODAY)) == {mine}
    assert set(caseload(user=caseworker, today=TODAY, whole_team=True)) == {mine, theirs}
    assert elsewhere not in caseload(user=caseworker, today=TODAY, whole_team=True)


def test_filter_on_phase(caseworker, team):
    in_two = ClientFactory.create(team=team, caseworker=caseworker)
    PhasePeriodFactory.create(client=in_two, phase="2")
    in_four = ClientFactory.create(team=team, caseworker=caseworker)
    PhasePeriodFactory.create(client=in_four, phase="4")

    assert list(caseload(user=caseworker, today=TODAY, phase="2")) == [in_two]


def test_filter_on_no_contact_since(caseworker, team):
    recent = ClientFactory.create(team=team, caseworker=caseworker)
    talk(recent, datetime.date(2026, 6, 1))
    long_ago = ClientFactory.create(team=team, caseworker=caseworker)
    talk(long_ago, datetime.date(2025, 1, 1))
    never = ClientFactory.create(team=team, caseworker=caseworker)

    found = set(caseload(user=caseworker, today=TODAY, no_contact_since=datetime.date(2026, 1, 1)))

    assert found == {long_ago, never}


def test_filter_on_open_signal_kind(caseworker, team):
    flagged = ClientFactory.create(team=team, caseworker=caseworker)
    other = ClientFactory.create(team=team, caseworker=caseworker)
    norm = NormVersion.objects.get()
    Signal.objects.create(client=flagged, kind="stalled_phase", raised_on=TODAY, rule_version=norm)
    Signal.objects.create(client=other, kind="no_contact", raised_on=TODAY, rule_version=norm)

    assert list(caseload(user=caseworker, today=TODAY, signal="stalled_phase")) == [flagged]


def test_filter_on_overdue_agreements(caseworker, team):
    late = ClientFactory.create(team=team, caseworker=caseworker)
    plan(late, 1, "agreed", [(TODAY - day, "open")])
    on_time = ClientFactory.create(team=team, caseworker=caseworker)
    plan(on_time, 1, "agreed", [(TODAY, "open")])

    assert list(caseload(user=caseworker, today=TODAY, overdue_only=True)) == [late]


def test_search_by_name_ignores_case_and_takes_several_words(caseworker, team):
    anna = ClientFactory.create(
        team=team, caseworker=caseworker, first_name="Anna", last_name="de Vries"
    )
    ClientFactory.create(team=team, caseworker=caseworker, first_name="Anna", last_name="Bakker")

    assert list(caseload(user=caseworker, today=TODAY, search="anna VRIES")) == [anna]


def test_search_by_full_bsn_finds_the_client_but_a_fragment_does_not(caseworker, client_file):
    assert list(caseload(user=caseworker, today=TODAY, search=client_file.bsn)) == [client_file]
    assert list(caseload(user=caseworker, today=TODAY, search=client_file.bsn[:6])) == []


def test_a_page_of_the_caseload_costs_the_same_queries_for_3_or_30_clients(team):
    worker = CaseworkerFactory.create(username="ad.tel", team=team)

    def add(n):
        for _ in range(n):
            client = ClientFactory.create(team=team, caseworker=worker)
            PhasePeriodFactory.create(client=client, phase="2")
            talk(client, datetime.date(2026, 5, 1))

    def queries():
        worker_again = type(worker).objects.get(pk=worker.pk)  # no cached roles
        with CaptureQueriesContext(connection) as captured:
            rows = list(caseload(user=worker_again, today=TODAY)[:50])
            [(r.caseworker, r.team) for r in rows]
        return len(captured.captured_queries), len(rows)

    add(3)
    small = queries()
    add(27)
    large = queries()

    assert (small[1], large[1]) == (3, 30)
    assert small[0] == large[0]
