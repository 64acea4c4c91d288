"""The merged change history of a client file, and the screen auditors read it on."""

import datetime
import re
from decimal import Decimal

import pytest
from django.utils import timezone
from django.utils.html import escape

from audit.forms import AccessLogFilterForm, ChangeSearchForm, HistoryFilterForm
from audit.models import AccessLog
from audit.selectors import KINDS, client_history
from clients.services import create_client, update_client
from interventions.services.trajectories import change_trajectory_status, purchase_trajectory
from interventions.services.work_plans import create_work_plan_version, set_agreement_status
from phases.services import transition_phase
from tests.api_client import api_as
from tests.factories import (
    ClientFactory,
    ProviderFactory,
    ServiceTypeFactory,
    TeamFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def new_file(team, caseworker, colleague):
    """A client made through the services, so that every history row is a real one."""
    client = create_client(
        bsn="111222333",
        first_name="Sanne",
        last_name="Visser",
        date_of_birth=datetime.date(2000, 5, 1),
        regime="wajong2010",
        in_service_since=datetime.date(2020, 1, 1),
        team=team,
        caseworker=caseworker,
        by=caseworker,
        change_reason="Aanmelding",
    )
    transition_phase(
        client=client,
        phase="1",
        started_on=datetime.date(2020, 1, 1),
        reason="Intake",
        by=caseworker,
    )
    transition_phase(
        client=client,
        phase="2",
        started_on=datetime.date(2021, 3, 1),
        reason="Werkfit traject kan beginnen",
        by=colleague,
    )
    return client


def changes_of(entry):
    return {change.field: (change.old_display, change.new_display) for change in entry.changes}


def raw(entry):
    return {change.field: (change.old, change.new) for change in entry.changes}


def test_a_phase_change_shows_who_when_the_old_and_new_values_and_why(
    new_file, caseworker, colleague
):
    history = client_history(new_file, kinds=["phase"])

    closed, opened = (
        next(e for e in history if e.action == "changed"),
        next(e for e in history if e.action == "created" and raw(e)["phase"] == (None, "2")),
    )
    assert (closed.user, closed.reason) == (colleague, "Werkfit traject kan beginnen")
    assert changes_of(closed) == {"ended_on": ("–", "01-03-2021")}
    assert opened.user == colleague
    assert changes_of(opened)["started_on"] == ("–", "01-03-2021")


def test_a_new_record_lists_only_the_fields_filled_in(new_file, caseworker):
    created = next(e for e in client_history(new_file, kinds=["client"]) if e.action == "created")

    fields = changes_of(created)
    assert fields["first_name"] == ("–", "Sanne")
    assert fields["caseworker"] == ("–", str(caseworker))
    assert "out_of_service_on" not in fields
    assert "version" not in fields  # bookkeeping is left out
    assert created.reason == "Aanmelding"


def test_a_client_change_names_the_old_and_new_caseworker(new_file, caseworker, colleague):
    update_client(
        client=new_file,
        expected_version=new_file.version,
        changes={"caseworker": colleague, "regime": "owajong"},
        by=caseworker,
        change_reason="Verhuisd",
    )

    change = client_history(new_file, kinds=["client"])[0]
    assert change.action == "changed" and change.reason == "Verhuisd"
    assert changes_of(change) == {
        "caseworker": (str(caseworker), str(colleague)),
        "regime": ("Wajong 2010", "oWajong (aanvraag vóór 2010)"),
    }


def test_the_bsn_is_masked_in_the_history_even_when_it_changed(new_file, caseworker):
    update_client(
        client=new_file,
        expected_version=new_file.version,
        changes={"bsn": "123456782"},
        by=caseworker,
        change_reason="Typefout hersteld",
    )

    change = client_history(new_file, kinds=["client"])[0]
    assert changes_of(change) == {"bsn": ("*****2333", "*****6782")}
    assert (change.changes[0].old, change.changes[0].new) == ("*****2333", "*****6782")


def test_agreements_and_pauses_are_found_through_their_plan_and_trajectory(new_file, caseworker):
    plan = create_work_plan_version(
        client=new_file,
        goal="Werkritme",
        agreements=[{"description": "Weekrooster", "owner": "client", "due_on": None}],
        by=caseworker,
    )
    set_agreement_status(
        agreement=plan.agreements.get(), status="done", by=caseworker, change_reason="Gelukt"
    )
    trajectory = purchase_trajectory(
        client=new_file,
        service_type=ServiceTypeFactory.create(phases="2"),
        provider=ProviderFactory.create(name="Stap Verder BV"),
        purpose="Werkfit worden",
        purchased_on=datetime.date(2026, 1, 1),
        started_on=datetime.date(2026, 1, 5),
        cost=Decimal("1500"),
        by=caseworker,
    )
    change_trajectory_status(
        trajectory=trajectory,
        action="pause",
        on=datetime.date(2026, 2, 1),
        reason="Ziek",
        by=caseworker,
    )

    history = client_history(new_file)
    kinds = {entry.kind for entry in history}
    assert {"agreement", "trajectory_pause", "work_plan", "trajectory"} <= kinds
    done = next(e for e in history if e.kind == "agreement" and e.action == "changed")
    assert (changes_of(done), done.reason) == ({"status": ("Open", "Afgerond")}, "Gelukt")
    bought = next(e for e in history if e.kind == "trajectory" and e.action == "created")
    assert changes_of(bought)["provider"] == ("–", "Stap Verder BV")


def test_another_clients_records_stay_out(new_file, caseworker, team):
    other = ClientFactory.create(team=team)
    transition_phase(
        client=other, phase="3", started_on=datetime.date(2024, 1, 1), reason="x", by=caseworker
    )
    assert all(changes_of(e).get("phase", ("", ""))[1] != "3" for e in client_history(new_file))


def test_filters_by_user_date_and_kind(new_file, caseworker, colleague):
    by_colleague = client_history(new_file, user=colleague)
    assert by_colleague and {e.user for e in by_colleague} == {colleague}

    today = timezone.localdate()
    assert client_history(new_file, until=today - datetime.timedelta(days=1)) == []
    assert len(client_history(new_file, since=today)) == len(client_history(new_file))
    assert {e.kind for e in client_history(new_file, kinds=["assignment"])} == {"assignment"}


def test_newest_first(new_file):
    moments = [entry.at for entry in client_history(new_file)]
    assert moments == sorted(moments, reverse=True)


def test_the_number_of_queries_does_not_grow_with_the_history(
    new_file, caseworker, django_assert_max_num_queries
):
    for version in range(5):
        create_work_plan_version(
            client=new_file,
            goal=f"Doel {version}",
            agreements=[{"description": f"Afspraak {version}", "owner": "uwv", "due_on": None}],
            by=caseworker,
        )
    with django_assert_max_num_queries(len(KINDS)):  # one per kind of record at most
        entries = client_history(new_file)
    assert len([e for e in entries if e.kind == "work_plan"]) == 9  # 5 created, 4 superseded


# The screen -----------------------------------------------------------------------------


def url(client):
    return f"/clienten/{client.pk}/historie/"


def test_an_auditor_reads_the_history_and_the_read_is_logged(client, new_file):
    auditor = UserFactory.create(username="audit", role="auditor")
    client.force_login(auditor)

    response = client.get(url(new_file))

    assert response.status_code == 200
    page = response.content.decode()
    assert "Werkfit traject kan beginnen" in page
    assert "111222333" not in page
    log = AccessLog.objects.get(user=auditor)
    assert (log.client, log.action, log.path) == (new_file, "history", url(new_file))


def test_the_screen_filters_by_kind(client, caseworker, new_file):
    client.force_login(caseworker)
    response = client.get(url(new_file), {"kind": ["assignment"]})
    assert {e.kind for e in response.context["entries"]} == {"assignment"}


def test_an_until_before_since_is_refused_in_dutch(client, caseworker, new_file):
    client.force_login(caseworker)
    response = client.get(url(new_file), {"since": "2026-02-01", "until": "2026-01-01"})
    assert "De einddatum ligt vóór de begindatum." in response.content.decode()


def test_another_teams_client_history_is_not_found(client, caseworker):
    stranger = ClientFactory.create(team=TeamFactory.create(name="Team Elders"))
    client.force_login(caseworker)
    assert client.get(url(stranger)).status_code == 404
    assert not AccessLog.objects.exists()


def test_anonymous_is_sent_to_login(client, new_file):
    response = client.get(url(new_file))
    assert response.status_code == 302 and response.url.startswith("/login/")


# The API ----------------------------------------------------------------------------------


def test_the_api_gives_the_contract_fields_and_logs_the_read(new_file, colleague):
    body = api_as(colleague).get(f"/api/v1/clients/{new_file.pk}/history/").json()

    assert set(body) == {"count", "next", "previous", "results"}
    first = body["results"][0]
    assert set(first) == {"at", "user", "model", "object_id", "action", "changes", "reason"}
    phase_change = next(
        r for r in body["results"] if r["model"] == "phaseperiod" and r["action"] == "changed"
    )
    assert phase_change["changes"] == [{"field": "ended_on", "old": None, "new": "2021-03-01"}]
    assert phase_change["reason"] == "Werkfit traject kan beginnen"
    assert phase_change["user"] == colleague.pk
    assert AccessLog.objects.filter(user=colleague, client=new_file, action="history").exists()


def test_the_api_filters_by_user_and_kind(new_file, caseworker):
    api = api_as(caseworker)
    body = api.get(
        f"/api/v1/clients/{new_file.pk}/history/", {"user": caseworker.pk, "kind": "phase"}
    ).json()
    assert body["count"] >= 1
    assert all(r["model"] == "phaseperiod" and r["user"] == caseworker.pk for r in body["results"])


def test_the_api_refuses_bad_filters_per_field(new_file, caseworker):
    response = api_as(caseworker).get(
        f"/api/v1/clients/{new_file.pk}/history/", {"from": "gisteren", "kind": "geheim"}
    )
    assert response.status_code == 400
    assert set(response.json()) == {"from", "kind"}


def test_the_api_hides_another_teams_client(caseworker):
    stranger = ClientFactory.create(team=TeamFactory.create(name="Team Elders"))
    response = api_as(caseworker).get(f"/api/v1/clients/{stranger.pk}/history/")
    assert response.status_code == 404
    assert not AccessLog.objects.exists()


# All changes by one person ---------------------------------------------------------------


def test_every_change_by_one_person_across_the_system(new_file, caseworker, colleague):
    from accounts.roles import Role
    from accounts.services import save_staff_user
    from audit.selectors import changes_by

    save_staff_user(username="nieuw", role=Role.AUDITOR, team_names=[], by=colleague)
    today = timezone.localdate()

    entries = changes_by(colleague, since=today, until=today)

    kinds = {entry.kind for entry in entries}
    assert {"phase", "client", "user"} <= kinds  # the transition, its client version, the user
    assert all(entry.user == colleague for entry in entries)
    phase = next(e for e in entries if e.kind == "phase" and e.action == "changed")
    assert phase.client_id == new_file.pk
    assert changes_of(phase) == {"ended_on": ("–", "01-03-2021")}
    assert changes_by(caseworker, since=today, until=today)  # the other person's own changes
    assert not changes_by(
        colleague,
        since=today - datetime.timedelta(days=9),
        until=today - datetime.timedelta(days=1),
    )


def test_the_search_screen_exports_and_logs_the_clients_in_it(client, new_file, colleague):
    auditor = UserFactory.create(username="audit.z", role="auditor")
    client.force_login(auditor)
    today = timezone.localdate().isoformat()
    query = {"user": colleague.pk, "since": today, "until": today}

    page = client.get("/wijzigingen/", query)
    export = client.get("/wijzigingen/", query | {"export": "csv"})

    assert page.status_code == 200 and page.context["page"].paginator.count >= 2
    assert "Werkfit traject kan beginnen" in export.content.decode("utf-8-sig")
    assert AccessLog.objects.filter(user=auditor, client=new_file, action="export").exists()


def test_a_search_over_more_than_a_year_is_refused(client):
    client.force_login(UserFactory.create(username="audit.y", role="auditor"))
    response = client.get(
        "/wijzigingen/", {"user": 1, "since": "2020-01-01", "until": "2022-01-01"}
    )
    assert "Zoek over hoogstens een jaar tegelijk." in response.content.decode()


def test_both_change_lists_filter_alike_and_name_who_changed_or_which_client(
    client, new_file, colleague
):
    client.force_login(UserFactory.create(username="audit.cols", role="auditor"))
    today = timezone.localdate().isoformat()

    def headers(response) -> list[str]:
        return re.findall(r'<th scope="col">([^<]*)</th>', response.content.decode())

    history = client.get(url(new_file))
    search = client.get("/wijzigingen/", {"user": colleague.pk, "since": today, "until": today})

    assert headers(history) == [
        "Tijdstip",
        "Door",
        "Gegeven",
        "Handeling",
        "Wat veranderde",
        "Reden",
    ]
    assert headers(search) == [
        "Tijdstip",
        "Gegeven",
        "Cliënt",
        "Handeling",
        "Wat veranderde",
        "Reden",
    ]
    for page in (history, search):
        html = page.content.decode()
        assert all(f'name="{name}"' in html for name in ("user", "since", "until", "kind"))
    assert f"<td>{escape(str(colleague))}</td>" in history.content.decode()
    # the client by name, not "dossier 811"
    name = f"{new_file.last_name}, {new_file.first_name}"
    assert f'href="{url(new_file)}">{escape(name)}</a>' in search.content.decode()
    assert f">dossier {new_file.pk}<" not in search.content.decode()


@pytest.mark.parametrize("form_class", [HistoryFilterForm, AccessLogFilterForm, ChangeSearchForm])
def test_every_filter_refuses_an_end_before_the_start(form_class, caseworker):
    form = form_class({"user": caseworker.pk, "since": "2026-02-01", "until": "2026-01-01"})

    assert not form.is_valid()
    assert form.errors["until"] == ["De einddatum ligt vóór de begindatum."]
