"""Today's figures on the dashboard are kept per team and day, and the overview's sections
whole; neither outlives a write that changes them: each test loads the dashboard, writes, and
loads it again."""

import datetime

import pytest
from django.contrib.auth.models import update_last_login
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from clients.services import assign_caseworker, move_to_team
from interventions.models import Agreement, Conversation
from interventions.services.conversations import log_conversation
from interventions.services.work_plans import set_agreement_status
from phases.services import transition_phase
from reports.kept_sections import kept_section
from reports.month_end_figures import figures_on, month_end_counts
from reports.today_cache import bump_generations, generations
from reports.today_figures import summed_by, today_counts
from signals.services import dismiss_signal
from tests.commits import committing
from tests.factories import (
    AgreementFactory,
    CaseworkerFactory,
    ClientFactory,
    PhasePeriodFactory,
    SignalFactory,
    TeamFactory,
    UserFactory,
    WorkPlanFactory,
)

from .conftest import all_scope, team_scope

pytestmark = pytest.mark.django_db
LONG_AGO = datetime.date(2015, 1, 1)


@pytest.fixture(autouse=True)
def cached(settings, own_cache):
    """The dashboard's cache on, in a cache of this test's own."""
    settings.DASHBOARD_CACHE_SECONDS = 600


@pytest.fixture
def teams(team, caseworker, manager):
    """`team` with two clients in phase 2 (never spoken), and another team with one."""
    clients = []
    for _ in range(2):
        client = ClientFactory.create(team=team, caseworker=caseworker, in_service_since=LONG_AGO)
        PhasePeriodFactory.create(client=client, phase="2", started_on=datetime.date(2024, 1, 1))
        clients.append(client)
    other = TeamFactory.create(name="Team Elders")
    outsider = ClientFactory.create(team=other, in_service_since=LONG_AGO)
    PhasePeriodFactory.create(client=outsider, phase="2", started_on=datetime.date(2024, 1, 1))
    return team, other, clients


def held(client, on: datetime.date, caseworker) -> Conversation:
    """A conversation by phone with `client`, held on `on`."""
    return log_conversation(
        client=client, held_on=on, status=Conversation.Status.HELD, channel="phone", by=caseworker
    )


def section(response, key):
    return next(s["table"] for s in response.context["sections"] if s["table"].key == key)


def totals(response, key) -> dict[str, object]:
    table = section(response, key)
    return {
        column.key: cell.value for column, cell in zip(table.columns, table.totals, strict=True)
    }


def key_figure(response, row: int) -> object:
    return section(response, "key_figures").rows[row][1].value


def test_a_second_load_takes_the_counts_from_the_cache(client, manager, teams):
    client.force_login(manager)
    client.get("/dashboard/")

    with CaptureQueriesContext(connection) as first:
        client.get("/dashboard/?year=2025")  # other tables, the same counts of today
    bump_generations(None)
    with CaptureQueriesContext(connection) as recounted:
        client.get("/dashboard/?year=2025")

    assert len(first) < len(recounted)


def test_a_phase_transition_shows_at_once(client, manager, teams, caseworker):
    _team, _other, (moving, _stays) = teams
    client.force_login(manager)
    before = totals(client.get("/dashboard/"), "caseload")

    with committing():
        transition_phase(
            client=moving, phase="3", started_on=timezone.localdate(), reason="Klaar", by=caseworker
        )
    after = totals(client.get("/dashboard/"), "caseload")

    assert (before["phase_2"], before["phase_3"]) == (2, 0)
    assert (after["phase_2"], after["phase_3"]) == (1, 1)


def test_a_held_conversation_shows_at_once(client, manager, teams, caseworker):
    _team, _other, (spoken, _silent) = teams
    client.force_login(manager)
    before = client.get("/dashboard/")

    with committing():
        held(spoken, timezone.localdate(), caseworker)
    after = client.get("/dashboard/")

    assert totals(before, "contact_norm")["spoken"] == 0
    assert totals(after, "contact_norm")["spoken"] == 1
    assert key_figure(before, 1) == 2 and key_figure(after, 1) == 1  # not spoken


def test_a_signal_set_aside_and_an_agreement_done_show_at_once(client, manager, teams, caseworker):
    _team, _other, (first, _second) = teams
    signal = SignalFactory.create(client=first)
    agreement = AgreementFactory.create(
        work_plan=WorkPlanFactory.create(client=first),
        due_on=timezone.localdate() - datetime.timedelta(days=7),
    )
    client.force_login(manager)
    before = totals(client.get("/dashboard/"), "caseload")

    with committing():
        dismiss_signal(
            signal=signal, reason="Met vakantie", until=timezone.localdate(), by=caseworker
        )
        set_agreement_status(agreement=agreement, status=Agreement.Status.DONE, by=caseworker)
    after = totals(client.get("/dashboard/"), "caseload")

    assert (before["no_contact"], before["overdue"]) == (1, 1)
    assert (after["no_contact"], after["overdue"]) == (0, 0)


def test_a_move_shows_in_both_teams_at_once(client, teams):
    team, other, (moving, _stays) = teams
    auditor = UserFactory.create(username="au.dit", role="auditor")
    client.force_login(auditor)
    client.get("/dashboard/")

    with committing():
        assign_caseworker(client=moving, caseworker=None, on=timezone.localdate(), by=None)
        move_to_team(client=moving, team=other, on=timezone.localdate(), by=None)
    rows = section(client.get("/dashboard/"), "caseload").rows

    clients = {row[0].value: row[1].value for row in rows}
    assert clients == {str(team): 1, str(other): 2}


def test_cached_counts_are_the_live_counts_for_a_team_and_for_all(settings, teams):
    team, _other, _clients = teams
    today = timezone.localdate()
    for scope in (team_scope(team), all_scope()):
        settings.DASHBOARD_CACHE_SECONDS = 0
        live = today_counts(scope, today)
        settings.DASHBOARD_CACHE_SECONDS = 600
        today_counts(scope, today)
        assert today_counts(scope, today) == live
    by_team = summed_by(today_counts(all_scope(), today), "team")
    assert by_team[team.pk]["total"] == 2 and by_team[team.pk]["phase_2"] == 2


@pytest.mark.parametrize("past", [False, True], ids=["today", "last month-end"])
def test_month_end_counts_not_stored_are_kept_and_follow_a_write(teams, caseworker, past):
    """Today's month-end counts, and the month-end just past from midnight until the nightly
    refresh stores it, are counted live: once, not on every page."""
    _team, _other, (spoken, _silent) = teams
    today = timezone.localdate()
    day = today.replace(day=1) - datetime.timedelta(days=1) if past else today
    scope = all_scope()
    before = figures_on(scope, [day])[day]
    with CaptureQueriesContext(connection) as again:
        assert figures_on(scope, [day])[day] == before

    with committing():
        held(spoken, day, caseworker)
    after = figures_on(scope, [day])[day]

    live = month_end_counts(scope.clients_on(day), day)
    assert not any('AS "early_in_phase"' in q["sql"] for q in again.captured_queries)
    assert sum(row["conversed_in_month"] for row in before) == 0
    assert sum(row["conversed_in_month"] for row in after) == 1
    assert sorted(after, key=repr) == sorted(live, key=repr)


@pytest.mark.parametrize("seconds", [0, 600])
@pytest.mark.usefixtures("on_a_month_end")
def test_one_page_counts_each_figure_of_today_once(client, manager, teams, settings, seconds):
    """Key figures, caseload and the contact norm share today's counts; the norm trend and
    the phase distribution share today's month-end counts: with the cache and without."""
    settings.DASHBOARD_CACHE_SECONDS = seconds
    client.force_login(manager)

    with CaptureQueriesContext(connection) as page:
        response = client.get("/dashboard/")

    assert response.status_code == 200
    sql = [q["sql"] for q in page.captured_queries]
    today = timezone.localdate().isoformat()
    assert sum('AS "early_in_phase"' in q and today in q for q in sql) == 1
    assert sum('AS "no_phase"' in q for q in sql) == 1
    assert key_figure(response, 0) == 2


def test_a_second_look_renders_no_kept_section_again(client, manager, teams, monkeypatch):
    client.force_login(manager)
    first = client.get("/dashboard/")
    drawn: list[str] = []

    def drawing(report, period, render):
        def counted():
            drawn.append(report.key)
            return render()

        return kept_section(report, period, counted)

    monkeypatch.setattr("reports.views.kept_section", drawing)

    again = client.get("/dashboard/")

    assert drawn == []
    html = [[s["html"] for s in page.context["sections"]] for page in (first, again)]
    assert html[0] == html[1] and len(html[0]) == 5


def test_a_write_dated_before_a_move_counts_again_in_the_team_the_client_was_in(teams, caseworker):
    """A figure of a day before the move counts the client in its team of then: a write
    dated that day counts that team again, one dated after the move does not."""
    team, other, (moved, _stays) = teams
    today = timezone.localdate()
    with committing():
        assign_caseworker(client=moved, caseworker=None, on=today, by=None)
        move_to_team(client=moved, team=other, on=today, by=None)

    def team_generation_after_a_conversation(held_on: datetime.date) -> tuple[int, int]:
        before = generations([team.pk])[team.pk]
        with committing():
            held(moved, held_on, caseworker)
        return before, generations([team.pk])[team.pk]

    earlier, later = team_generation_after_a_conversation(today - datetime.timedelta(days=20))
    assert later != earlier
    earlier, later = team_generation_after_a_conversation(today)
    assert later == earlier


def test_a_new_caseworker_in_the_team_shows_at_once(client, manager, teams):
    """A change of staff counts every team again; a sign-in, which stamps the user, not."""
    team, _other, _clients = teams
    with committing():  # the fixtures' own staff
        client.force_login(manager)
    before = section(client.get("/dashboard/"), "caseload").rows
    kept = generations([team.pk])

    with committing():
        update_last_login(type(manager), manager)
    signed_in = generations([team.pk])
    with committing():
        newcomer = CaseworkerFactory.create(last_name="Aanwinst", team=team)
    after = section(client.get("/dashboard/"), "caseload").rows

    assert signed_in == kept and generations([team.pk]) != kept
    assert str(newcomer) not in [row[0].value for row in before]
    assert str(newcomer) in [row[0].value for row in after]


def test_kept_sections_are_the_viewers_own(client, manager, teams):
    _team, other, _clients = teams
    elder = UserFactory.create(username="tm.elders", role="team_manager", team=other)
    client.force_login(manager)
    ours = totals(client.get("/dashboard/"), "caseload")

    client.force_login(elder)
    theirs = totals(client.get("/dashboard/"), "caseload")

    assert (ours["clients"], theirs["clients"]) == (2, 1)
