"""Phase periods, phase transitions and conversations over the API, with their field names."""

import datetime

import pytest
from django.utils import timezone

from interventions.models import Conversation
from phases.models import PhasePeriod
from signals.models import Signal
from tests.api_client import api_as
from tests.factories import (
    CaseworkerFactory,
    ClientFactory,
    ConversationFactory,
    PhasePeriodFactory,
    SignalFactory,
    TeamFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
D = datetime.date


def url(client, tail):
    return f"/api/v1/clients/{client.pk}/{tail}/"


def test_phase_periods_oldest_first_with_the_contract_fields(caseworker, client_file):
    PhasePeriodFactory.create(
        client=client_file, phase="1", started_on=D(2020, 1, 1), ended_on=D(2022, 1, 1)
    )
    PhasePeriodFactory.create(client=client_file, phase="2", started_on=D(2022, 1, 1))

    body = api_as(caseworker).get(url(client_file, "phases")).json()

    assert [(r["phase"], r["started_on"], r["ended_on"]) for r in body["results"]] == [
        ("1", "2020-01-01", "2022-01-01"),
        ("2", "2022-01-01", None),
    ]
    assert set(body["results"][0]) == {"phase", "started_on", "ended_on", "reason", "recorded_by"}


def test_a_transition_closes_the_current_period_and_opens_the_next(caseworker, client_file):
    PhasePeriodFactory.create(client=client_file, phase="2", started_on=D(2022, 1, 1))

    response = api_as(caseworker).post(
        url(client_file, "phase-transitions"),
        {
            "phase": "3",
            "started_on": "2025-03-01",
            "reason": "Klaar voor werk",
            "version": client_file.version,
        },
        format="json",
    )

    assert response.status_code == 201
    assert response.json()["recorded_by"] == caseworker.pk
    periods = PhasePeriod.objects.filter(client=client_file).order_by("started_on")
    assert [(p.phase, p.ended_on) for p in periods] == [("2", D(2025, 3, 1)), ("3", None)]


@pytest.mark.parametrize(
    "payload, field",
    [
        ({"phase": "2", "started_on": "2025-03-01", "reason": "x"}, "phase"),  # same phase
        ({"phase": "3", "started_on": "2021-01-01", "reason": "x"}, "started_on"),  # too early
        ({"phase": "3", "started_on": "2999-01-01", "reason": "x"}, "started_on"),
        ({"phase": "7", "started_on": "2025-03-01", "reason": "x"}, "phase"),
        ({"phase": "3", "started_on": "2025-03-01", "reason": ""}, "reason"),
        ({"phase": "3", "started_on": "niet", "reason": "x"}, "started_on"),
    ],
)
def test_a_refused_transition_is_a_400_on_its_field(caseworker, client_file, payload, field):
    PhasePeriodFactory.create(client=client_file, phase="2", started_on=D(2022, 1, 1))
    response = api_as(caseworker).post(
        url(client_file, "phase-transitions"),
        payload | {"version": client_file.version},
        format="json",
    )
    assert response.status_code == 400 and field in response.json()
    assert PhasePeriod.objects.filter(client=client_file).count() == 1


def test_a_transition_without_the_version_it_read_is_refused(caseworker, client_file):
    PhasePeriodFactory.create(client=client_file, phase="2", started_on=D(2022, 1, 1))

    response = api_as(caseworker).post(
        url(client_file, "phase-transitions"),
        {"phase": "3", "started_on": "2025-03-01", "reason": "Klaar voor werk"},
        format="json",
    )

    assert response.status_code == 400
    assert response.json()["version"] == ["Stuur de versie mee die u las."]
    assert PhasePeriod.objects.filter(client=client_file).count() == 1


def test_the_second_of_two_transitions_from_the_same_read_is_a_conflict(caseworker, client_file):
    """Two callers read the client in phase 2 and both move it on: the second, carrying the
    version it read, is refused instead of cutting the first one's period to zero days."""
    PhasePeriodFactory.create(client=client_file, phase="2", started_on=D(2022, 1, 1))
    read = client_file.version
    api = api_as(caseworker)

    first = api.post(
        url(client_file, "phase-transitions"),
        {"phase": "3", "started_on": "2025-03-01", "reason": "Werkfit", "version": read},
        format="json",
    )
    second = api.post(
        url(client_file, "phase-transitions"),
        {"phase": "4", "started_on": "2025-03-01", "reason": "Aan het werk", "version": read},
        format="json",
    )

    assert first.status_code == 201
    assert second.status_code == 409
    assert second.json()["current_version"] == read + 1
    periods = PhasePeriod.objects.filter(client=client_file).order_by("started_on")
    assert [(p.phase, p.ended_on) for p in periods] == [("2", D(2025, 3, 1)), ("3", None)]


def test_an_auditor_may_not_change_a_phase(client_file):
    auditor = UserFactory.create(username="audit", role="auditor")
    response = api_as(auditor).post(
        url(client_file, "phase-transitions"),
        {"phase": "1", "started_on": "2025-03-01", "reason": "x", "version": client_file.version},
        format="json",
    )
    assert response.status_code == 403


# Conversations --------------------------------------------------------------------------

LIST = "/api/v1/conversations/"


def test_posting_a_held_conversation_defaults_and_resolves_the_signal(
    caseworker, client_file, django_capture_on_commit_callbacks
):
    signal = SignalFactory.create(client=client_file, kind="no_contact")
    today = timezone.localdate().isoformat()

    with django_capture_on_commit_callbacks(execute=True):
        response = api_as(caseworker).post(
            LIST,
            {"client": client_file.pk, "held_on": today, "status": "held", "channel": "phone"},
            format="json",
        )

    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["caseworker"], body["kind"], body["with_client"]) == (
        caseworker.pk,
        "monitoring",
        True,
    )
    signal.refresh_from_db()
    assert signal.status == Signal.Status.RESOLVED


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"held_on": "2999-01-01"}, "held_on"),
        ({"held_on": "0001-01-01"}, "held_on"),
        ({"status": "gezellig"}, "status"),
        ({"channel": "duif"}, "channel"),
        ({"duration_minutes": -5}, "duration_minutes"),
        ({"duration_minutes": 100000}, "duration_minutes"),
        ({"client": 999999}, "client"),
    ],
)
def test_bad_conversations_are_refused_per_field(caseworker, client_file, changes, field):
    payload = {
        "client": client_file.pk,
        "held_on": timezone.localdate().isoformat(),
        "status": "held",
        "channel": "phone",
    } | changes
    response = api_as(caseworker).post(LIST, payload, format="json")
    assert response.status_code == 400 and field in response.json()
    assert not Conversation.objects.exists()


def test_a_held_conversation_tomorrow_is_refused(caseworker, client_file):
    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    response = api_as(caseworker).post(
        LIST,
        {"client": client_file.pk, "held_on": tomorrow, "status": "held", "channel": "phone"},
        format="json",
    )
    assert response.status_code == 400 and "held_on" in response.json()


def test_another_teams_client_is_an_unknown_client(caseworker):
    stranger = ClientFactory.create(team=TeamFactory.create(name="Team Elders"))
    response = api_as(caseworker).post(
        LIST,
        {
            "client": stranger.pk,
            "held_on": timezone.localdate().isoformat(),
            "status": "held",
            "channel": "phone",
        },
        format="json",
    )
    assert response.status_code == 400 and response.json()["client"] == ["Onbekende cliënt."]
    assert not Conversation.objects.exists()


@pytest.mark.parametrize(
    "someone",
    [
        lambda team: UserFactory.create(username="audit", role="auditor", team=team),
        lambda team: CaseworkerFactory.create(
            username="elders", team=TeamFactory.create(name="Team Elders")
        ),
        lambda team: UserFactory.create(username="geen.rol", team=team),
    ],
    ids=["auditor", "other-teams-caseworker", "team-member-without-role"],
)
def test_a_conversation_in_the_name_of_someone_not_working_on_the_team_is_refused(
    caseworker, client_file, someone
):
    response = api_as(caseworker).post(
        LIST,
        {
            "client": client_file.pk,
            "caseworker": someone(client_file.team).pk,
            "held_on": timezone.localdate().isoformat(),
            "status": "held",
            "channel": "phone",
        },
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["caseworker"] == [
        "Kies een casemanager of teammanager van het team van de cliënt, of laat het veld "
        "leeg voor uzelf."
    ]
    assert not Conversation.objects.exists()


def test_a_conversation_in_a_team_colleagues_name_is_recorded(caseworker, colleague, client_file):
    response = api_as(caseworker).post(
        LIST,
        {
            "client": client_file.pk,
            "caseworker": colleague.pk,
            "held_on": timezone.localdate().isoformat(),
            "status": "held",
            "channel": "phone",
        },
        format="json",
    )
    assert response.status_code == 201
    assert Conversation.objects.get().caseworker == colleague


def test_listing_filters_by_client_status_and_dates(caseworker, client_file):
    other = ClientFactory.create(team=client_file.team)
    ConversationFactory.create(client=client_file, caseworker=caseworker, held_on=D(2025, 1, 5))
    ConversationFactory.create(
        client=client_file, caseworker=caseworker, held_on=D(2025, 3, 5), status="no_show"
    )
    ConversationFactory.create(client=other, caseworker=caseworker, held_on=D(2025, 2, 5))
    ConversationFactory.create(  # another team's: never listed
        client=ClientFactory.create(team=TeamFactory.create(name="Team Elders")),
        held_on=D(2025, 2, 5),
    )
    api = api_as(caseworker)

    def held_on(query):
        return [r["held_on"] for r in api.get(LIST, query).json()["results"]]

    assert held_on({}) == ["2025-03-05", "2025-02-05", "2025-01-05"]
    assert held_on({"client": client_file.pk}) == ["2025-03-05", "2025-01-05"]
    assert held_on({"status": "no_show"}) == ["2025-03-05"]
    assert held_on({"held_on_after": "2025-02-05", "held_on_before": "2025-02-28"}) == [
        "2025-02-05"
    ]


def test_an_id_that_is_no_client_reads_like_another_teams_client(caseworker):
    stranger = ClientFactory.create(team=TeamFactory.create(name="Team Elders"))
    body = {"held_on": timezone.localdate().isoformat(), "status": "held", "channel": "phone"}
    api = api_as(caseworker)

    theirs = api.post(LIST, {**body, "client": stranger.pk}, format="json").json()
    nobody = api.post(LIST, {**body, "client": stranger.pk + 1000}, format="json").json()

    assert theirs["client"] == nobody["client"] == ["Onbekende cliënt."]


@pytest.mark.parametrize("path", ["/api/v1/conversations/", "/api/v1/workplans/", "/api/v1/"])
def test_the_api_answers_json_only_even_to_a_browser(client, caseworker, path):
    stranger = ClientFactory.create(team=TeamFactory.create(name="Team Elders"), last_name="Vreemd")
    client.force_login(caseworker)

    response = client.get(path, HTTP_ACCEPT="text/html,application/xhtml+xml")

    assert response["Content-Type"] == "application/json"
    assert stranger.last_name not in response.content.decode()
