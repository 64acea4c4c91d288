"""The work queue: what a caseworker has to do, from the records of every app, and the quick
actions done from it."""

import datetime

import pytest
from django.utils import timezone

from audit.models import AccessLog
from casework.work_queue import Kind, work_queue
from interventions.models import Agreement, Conversation
from signals.models import Signal
from tests.factories import (
    AgreementFactory,
    CaseworkerAssignmentFactory,
    ClientFactory,
    ContactExemptionFactory,
    ConversationFactory,
    PhaseExemptionFactory,
    SignalFactory,
    TeamFactory,
    TrajectoryFactory,
    UserFactory,
    WorkPlanFactory,
)

pytestmark = pytest.mark.django_db

day = datetime.timedelta(days=1)


def today() -> datetime.date:
    return timezone.localdate()


def plan(client, by, on) -> Conversation:
    return ConversationFactory.create(client=client, caseworker=by, held_on=on, status="planned")


def queue(caseworker, viewer=None, start=None, end=None):
    start = start or today()
    return work_queue(
        caseworker=caseworker, viewer=viewer or caseworker, start=start, end=end or start + 6 * day
    )


def kinds(items) -> list[tuple[str, datetime.date]]:
    return [(item.kind, item.due_on) for item in items]


@pytest.fixture
def busy_file(client_file, caseworker, manager):
    """One record of every kind that belongs in the queue, and some that do not."""
    plan(client_file, caseworker, today() - 3 * day)  # missed
    plan(client_file, caseworker, today())
    plan(client_file, caseworker, today() + 20 * day)  # beyond the week
    SignalFactory.create(client=client_file, raised_on=today() - 10 * day)
    SignalFactory.create(client=client_file, status="dismissed", dismissed_until=today() + day)
    current = WorkPlanFactory.create(
        client=client_file, version=2, status="agreed", agreed_on=today() - 30 * day
    )
    AgreementFactory.create(work_plan=current, due_on=today() + 2 * day, description="Cv sturen")
    AgreementFactory.create(work_plan=current, due_on=today() + 2 * day, status="done")
    old = WorkPlanFactory.create(client=client_file, version=1, status="superseded")
    AgreementFactory.create(work_plan=old, due_on=today() - day)
    PhaseExemptionFactory.create(
        client=client_file, valid_from=today() - 300 * day, review_on=today() + 4 * day
    )
    ContactExemptionFactory.create(
        client=client_file, valid_from=today() - 300 * day, valid_until=today() + 5 * day
    )
    TrajectoryFactory.create(client=client_file, planned_end_on=today() + 10 * day)
    CaseworkerAssignmentFactory.create(
        client=client_file, caseworker=caseworker, started_on=today() - 2 * day, assigned_by=manager
    )
    return client_file


def test_every_kind_of_work_is_in_the_queue_oldest_first(busy_file, caseworker):
    items = queue(caseworker)

    assert kinds(items) == [
        (Kind.SIGNAL, today() - 10 * day),
        (Kind.MISSED, today() - 3 * day),
        (Kind.HANDOVER, today() - 2 * day),
        (Kind.PLANNED, today()),
        (Kind.AGREEMENT_DUE, today() + 2 * day),
        (Kind.EXEMPTION_REVIEW, today() + 4 * day),
        (Kind.EXEMPTION_ENDING, today() + 5 * day),
        (Kind.TRAJECTORY_ENDING, today() + 10 * day),
    ]
    assert {item.client_id for item in items} == {busy_file.pk}
    agreement = next(item for item in items if item.kind == Kind.AGREEMENT_DUE)
    assert agreement.detail == "Cv sturen"
    assert agreement.ref == Agreement.objects.get(description="Cv sturen").pk


def test_a_handover_leaves_the_queue_once_the_client_is_spoken(busy_file, caseworker):
    ConversationFactory.create(client=busy_file, caseworker=caseworker, held_on=today())

    assert Kind.HANDOVER not in [item.kind for item in queue(caseworker)]


def test_a_colleagues_clients_are_not_in_my_queue(busy_file, colleague):
    assert queue(colleague) == []


def test_the_queue_shows_only_clients_the_viewer_may_see(busy_file, caseworker):
    stranger = UserFactory.create(username="tm.elders", role="team_manager", team=TeamFactory())

    assert queue(caseworker, viewer=stranger) == []


def test_clients_out_of_service_drop_out(busy_file, caseworker):
    busy_file.out_of_service_on = today() - day
    busy_file.save()

    assert queue(caseworker) == []


def test_the_queue_costs_the_same_queries_for_one_client_or_many(
    busy_file, caseworker, manager, django_assert_max_num_queries, settings
):
    settings.STAMPED_CACHE_SECONDS = 0  # built; kept, it costs its stamps (test_stamps.py)
    for _ in range(10):
        other = ClientFactory.create(team=busy_file.team, caseworker=caseworker)
        plan(other, caseworker, today())
        SignalFactory.create(client=other, raised_on=today())
    with django_assert_max_num_queries(10):
        assert len(queue(caseworker)) == 8 + 20


# The page ---------------------------------------------------------------------------------


def test_a_caseworker_starts_on_the_work_queue(client, caseworker):
    client.force_login(caseworker)

    assert client.get("/").url == "/werk/"


def test_the_page_groups_overdue_today_and_this_week(client, busy_file, caseworker):
    client.force_login(caseworker)

    response = client.get("/werk/")

    html = response.content.decode()
    groups = {key: items for key, _title, items, _total in response.context["groups"]}
    # overdue: the most pressing kind first, then by date
    assert [i.kind for i in groups["achterstallig"]] == ["missed", "signal", "handover"]
    assert [i.kind for i in groups["vandaag"]] == ["planned"]
    assert len(groups["deze-week"]) == 4
    assert "Mijn werkvoorraad" in html and "8 taken tot en met" in html
    assert f"/clienten/{busy_file.pk}/?gesprek=" in html


def test_the_page_loads_htmx_for_its_in_place_actions(client, busy_file, caseworker):
    """Without the script the hx-post forms still work, but as full page loads."""
    client.force_login(caseworker)

    html = client.get("/werk/").content.decode()

    assert "hx-post=" in html
    assert '<script src="/static/django_htmx/htmx-2' in html


def test_a_team_manager_opens_a_caseworkers_queue(client, busy_file, caseworker, manager):
    client.force_login(manager)

    response = client.get(f"/werk/?caseworker={caseworker.pk}")

    assert response.status_code == 200
    assert len(response.context["groups"][1][2]) == 1
    assert "Werkvoorraad van" in response.content.decode()


def test_a_caseworker_cannot_open_a_colleagues_queue(client, busy_file, caseworker, colleague):
    client.force_login(colleague)

    assert client.get(f"/werk/?caseworker={caseworker.pk}").status_code == 404
    assert client.get("/werk/?caseworker=x").status_code == 404
    assert client.get("/werk/?caseworker=²").status_code == 404
    assert client.get("/agenda/?caseworker=²").status_code == 404


def test_an_auditor_has_no_work_queue(client):
    client.force_login(UserFactory.create(username="au.dit", role="auditor"))

    assert client.get("/werk/").status_code == 403


# Quick actions --------------------------------------------------------------------------


def test_a_missed_plan_is_recorded_as_no_show_in_place(client, client_file, caseworker):
    missed = plan(client_file, caseworker, today() - 3 * day)
    client.force_login(caseworker)

    response = client.post(
        f"/werk/gesprek/{missed.pk}/niet-verschenen/",
        {"caseworker": caseworker.pk},
        HTTP_HX_REQUEST="true",
    )

    assert response.status_code == 200
    missed.refresh_from_db()
    assert (missed.status, missed.held_on) == ("no_show", today() - 3 * day)
    assert "niet verschenen" in response.content.decode()
    assert response.context["count"] == 0


def test_a_no_show_for_a_plan_later_this_week_is_refused(client, client_file, caseworker):
    later = plan(client_file, caseworker, today() + 2 * day)
    client.force_login(caseworker)

    page = client.get("/werk/").content.decode()
    response = client.post(f"/werk/gesprek/{later.pk}/niet-verschenen/", follow=True)

    assert f"/werk/gesprek/{later.pk}/niet-verschenen/" not in page  # no button to press
    assert "vandaag of eerder" in response.content.decode()
    assert Conversation.objects.get(pk=later.pk).status == "planned"


def test_a_plan_is_moved_and_a_past_date_refused(client, client_file, caseworker):
    planned = plan(client_file, caseworker, today())
    client.force_login(caseworker)
    url = f"/werk/gesprek/{planned.pk}/verzetten/"

    refused = client.post(url, {"on": (today() - day).isoformat()}, follow=True)
    planned.refresh_from_db()
    assert planned.held_on == today()
    assert "vandaag of later" in refused.content.decode()

    client.post(url, {"on": (today() + 2 * day).isoformat()})
    planned.refresh_from_db()
    assert (planned.held_on, planned.status) == (today() + 2 * day, "planned")


def test_a_signal_is_dismissed_with_a_reason(client, client_file, caseworker):
    signal = SignalFactory.create(client=client_file, raised_on=today())
    client.force_login(caseworker)
    url = f"/werk/signaal/{signal.pk}/terzijde/"

    without = client.post(url, {"until": (today() + 30 * day).isoformat()}, follow=True)
    assert Signal.objects.get(pk=signal.pk).status == "open"
    assert "Reden: Dit veld is vereist." in without.content.decode()

    client.post(url, {"reason": "Opname", "until": (today() + 30 * day).isoformat()})
    signal.refresh_from_db()
    assert (signal.status, signal.dismissed_reason) == ("dismissed", "Opname")


def test_an_agreement_is_marked_done(client, client_file, caseworker):
    agreement = AgreementFactory.create(
        work_plan=WorkPlanFactory.create(client=client_file), due_on=today()
    )
    client.force_login(caseworker)

    client.post(f"/werk/afspraak/{agreement.pk}/afgerond/")

    assert Agreement.objects.get(pk=agreement.pk).status == "done"


def test_an_action_on_something_settled_in_another_tab_says_so_and_changes_nothing(
    client, client_file, caseworker
):
    held = plan(client_file, caseworker, today())
    held.status = "held"
    held.save()
    agreement = AgreementFactory.create(
        work_plan=WorkPlanFactory.create(client=client_file), due_on=today(), status="cancelled"
    )
    client.force_login(caseworker)

    moved = client.post(
        f"/werk/gesprek/{held.pk}/verzetten/",
        {"on": (today() + day).isoformat()},
        follow=True,
    )
    done = client.post(f"/werk/afspraak/{agreement.pk}/afgerond/", follow=True)

    assert "intussen al vastgelegd" in moved.content.decode()
    assert Conversation.objects.get(pk=held.pk).held_on == today()
    assert done.status_code == 200
    assert Agreement.objects.get(pk=agreement.pk).status == "cancelled"
    assert [m.level_tag for m in done.context["messages"]] == ["error"]


def test_actions_on_records_outside_scope_are_not_found(client, caseworker):
    elsewhere = ClientFactory.create(team=TeamFactory(name="Team Elders"))
    foreign = plan(elsewhere, UserFactory.create(username="x.y"), today())
    client.force_login(caseworker)

    assert client.post(f"/werk/gesprek/{foreign.pk}/niet-verschenen/").status_code == 404
    assert Conversation.objects.get(pk=foreign.pk).status == "planned"


def test_an_auditor_cannot_act_from_a_queue(client, client_file, caseworker):
    planned = plan(client_file, caseworker, today())
    client.force_login(UserFactory.create(username="au.dit", role="auditor"))

    assert client.post(f"/werk/gesprek/{planned.pk}/niet-verschenen/").status_code == 403
    assert Conversation.objects.get(pk=planned.pk).status == "planned"


def test_a_long_group_shows_25_and_the_rest_on_request(client, client_file, caseworker):
    plan_ = WorkPlanFactory.create(client=client_file)
    for n in range(30):
        AgreementFactory.create(work_plan=plan_, due_on=today() - (n + 1) * day)
    client.force_login(caseworker)

    first = client.get("/werk/")
    everything = client.get("/werk/?alle=achterstallig")

    assert len(first.context["groups"][0][2]) == 25
    assert "Toon alle 30" in first.content.decode()
    assert 'Achterstallig <span class="count">(30)</span>' in first.content.decode()
    assert len(everything.context["groups"][0][2]) == 30


def test_only_the_clients_shown_are_logged_as_read(client, caseworker, client_file):
    for n in range(30):
        other = ClientFactory.create(team=client_file.team, caseworker=caseworker)
        SignalFactory.create(client=other, raised_on=today() - (n + 1) * day)
    client.force_login(caseworker)

    client.get("/werk/")

    assert AccessLog.objects.filter(user=caseworker, path="/werk/").count() == 25


# The signals on work ----------------------------------------------------------------------


def test_an_ending_contract_is_its_own_item_due_on_its_planned_end(client_file, caseworker):
    signal = SignalFactory.create(
        client=client_file,
        kind="contract_ending",
        raised_on=today() - 3 * day,
        details={
            "job": 1,
            "employer": "Bakkerij Jansen",
            "planned_end_on": str(today() + 50 * day),
        },
    )

    (item,) = queue(caseworker)

    assert (item.kind, item.due_on, item.ref) == (
        Kind.CONTRACT_ENDING,
        today() + 50 * day,
        signal.pk,
    )
    assert (item.label, item.detail) == ("Contract loopt af", "Bakkerij Jansen")


def test_a_job_ended_signal_is_a_signal_item_with_its_dutch_label(client_file, caseworker):
    SignalFactory.create(client=client_file, kind="job_ended", raised_on=today() - day)

    (item,) = queue(caseworker)

    assert (item.kind, item.detail) == (Kind.SIGNAL, "Baan beëindigd, nog geen contact")


def test_an_ending_contract_on_the_page_can_be_set_aside(client, client_file, caseworker):
    signal = SignalFactory.create(
        client=client_file,
        kind="contract_ending",
        raised_on=today(),
        details={"employer": "Bakkerij Jansen", "planned_end_on": str(today() + 20 * day)},
    )
    client.force_login(caseworker)

    html = client.get("/werk/").content.decode()

    assert "Contract loopt af" in html and "Bakkerij Jansen" in html
    assert f"/werk/signaal/{signal.pk}/terzijde/" in html


@pytest.mark.parametrize("plan", ["²", "x", "99999999999999999999999"])
def test_a_file_asked_for_with_a_plan_that_is_no_id_opens_without_it(
    client, busy_file, caseworker, plan
):
    client.force_login(caseworker)

    response = client.get(f"/clienten/{busy_file.pk}/?gesprek={plan}")

    assert response.status_code == 200
    assert response.context["contact_form"].initial["held_on"] == today()
