"""/api/v1/clients/ and /api/v1/teams/: their fields, filters, writes and refusals."""

import datetime
import threading

import pytest
from django.db import connection, connections, transaction
from django.utils import timezone

from audit.models import AccessLog
from clients.models import Client
from clients.services import create_client
from tests.api_client import api_as
from tests.factories import (
    ClientFactory,
    PhasePeriodFactory,
    SignalFactory,
    TeamFactory,
    UserFactory,
    make_bsn,
)

pytestmark = pytest.mark.django_db
LIST = "/api/v1/clients/"
FIELDS = {
    "id",
    "bsn",
    "first_name",
    "last_name",
    "date_of_birth",
    "regime",
    "has_work_capacity",
    "in_service_since",
    "out_of_service_on",
    "out_of_service_reason",  # added beside the contract's fields
    "team",
    "caseworker",
    "current_phase",
    "version",
}


def client_values(team) -> dict:
    """new_client's values as create_client takes them."""
    values = new_client(team) | {"team": team}
    del values["caseworker"]
    return values | {
        f: datetime.date.fromisoformat(values[f]) for f in ("date_of_birth", "in_service_since")
    }


def new_client(owner, **changes):
    return {
        "bsn": "111222333",
        "first_name": "Sanne",
        "last_name": "Visser",
        "date_of_birth": "2001-05-01",
        "regime": "wajong2010",
        "has_work_capacity": True,
        "in_service_since": "2020-01-01",
        "out_of_service_on": None,
        "team": owner.pk,
        "caseworker": None,
    } | changes


def test_a_client_has_the_contract_fields_and_a_masked_bsn(caseworker, client_file):
    PhasePeriodFactory.create(client=client_file, phase="3", started_on=datetime.date(2024, 1, 1))

    body = api_as(caseworker).get(f"{LIST}{client_file.pk}/").json()

    assert set(body) == FIELDS
    assert body["bsn"] == client_file.masked_bsn
    assert (body["current_phase"], body["version"]) == ("3", client_file.version)
    assert AccessLog.objects.filter(client=client_file, action="view").count() == 1


def test_the_list_is_paginated_and_scoped(caseworker, client_file):
    ClientFactory.create(team=TeamFactory.create(name="Team Elders"))
    body = api_as(caseworker).get(LIST).json()
    assert set(body) == {"count", "next", "previous", "results"}
    assert [r["id"] for r in body["results"]] == [client_file.pk]
    # the list shows the client: a logged read, as a list, not as opening the file
    assert list(AccessLog.objects.values_list("client", "action")) == [(client_file.pk, "list")]


@pytest.mark.parametrize(
    "query, expected",
    [
        ({"phase": "2"}, ["in2"]),
        ({"search": "Zeldzaam"}, ["in2"]),
        ({"has_open_signal": "true"}, ["flagged"]),
        ({"has_open_signal": "false"}, ["in2"]),
    ],
)
def test_filters(caseworker, team, query, expected):
    in2 = ClientFactory.create(team=team, last_name="Zeldzaam")
    PhasePeriodFactory.create(client=in2, phase="2", started_on=datetime.date(2024, 1, 1))
    flagged = ClientFactory.create(team=team, last_name="Anders")
    SignalFactory.create(client=flagged)
    names = {in2.pk: "in2", flagged.pk: "flagged"}

    body = api_as(caseworker).get(LIST, query).json()

    assert sorted(names[r["id"]] for r in body["results"]) == expected


def test_search_by_full_bsn_only(caseworker, client_file):
    api = api_as(caseworker)
    assert api.get(LIST, {"search": client_file.bsn}).json()["count"] == 1
    assert api.get(LIST, {"search": client_file.bsn[:5]}).json()["count"] == 0


def test_creating_a_client_in_the_own_team_with_the_reason_header(caseworker, team):
    response = api_as(caseworker).post(
        LIST, new_client(team), format="json", HTTP_X_CHANGE_REASON="Instroom januari"
    )

    assert response.status_code == 201, response.json()
    created = Client.objects.get(bsn="111222333")
    assert response.json()["bsn"] == "*****2333"
    assert created.history.first().history_change_reason == "Instroom januari"


def test_creating_a_client_in_another_team_is_refused(caseworker):
    other = TeamFactory.create(name="Team Elders")
    response = api_as(caseworker).post(LIST, new_client(other), format="json")
    assert response.status_code == 400 and "team" in response.json()
    assert not Client.objects.exists()


@pytest.mark.parametrize(
    "field, value",
    [
        ("bsn", "123456789"),  # fails the 11-test
        ("bsn", "12345"),
        ("date_of_birth", "0001-01-01"),
        ("date_of_birth", "9999-12-31"),
        ("in_service_since", "9999-01-01"),
        ("regime", "wajong2099"),
        ("team", 999999),
        ("first_name", "x" * 101),
        ("has_work_capacity", "misschien"),
    ],
)
def test_bad_input_is_a_400_on_that_field_and_writes_nothing(caseworker, team, field, value):
    response = api_as(caseworker).post(LIST, new_client(team, **{field: value}), format="json")
    assert response.status_code == 400
    assert field in response.json()
    assert not Client.objects.exists()


def test_a_duplicate_bsn_is_refused(caseworker, team, client_file):
    response = api_as(caseworker).post(LIST, new_client(team, bsn=client_file.bsn), format="json")
    assert response.status_code == 400 and "bsn" in response.json()


@pytest.fixture
def uniqueness_check_passes(monkeypatch):
    """As for the second of two requests adding the same new BSN at once: its uniqueness check
    ran before the first one's insert, so only the database's unique constraint stops it."""
    monkeypatch.setattr(Client, "validate_unique", lambda self, exclude=None: None)


def test_a_bsn_taken_between_the_check_and_the_insert_is_a_400(
    caseworker, team, client_file, uniqueness_check_passes
):
    api = api_as(caseworker)
    api.raise_request_exception = False

    response = api.post(LIST, new_client(team, bsn=client_file.bsn), format="json")

    assert response.status_code == 400
    assert response.json() == {"bsn": ["Er is al een cliënt met dit BSN."]}
    assert Client.objects.count() == 1


def test_a_bsn_taken_between_the_check_and_the_update_is_a_400(
    caseworker, team, client_file, uniqueness_check_passes
):
    other = ClientFactory.create(team=team)
    api = api_as(caseworker)
    api.raise_request_exception = False

    response = api.patch(
        f"{LIST}{other.pk}/", {"bsn": client_file.bsn, "version": other.version}, format="json"
    )

    assert response.status_code == 400
    assert response.json() == {"bsn": ["Er is al een cliënt met dit BSN."]}
    other.refresh_from_db()
    assert other.bsn != client_file.bsn


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs row-level locking")
@pytest.mark.django_db(transaction=True)
def test_the_same_new_bsn_posted_twice_at_once_makes_one_client_and_one_400(caseworker, team):
    """A real race on PostgreSQL: the first request's insert is not committed yet when the
    second checks the BSN, so the second waits at its insert and then hits the constraint."""
    inserted, done = threading.Event(), threading.Event()

    def first_request():
        try:
            with transaction.atomic():
                create_client(**client_values(team), by=caseworker)
                inserted.set()
                done.wait(timeout=1)  # the second request checks and then blocks meanwhile
        finally:
            connections.close_all()

    first = threading.Thread(target=first_request)
    first.start()
    assert inserted.wait(timeout=10)
    api = api_as(caseworker)
    api.raise_request_exception = False
    threading.Timer(0.5, done.set).start()

    response = api.post(LIST, new_client(team), format="json")
    first.join()

    assert response.status_code == 400
    assert response.json() == {"bsn": ["Er is al een cliënt met dit BSN."]}
    assert Client.objects.filter(bsn="111222333").count() == 1


def test_patch_needs_the_version_read_and_a_stale_one_conflicts(caseworker, client_file):
    api = api_as(caseworker)
    url = f"{LIST}{client_file.pk}/"
    assert api.patch(url, {"last_name": "Nieuw"}, format="json").status_code == 400

    fresh = api.patch(url, {"last_name": "Nieuw", "version": client_file.version}, format="json")
    stale = api.patch(url, {"last_name": "Ouder", "version": client_file.version}, format="json")

    assert fresh.status_code == 200 and fresh.json()["version"] == client_file.version + 1
    assert stale.status_code == 409
    client_file.refresh_from_db()
    assert client_file.last_name == "Nieuw"


def test_patch_out_of_service_needs_the_reason(caseworker, client_file):
    api = api_as(caseworker)
    url = f"{LIST}{client_file.pk}/"
    version = client_file.version

    refused = api.patch(url, {"out_of_service_on": "2024-06-30", "version": version}, format="json")
    body = {"out_of_service_on": "2024-06-30", "out_of_service_reason": "death", "version": version}
    accepted = api.patch(url, body, format="json")

    assert refused.status_code == 400 and "out_of_service_reason" in refused.json()
    assert accepted.status_code == 200
    assert accepted.json()["out_of_service_reason"] == "death"


def test_patch_of_has_work_capacity_is_a_decision_dated_today(caseworker, client_file):
    api = api_as(caseworker)
    body = {"has_work_capacity": False, "version": client_file.version}

    assert api.patch(f"{LIST}{client_file.pk}/", body, format="json").status_code == 200

    latest = client_file.capacity_decisions.order_by("-decided_on").first()
    assert (latest.decided_on, latest.outcome) == (timezone.localdate(), "lasting_none")


def test_only_a_team_manager_hands_a_client_over_through_patch(
    caseworker, colleague, manager, client_file
):
    url = f"{LIST}{client_file.pk}/"
    version, assignments = client_file.version, client_file.assignments.count()

    for successor in (colleague.pk, None):
        refused = api_as(caseworker).patch(
            url, {"caseworker": successor, "version": version}, format="json"
        )
        assert refused.status_code == 400
        assert refused.json()["caseworker"] == [
            "Alleen een teammanager kan de vaste contactpersoon wijzigen."
        ]
    client_file.refresh_from_db()
    assert (client_file.caseworker, client_file.version) == (caseworker, version)
    assert client_file.assignments.count() == assignments

    handed_over = api_as(manager).patch(
        url, {"caseworker": colleague.pk, "version": version}, format="json"
    )
    assert handed_over.status_code == 200
    assert handed_over.json()["caseworker"] == colleague.pk


def test_a_caseworker_creates_a_client_with_only_themselves_as_contact_person(
    caseworker, colleague, manager, team
):
    someone_else = api_as(caseworker).post(
        LIST, new_client(team, caseworker=colleague.pk), format="json"
    )
    assert someone_else.status_code == 400
    assert someone_else.json()["caseworker"] == [
        "Kies uzelf of laat het veld leeg; een andere contactpersoon kiest de teammanager."
    ]
    assert not Client.objects.exists()

    themselves = api_as(caseworker).post(
        LIST, new_client(team, caseworker=caseworker.pk), format="json"
    )
    assert themselves.status_code == 201
    by_manager = api_as(manager).post(
        LIST, new_client(team, bsn=make_bsn(500), caseworker=colleague.pk), format="json"
    )
    assert by_manager.status_code == 201, by_manager.json()


def test_auditors_read_but_may_not_write(client_file, team):
    auditor = UserFactory.create(username="audit", role="auditor")
    api = api_as(auditor)
    assert api.get(f"{LIST}{client_file.pk}/").status_code == 200
    assert api.post(LIST, new_client(team), format="json").status_code == 403
    assert api.patch(f"{LIST}{client_file.pk}/", {"version": 1}, format="json").status_code == 403


def test_another_teams_client_is_not_found_for_reading_or_writing(caseworker):
    stranger = ClientFactory.create(team=TeamFactory.create(name="Team Elders"))
    api = api_as(caseworker)
    assert api.get(f"{LIST}{stranger.pk}/").status_code == 404
    assert api.patch(f"{LIST}{stranger.pk}/", {"version": 1}, format="json").status_code == 404


def test_delete_is_not_offered(caseworker, client_file):
    assert api_as(caseworker).delete(f"{LIST}{client_file.pk}/").status_code == 405


def test_teams_are_listed_for_all_and_added_by_functional_administrators(caseworker, team):
    assert api_as(caseworker).get("/api/v1/teams/").json()["results"] == [
        {"id": team.pk, "name": team.name}
    ]
    assert api_as(caseworker).post("/api/v1/teams/", {"name": "Nieuw"}).status_code == 403
    admin = UserFactory.create(username="fb", role="functional_admin")
    response = api_as(admin).post("/api/v1/teams/", {"name": "Team Noord"})
    assert response.status_code == 201 and response.json()["name"] == "Team Noord"
    duplicate = api_as(admin).post("/api/v1/teams/", {"name": "team noord"})
    assert duplicate.status_code == 400 and "name" in duplicate.json()
