"""Exports of the caseload and of conversations: the user's scope only, each client logged."""

import datetime

import pytest

from audit.models import AccessLog
from tests.factories import ClientFactory, ConversationFactory, TeamFactory

pytestmark = pytest.mark.django_db


def rows(response):
    return [line.split(";") for line in response.content.decode("utf-8-sig").splitlines()]


def test_the_caseload_exports_with_masked_bsns_and_logs_each_client(
    client, caseworker, client_file
):
    ClientFactory.create(team=TeamFactory.create(name="Team Elders"))  # never exported
    client.force_login(caseworker)

    response = client.get("/clienten/", {"export": "csv"})

    table = rows(response)
    assert table[0][:3] == ["Naam", "BSN", "Team"]
    assert len(table) == 2 and table[1][1] == client_file.masked_bsn
    assert client_file.bsn not in response.content.decode("utf-8-sig")
    assert AccessLog.objects.get().action == "export"


def test_the_caseload_export_follows_the_filters(client, caseworker, client_file, team):
    ClientFactory.create(team=team, caseworker=caseworker, last_name="Zoekmij")
    client.force_login(caseworker)
    table = rows(client.get("/clienten/", {"q": "Zoekmij", "export": "csv"}))
    assert [r[0].split(",")[0] for r in table[1:]] == ["Zoekmij"]


def test_the_caseload_exports_as_xlsx(client, caseworker, client_file):
    client.force_login(caseworker)
    response = client.get("/clienten/", {"export": "xlsx"})
    assert response.content[:2] == b"PK"


def test_an_unknown_export_kind_is_not_found(client, caseworker):
    client.force_login(caseworker)
    assert client.get("/clienten/", {"export": "pdf"}).status_code == 404
    assert client.get("/gesprekken/export.pdf").status_code == 404


def test_conversations_export_for_the_scope_and_period(client, caseworker, client_file):
    ConversationFactory.create(
        client=client_file,
        caseworker=caseworker,
        held_on=datetime.date(2025, 3, 1),
        summary="Goed gesprek",
    )
    ConversationFactory.create(
        client=client_file, caseworker=caseworker, held_on=datetime.date(2024, 3, 1)
    )
    ConversationFactory.create(  # another team's
        client=ClientFactory.create(team=TeamFactory.create(name="Team Elders")),
        held_on=datetime.date(2025, 3, 2),
    )
    client.force_login(caseworker)

    response = client.get("/gesprekken/export.csv", {"since": "2025-01-01"})

    table = rows(response)
    assert len(table) == 2 and table[1][0] == "2025-03-01" and table[1][-1] == "Goed gesprek"
    assert list(AccessLog.objects.values_list("client_id", "action")) == [
        (client_file.pk, "export")
    ]


def test_a_bad_period_is_refused(client, caseworker):
    client.force_login(caseworker)
    assert client.get("/gesprekken/export.csv", {"since": "gisteren"}).status_code == 400
