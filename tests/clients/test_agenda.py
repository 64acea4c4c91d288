"""The agenda by week and the secret calendar address (iCalendar) with no name or BSN in it."""

import datetime

import pytest
from django.utils import timezone
from django.utils.html import escape
from icalendar import Calendar

from access.models import CalendarFeed
from access.services import revoke_access
from casework.agenda import monday_of
from tests.factories import (
    CaseworkerFactory,
    ClientFactory,
    ConversationFactory,
    TeamFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

day = datetime.timedelta(days=1)


def today() -> datetime.date:
    return timezone.localdate()


def plan(client, by, on, **extra):
    return ConversationFactory.create(
        client=client, caseworker=by, held_on=on, status="planned", **extra
    )


def new_feed(client, user) -> str:
    """Make an address as the user does on the agenda page; the secret URL it shows."""
    client.force_login(user)
    response = client.post("/agenda/abonnement/")
    client.logout()
    return response.context["new_feed_url"]


def events(response) -> list:
    return Calendar.from_ical(response.content).walk("VEVENT")


def test_the_week_lists_conversations_per_day(client, client_file, caseworker):
    monday = monday_of(today())
    plan(client_file, caseworker, monday + 2 * day, kind="coaching")
    ConversationFactory.create(client=client_file, caseworker=caseworker, held_on=monday)
    client.force_login(caseworker)

    response = client.get(f"/agenda/?week={(monday + 3 * day).isoformat()}")

    days = response.context["days"]
    assert [d.on for d in days] == [monday + n * day for n in range(7)]
    assert [len(d.conversations) for d in days] == [1, 0, 1, 0, 0, 0, 0]
    assert escape(client_file.last_name) in response.content.decode()  # "van 't Hof" too


def test_the_week_has_a_colleagues_plan_with_my_client_but_not_their_held_talk(
    client, client_file, caseworker
):
    """Mine are what I hold and what is planned for my clients, whoever holds it."""
    monday = monday_of(today())
    colleague = CaseworkerFactory.create(team=client_file.team)
    planned = plan(client_file, colleague, monday + day)
    ConversationFactory.create(client=client_file, caseworker=colleague, held_on=monday)
    client.force_login(caseworker)

    days = client.get(f"/agenda/?week={monday.isoformat()}").context["days"]

    assert [c.pk for d in days for c in d.conversations] == [planned.pk]


def test_a_malformed_week_shows_this_week_with_a_message(client, caseworker):
    client.force_login(caseworker)

    response = client.get("/agenda/?week=2026-02-30")

    assert response.status_code == 200
    assert response.context["monday"] == monday_of(today())
    assert "Geen geldige datum" in response.content.decode()


def test_the_feed_has_the_planned_conversations_and_no_name_or_bsn(client, client_file, caseworker):
    planned = plan(client_file, caseworker, today() + 3 * day, kind="monitoring", channel="phone")
    ConversationFactory.create(client=client_file, caseworker=caseworker, held_on=today())
    url = new_feed(client, caseworker)

    response = client.get(url)

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    found = events(response)
    assert len(found) == 1
    event = found[0]
    assert event.get("dtstart").dt == today() + 3 * day
    assert str(event.get("uid")) == f"conversation-{planned.pk}@wajong"
    assert str(event.get("summary")) == f"Monitoring (telefoon), dossier {client_file.pk}"
    text = response.content.decode()
    for secret in (client_file.last_name, client_file.first_name, client_file.bsn):
        assert secret not in text


def test_only_a_digest_of_the_secret_is_stored(client, caseworker):
    url = new_feed(client, caseworker)
    secret = url.rsplit("/", 1)[1].removesuffix(".ics")

    stored = CalendarFeed.objects.get(user=caseworker)
    assert secret not in stored.digest and len(stored.digest) == 64


def test_a_new_address_ends_the_old_one(client, caseworker):
    old = new_feed(client, caseworker)
    new = new_feed(client, caseworker)

    assert client.get(old).status_code == 404
    assert client.get(new).status_code == 200


def test_a_revoked_address_and_one_of_a_deactivated_user_stop_working(client, caseworker):
    url = new_feed(client, caseworker)
    client.force_login(caseworker)
    client.post("/agenda/abonnement/intrekken/")
    assert client.get(url).status_code == 404

    url = new_feed(client, caseworker)
    revoke_access(user=caseworker)
    assert client.get(url).status_code == 404


def test_an_unknown_address_is_not_found(client):
    assert client.get("/agenda/bestaat-niet.ics").status_code == 404


def test_a_team_manager_reads_a_caseworkers_agenda_but_a_colleague_cannot(
    client, client_file, caseworker, colleague, manager
):
    plan(client_file, caseworker, monday_of(today()) + day)

    client.force_login(manager)
    seen = client.get(f"/agenda/?caseworker={caseworker.pk}")
    assert sum(len(d.conversations) for d in seen.context["days"]) == 1

    client.force_login(colleague)
    assert client.get(f"/agenda/?caseworker={caseworker.pk}").status_code == 404


def test_clients_outside_scope_stay_out_of_the_agenda(client, caseworker):
    elsewhere = ClientFactory.create(team=TeamFactory(name="Team Elders"))
    plan(elsewhere, caseworker, monday_of(today()) + day)
    client.force_login(caseworker)

    days = client.get("/agenda/").context["days"]

    assert sum(len(d.conversations) for d in days) == 0


def test_an_auditor_gets_no_address(client):
    client.force_login(UserFactory.create(username="au.dit", role="auditor"))

    assert client.post("/agenda/abonnement/").status_code == 403
    assert not CalendarFeed.objects.exists()
