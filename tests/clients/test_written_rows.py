"""The caseload's rows and the work queue's items are written in Python (casework.rows):
what a person typed is escaped there as the template language would."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from casework.rows import url_for_each
from interventions.models import Conversation
from tests.factories import ClientFactory, ConversationFactory

NAME = "O'Neil <b>&"
ESCAPED = "O&#x27;Neil &lt;b&gt;&amp;"


def test_an_address_for_each_pk_is_the_reversed_one():
    for pk in (1, 42, 987654321, 10**12):
        assert url_for_each("client_detail")(pk) == reverse("client_detail", args=[pk])


def test_a_name_in_the_caseload_is_escaped(client, team, caseworker):
    ClientFactory.create(team=team, caseworker=caseworker, last_name=NAME)
    client.force_login(caseworker)

    html = client.get("/clienten/").content.decode()

    assert f"{ESCAPED}, " in html and NAME not in html
    assert f'class="visually-hidden">Kies {ESCAPED}, ' in html


def test_a_name_in_the_work_queue_is_escaped(client, team, caseworker):
    someone = ClientFactory.create(team=team, caseworker=caseworker, last_name=NAME)
    ConversationFactory.create(
        client=someone,
        caseworker=caseworker,
        status=Conversation.Status.PLANNED,
        held_on=timezone.localdate() - timedelta(days=1),
    )
    client.force_login(caseworker)

    html = client.get("/werk/").content.decode()

    assert f">{ESCAPED}, " in html and NAME not in html
    assert "Niet verschenen" in html
