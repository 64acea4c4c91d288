"""PATCH /api/v1/conversations/{id}/: what became of a planned conversation, on the same record,
or a move to another day, with the old date kept in the history."""

import datetime

import pytest
from django.utils import timezone

from audit.models import AccessLog
from interventions.models import Conversation
from signals.models import Signal
from tests.api_client import api_as
from tests.factories import (
    ClientFactory,
    ConversationFactory,
    SignalFactory,
    TeamFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


def url(conversation):
    return f"/api/v1/conversations/{conversation.pk}/"


def plan(client_file, caseworker, on):
    return ConversationFactory.create(
        client=client_file, caseworker=caseworker, held_on=on, status="planned", channel="phone"
    )


@pytest.mark.parametrize("outcome", ["held", "no_show", "cancelled"])
def test_a_plan_is_recorded_on_the_same_record(caseworker, client_file, outcome):
    today = timezone.localdate()
    planned = plan(client_file, caseworker, today + 3 * DAY)

    response = api_as(caseworker).patch(
        url(planned),
        {"status": outcome, "held_on": today.isoformat(), "summary": "Besproken"},
        format="json",
    )

    assert response.status_code == 200, response.json()
    body = response.json()
    assert (body["id"], body["status"], body["held_on"]) == (
        planned.pk,
        outcome,
        today.isoformat(),
    )
    assert Conversation.objects.get().summary == "Besproken"  # no second record


def test_a_missed_plan_recorded_as_held_keeps_its_day_and_gets_the_norm_minutes(
    caseworker, client_file, django_capture_on_commit_callbacks
):
    last_week = timezone.localdate() - 7 * DAY
    planned = plan(client_file, caseworker, last_week)
    signal = SignalFactory.create(client=client_file, kind="no_contact")

    with django_capture_on_commit_callbacks(execute=True):
        response = api_as(caseworker).patch(url(planned), {"status": "held"}, format="json")

    assert response.status_code == 200, response.json()
    planned.refresh_from_db()
    assert (planned.status, planned.held_on) == ("held", last_week)
    assert planned.duration_minutes  # the norm's minutes for a monitoring conversation
    signal.refresh_from_db()
    assert signal.status == Signal.Status.RESOLVED


@pytest.mark.parametrize("outcome", ["held", "no_show", "cancelled"])
def test_an_outcome_in_the_future_is_refused_on_the_date(caseworker, client_file, outcome):
    tomorrow = timezone.localdate() + DAY
    planned = plan(client_file, caseworker, tomorrow)
    api = api_as(caseworker)

    kept_date = api.patch(url(planned), {"status": outcome}, format="json")
    sent_date = api.patch(
        url(planned), {"status": outcome, "held_on": tomorrow.isoformat()}, format="json"
    )

    for response in (kept_date, sent_date):
        assert response.status_code == 400
        assert "vandaag of eerder" in response.json()["held_on"][0]
    planned.refresh_from_db()
    assert planned.status == "planned"


def test_a_move_keeps_the_old_date_in_the_history(caseworker, client_file):
    today = timezone.localdate()
    old, new = today + DAY, today + 14 * DAY
    planned = plan(client_file, caseworker, old)
    api = api_as(caseworker)

    response = api.patch(url(planned), {"held_on": new.isoformat()}, format="json")

    assert response.status_code == 200, response.json()
    assert (response.json()["id"], response.json()["status"]) == (planned.pk, "planned")
    history = api.get(f"/api/v1/clients/{client_file.pk}/history/", {"kind": "conversation"}).json()
    moved = next(r for r in history["results"] if r["action"] == "changed")
    assert moved["object_id"] == planned.pk
    assert moved["changes"] == [
        {"field": "held_on", "old": old.isoformat(), "new": new.isoformat()}
    ]
    assert moved["reason"] == "Gepland gesprek verzet"
    assert [h.held_on for h in planned.history.order_by("history_id")] == [old, new]


def test_a_move_takes_the_change_reason_sent(caseworker, client_file):
    planned = plan(client_file, caseworker, timezone.localdate())
    moved_to = (timezone.localdate() + 2 * DAY).isoformat()

    response = api_as(caseworker).patch(
        url(planned),
        {"held_on": moved_to},
        format="json",
        HTTP_X_CHANGE_REASON="Cliënt is ziek",
    )

    assert response.status_code == 200
    assert planned.history.latest("history_id").history_change_reason == "Cliënt is ziek"


def test_a_plan_cannot_move_into_the_past(caseworker, client_file):
    planned = plan(client_file, caseworker, timezone.localdate() + DAY)
    yesterday = (timezone.localdate() - DAY).isoformat()

    response = api_as(caseworker).patch(url(planned), {"held_on": yesterday}, format="json")

    assert response.status_code == 400
    assert response.json()["held_on"] == ["Een gesprek verzet u naar vandaag of later."]


def test_a_plan_cannot_move_beyond_the_plausible_range(caseworker, client_file):
    planned = plan(client_file, caseworker, timezone.localdate() + DAY)

    response = api_as(caseworker).patch(url(planned), {"held_on": "9999-12-31"}, format="json")

    assert response.status_code == 400 and "held_on" in response.json()


@pytest.mark.parametrize("status", ["planned", "no_show", "cancelled"])
def test_a_recorded_conversation_keeps_its_outcome(caseworker, client_file, status):
    held = ConversationFactory.create(client=client_file, caseworker=caseworker, status="held")

    response = api_as(caseworker).patch(url(held), {"status": status}, format="json")

    assert response.status_code == 400
    assert response.json()["status"] == [
        "Dit gesprek is al vastgelegd als gehouden; die uitkomst blijft. Plan zo nodig een "
        "nieuw gesprek."
    ]
    held.refresh_from_db()
    assert held.status == "held"


def test_a_recorded_conversation_can_be_corrected(caseworker, client_file):
    held = ConversationFactory.create(
        client=client_file, caseworker=caseworker, status="held", duration_minutes=20
    )

    response = api_as(caseworker).patch(
        url(held),
        {"status": "held", "duration_minutes": 45, "summary": "Aangevuld", "held_on": "2024-01-09"},
        format="json",
    )

    assert response.status_code == 200, response.json()
    held.refresh_from_db()
    assert (held.duration_minutes, held.summary, held.held_on) == (
        45,
        "Aangevuld",
        datetime.date(2024, 1, 9),
    )
    assert held.history.latest("history_id").history_change_reason == "Gesprek gewijzigd"


def test_a_held_conversation_cannot_be_dated_in_the_future(caseworker, client_file):
    held = ConversationFactory.create(client=client_file, caseworker=caseworker, status="held")
    tomorrow = (timezone.localdate() + DAY).isoformat()

    response = api_as(caseworker).patch(url(held), {"held_on": tomorrow}, format="json")

    assert response.status_code == 400 and "held_on" in response.json()


def test_a_change_that_changes_nothing_adds_no_history(caseworker, client_file):
    held = ConversationFactory.create(client=client_file, caseworker=caseworker, status="held")
    rows = held.history.count()

    response = api_as(caseworker).patch(
        url(held), {"status": "held", "held_on": held.held_on.isoformat()}, format="json"
    )

    assert response.status_code == 200
    assert held.history.count() == rows


@pytest.mark.parametrize(
    "body, field",
    [
        ({"client": 1}, "client"),
        ({"caseworker": 1}, "caseworker"),
        ({"id": 5}, "id"),
        ({"verslag": "x"}, "verslag"),
        ({"duration_minutes": "30"}, "duration_minutes"),
        ({"duration_minutes": 0}, "duration_minutes"),
        ({"status": "gezellig"}, "status"),
        ({"next_contact_on": "2024-01-01"}, "next_contact_on"),  # not after the conversation
    ],
)
def test_fields_that_cannot_change_or_bad_values_are_refused(caseworker, client_file, body, field):
    planned = plan(client_file, caseworker, timezone.localdate() + DAY)

    response = api_as(caseworker).patch(url(planned), body, format="json")

    assert response.status_code == 400 and field in response.json()
    assert planned.history.count() == 1


def test_another_teams_conversation_is_not_found(caseworker):
    stranger = ClientFactory.create(team=TeamFactory.create(name="Team Elders"))
    theirs = ConversationFactory.create(client=stranger, status="planned")

    response = api_as(caseworker).patch(url(theirs), {"status": "cancelled"}, format="json")

    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.status == "planned"


def test_an_auditor_reads_but_may_not_change(caseworker, client_file):
    planned = plan(client_file, caseworker, timezone.localdate())
    auditor = UserFactory.create(username="audit", role="auditor")
    api = api_as(auditor)

    assert api.get(url(planned)).status_code == 200
    response = api.patch(url(planned), {"status": "held"}, format="json")

    assert response.status_code == 403
    planned.refresh_from_db()
    assert planned.status == "planned"


def test_a_team_manager_records_an_outcome_and_the_answer_is_a_noted_read(
    manager, caseworker, client_file
):
    planned = plan(client_file, caseworker, timezone.localdate())

    response = api_as(manager).patch(url(planned), {"status": "no_show"}, format="json")

    assert response.status_code == 200, response.json()
    assert AccessLog.objects.filter(user=manager, client=client_file, action="view").exists()
