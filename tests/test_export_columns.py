"""Each export's columns and how a record fills them: the header row and the rows, in the CSV
a Dutch user gets."""

import datetime

import pytest
from django.utils import timezone

from phases.services import transition_phase
from tests.factories import ClientFactory, ConversationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def known_client(team, caseworker):
    """Anna Smit in phase 2 since 1 January 2024, spoken on 4 March 2025."""
    found = ClientFactory.create(
        team=team,
        caseworker=caseworker,
        first_name="Anna",
        last_name="Smit",
        bsn="123456782",
        in_service_since=datetime.date(2015, 1, 1),
    )
    transition_phase(
        client=found, phase="2", started_on=datetime.date(2024, 1, 1), reason="Werkfit", by=None
    )
    ConversationFactory.create(
        client=found,
        caseworker=caseworker,
        held_on=datetime.date(2025, 3, 4),
        duration_minutes=45,
        summary="Besproken: werkervaringsplek",
    )
    return found


def lines(response) -> list[str]:
    assert response.status_code == 200, response.status_code
    return response.content.decode("utf-8-sig").splitlines()


def test_the_caseload_export(client, caseworker, known_client):
    client.force_login(caseworker)

    assert lines(client.get("/clienten/", {"export": "csv"})) == [
        "Naam;BSN;Team;Vaste contactpersoon;Fase;Fase sinds;Laatste contact;Volgend contact;"
        "Open signalen;Verlopen afspraken",
        f"Smit, Anna;*****6782;Team Utrecht 1;{caseworker};2;2024-01-01;2025-03-04;;0;0",
    ]


def test_the_conversations_export(client, caseworker, known_client):
    client.force_login(caseworker)

    assert lines(client.get("/gesprekken/export.csv", {"client": known_client.pk})) == [
        "Datum;Cliënt;BSN;Casemanager;Soort;Kanaal;Status;Duur (minuten);Verslag",
        f"2025-03-04;Smit, Anna;*****6782;{caseworker};Monitoring;Persoonlijk;Gehouden;45;"
        "Besproken: werkervaringsplek",
    ]


def test_the_drill_down_export(client, manager, caseworker, known_client):
    client.force_login(manager)

    assert lines(client.get("/dashboard/clienten/", {"export": "csv"})) == [
        "Naam;BSN;Team;Vaste contactpersoon;Fase;Laatste contact;Open signalen",
        f"Smit, Anna;*****6782;Team Utrecht 1;{caseworker};2;2025-03-04;0",
    ]


def test_the_change_search_export(client, caseworker, known_client):
    known_client.refresh_from_db()
    transition_phase(
        client=known_client,
        phase="3",
        started_on=datetime.date(2025, 6, 1),
        reason="Klaar om te solliciteren",
        by=caseworker,
    )
    client.force_login(UserFactory.create(username="audit.cols", role="auditor"))
    today = timezone.localdate().isoformat()
    query = {"user": caseworker.pk, "since": today, "until": today, "export": "csv"}

    header, *rows = lines(client.get("/wijzigingen/", query))

    assert header == "Tijdstip;Door;Gegeven;Cliënt (id);Handeling;Wat veranderde;Reden"
    ended = next(row for row in rows if ";changed;" in row and "faseperiode" in row)
    at, by, record, client_id, action, changes, reason = ended.split(";")
    assert at.startswith(today) and len(at) == len("2025-06-01 12:00:00")
    assert (by, record.split(" #")[0], client_id, action) == (
        str(caseworker),
        "faseperiode",
        str(known_client.pk),
        "changed",
    )
    assert (changes, reason) == ("beëindigd op: – -> 01-06-2025", "Klaar om te solliciteren")
