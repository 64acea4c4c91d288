"""A planned conversation has a life: it is recorded as held, no-show or cancelled (the same
record), or moved; planning the next contact moves the plan instead of piling up another."""

import datetime

import pytest
from django.utils import timezone

from common.exceptions import EditConflict
from interventions.models import Conversation
from interventions.services.conversations import record_contact
from tests.factories import ClientFactory, ConversationFactory

pytestmark = pytest.mark.django_db

PLANNED = Conversation.Status.PLANNED
HELD = Conversation.Status.HELD
day = datetime.timedelta(days=1)


def today() -> datetime.date:
    return timezone.localdate()


def plan(client, caseworker, on) -> Conversation:
    return ConversationFactory.create(
        client=client, caseworker=caseworker, held_on=on, status=PLANNED, summary=""
    )


def record(client, by, **changes) -> Conversation:
    fields = {
        "client": client,
        "expected_version": client.version,
        "by": by,
        "held_on": today(),
        "status": HELD,
        "channel": Conversation.Channel.PHONE,
        "summary": "Gaat goed op het werk",
        "duration_minutes": 30,
    }
    fields.update(changes)
    return record_contact(**fields)


def planned_dates(client) -> list[datetime.date]:
    plans = client.conversations.filter(status=PLANNED).order_by("held_on")
    return [c.held_on for c in plans]


# The service ----------------------------------------------------------------------------------


def test_fulfilling_a_plan_turns_that_record_into_the_held_conversation(client_file, caseworker):
    planned = plan(client_file, caseworker, today())

    held = record(client_file, caseworker, fulfils=planned.pk)

    assert held.pk == planned.pk
    planned.refresh_from_db()
    assert (planned.status, planned.summary, planned.channel) == (
        HELD,
        "Gaat goed op het werk",
        "phone",
    )
    assert client_file.conversations.count() == 1
    assert planned.history.latest("history_date").history_change_reason == (
        "Gepland gesprek vastgelegd"
    )


def test_a_missed_plan_can_be_recorded_as_a_no_show_on_its_day(client_file, caseworker):
    missed = plan(client_file, caseworker, today() - 3 * day)

    record(
        client_file,
        caseworker,
        fulfils=missed.pk,
        held_on=today() - 3 * day,
        status=Conversation.Status.NO_SHOW,
        summary="",
    )

    missed.refresh_from_db()
    assert (missed.status, missed.held_on) == (Conversation.Status.NO_SHOW, today() - 3 * day)


def test_a_plan_recorded_meanwhile_is_a_conflict_and_nothing_is_written(client_file, caseworker):
    planned = plan(client_file, caseworker, today())
    record(client_file, caseworker, fulfils=planned.pk)  # another tab, first

    with pytest.raises(EditConflict, match="al vastgelegd"):
        record(client_file, caseworker, fulfils=planned.pk, summary="Tweede keer")

    assert client_file.conversations.count() == 1
    assert Conversation.objects.get(pk=planned.pk).summary == "Gaat goed op het werk"


def test_the_plan_of_another_client_cannot_be_fulfilled(client_file, caseworker, colleague):
    other = ClientFactory.create(team=client_file.team, caseworker=colleague)
    theirs = plan(other, colleague, today())

    with pytest.raises(EditConflict):
        record(client_file, caseworker, fulfils=theirs.pk)

    assert Conversation.objects.get(pk=theirs.pk).status == PLANNED


def test_planning_the_next_contact_moves_the_existing_plan(client_file, caseworker):
    existing = plan(client_file, caseworker, today() + 14 * day)

    record(client_file, caseworker, next_contact_on=today() + 40 * day)

    assert planned_dates(client_file) == [today() + 40 * day]
    existing.refresh_from_db()
    assert existing.held_on == today() + 40 * day
    old = existing.history.earliest("history_date")
    assert old.held_on == today() + 14 * day  # the history keeps the old date


def test_planning_the_next_contact_twice_keeps_one_plan(client_file, caseworker):
    record(client_file, caseworker, next_contact_on=today() + 30 * day)
    record(client_file, caseworker, next_contact_on=today() + 45 * day)

    assert planned_dates(client_file) == [today() + 45 * day]


def test_an_extra_plan_is_added_only_when_asked(client_file, caseworker):
    plan(client_file, caseworker, today() + 14 * day)

    record(client_file, caseworker, next_contact_on=today() + 40 * day, add_planned=True)

    assert planned_dates(client_file) == [today() + 14 * day, today() + 40 * day]


def test_fulfilling_today_and_planning_next_leaves_one_plan_at_the_new_date(
    client_file, caseworker
):
    planned = plan(client_file, caseworker, today())

    record(client_file, caseworker, fulfils=planned.pk, next_contact_on=today() + 60 * day)

    assert planned_dates(client_file) == [today() + 60 * day]
    assert client_file.conversations.filter(status=HELD).count() == 1


# The form on the file -------------------------------------------------------------------------


def form_data(client, **changes) -> dict:
    data = {
        "version": client.version,
        "held_on": today().isoformat(),
        "status": "held",
        "channel": "phone",
        "kind": "monitoring",
        "with_client": "on",
        "duration_minutes": "30",
        "summary": "Besproken: werkritme",
        "next_contact_on": (today() + 90 * day).isoformat(),
        "fulfils": "",
    }
    data.update(changes)
    return data


def test_the_form_proposes_the_plan_that_is_due(client, client_file, caseworker):
    missed = plan(client_file, caseworker, today() - 5 * day)
    plan(client_file, caseworker, today() + 20 * day)
    client.force_login(caseworker)

    response = client.get(f"/clienten/{client_file.pk}/")

    form = response.context["contact_form"]
    assert form.initial["fulfils"] == missed.pk
    html = response.content.decode()
    assert "Ja, gemist: gepland op" in html
    assert "Als extra afspraak plannen" in html


def test_the_form_without_plans_does_not_ask(client, client_file, caseworker):
    client.force_login(caseworker)

    html = client.get(f"/clienten/{client_file.pk}/").content.decode()

    assert "Was dit een gepland gesprek?" not in html


def test_saving_the_form_twice_does_not_pile_up_plans(client, client_file, caseworker):
    planned = plan(client_file, caseworker, today())
    client.force_login(caseworker)

    client.post(f"/clienten/{client_file.pk}/gesprek/", form_data(client_file, fulfils=planned.pk))
    client.post(
        f"/clienten/{client_file.pk}/gesprek/",
        form_data(client_file, next_contact_on=(today() + 100 * day).isoformat()),
    )

    assert planned_dates(client_file) == [today() + 100 * day]
    assert client_file.conversations.filter(status=HELD).count() == 2


def test_a_missed_plan_stays_visible_in_the_caseload(client, client_file, caseworker):
    plan(client_file, caseworker, today() - 4 * day)
    client.force_login(caseworker)

    html = client.get("/clienten/").content.decode()

    missed_on = (today() - 4 * day).strftime("%d-%m-%Y")  # a table cell: the short date
    assert "gemist:" in html
    danger = '<span class="utrecht-status-badge utrecht-status-badge--danger">'
    assert f"{danger}gemist: {missed_on}</span>" in html
