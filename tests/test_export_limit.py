"""One size policy for every export: above `EXPORT_ROW_LIMIT` rows an export is refused with a
message on the page, never cut short; below it the export works and logs its clients."""

import datetime

import pytest
from django.utils import timezone

from audit.models import AccessLog
from phases.services import transition_phase
from tests.factories import ClientFactory, ConversationFactory, UserFactory

pytestmark = pytest.mark.django_db
REFUSAL = "De export telt meer dan 2 regels: verfijn de selectie om te exporteren."


@pytest.fixture
def three_clients(team, caseworker):
    """Three clients of `caseworker`, each with a conversation; changed by `caseworker`."""
    clients = []
    for name in ("Aa", "Bb", "Cc"):
        found = ClientFactory.create(
            team=team,
            caseworker=caseworker,
            last_name=name,
            in_service_since=datetime.date(2015, 1, 1),
        )
        ConversationFactory.create(client=found, caseworker=caseworker)
        clients.append(found)
    return clients


def exported(response) -> list[str]:
    assert response.status_code == 200, response.status_code
    return response.content.decode("utf-8-sig").splitlines()


def refused(client, url: str, query: dict, back: str) -> None:
    """The export is refused: back to the page with the message, nothing logged as exported."""
    response = client.get(url, query)
    assert response.status_code == 302 and response.url == back
    assert REFUSAL in client.get(response.url).content.decode()
    assert not AccessLog.objects.filter(action="export").exists()


def test_the_caseload_export_refuses_above_the_limit(client, settings, caseworker, three_clients):
    client.force_login(caseworker)
    settings.EXPORT_ROW_LIMIT = 2
    refused(client, "/clienten/", {"team": "on", "export": "csv"}, "/clienten/?team=on")

    settings.EXPORT_ROW_LIMIT = 3
    assert len(exported(client.get("/clienten/", {"team": "on", "export": "csv"}))) == 1 + 3
    assert AccessLog.objects.filter(action="export").count() == 3


def test_the_conversations_export_refuses_above_the_limit_and_cuts_nothing(
    client, settings, caseworker, three_clients
):
    first = three_clients[0]
    for _ in range(2):
        ConversationFactory.create(client=first, caseworker=caseworker)
    client.force_login(caseworker)
    settings.EXPORT_ROW_LIMIT = 2
    refused(client, "/gesprekken/export.csv", {"client": first.pk}, f"/clienten/{first.pk}/")
    refused(client, "/gesprekken/export.csv", {}, "/clienten/")

    settings.EXPORT_ROW_LIMIT = 3
    assert len(exported(client.get("/gesprekken/export.csv", {"client": first.pk}))) == 1 + 3
    assert set(AccessLog.objects.filter(action="export").values_list("client", flat=True)) == {
        first.pk
    }


def test_the_change_search_export_refuses_above_the_limit(
    client, settings, caseworker, three_clients
):
    for found in three_clients:
        transition_phase(
            client=found,
            phase="2",
            started_on=datetime.date(2024, 1, 1),
            reason="Werkfit",
            by=caseworker,
        )
    auditor = UserFactory.create(username="audit.limit", role="auditor")
    client.force_login(auditor)
    today = timezone.localdate().isoformat()
    query = {"user": caseworker.pk, "since": today, "until": today}
    changes = client.get("/wijzigingen/", query).context["page"].paginator.count
    assert changes > 2
    settings.EXPORT_ROW_LIMIT = 2
    back = f"/wijzigingen/?user={caseworker.pk}&since={today}&until={today}"
    refused(client, "/wijzigingen/", query | {"export": "csv"}, back)

    settings.EXPORT_ROW_LIMIT = changes
    assert len(exported(client.get("/wijzigingen/", query | {"export": "csv"}))) == 1 + changes
    assert AccessLog.objects.filter(action="export").count() == 3


def test_a_report_export_refuses_above_the_limit(client, settings, manager, three_clients):
    client.force_login(manager)
    settings.EXPORT_ROW_LIMIT = 2  # one row per phase: four rows
    refused(
        client,
        "/dashboard/time_in_phase.csv",
        {"year": "2024"},
        "/dashboard/faseovergangen/?year=2024",
    )

    settings.EXPORT_ROW_LIMIT = 4
    assert len(exported(client.get("/dashboard/time_in_phase.csv", {"year": "2024"}))) == 1 + 4


def test_the_drill_down_export_refuses_above_the_limit(
    client, settings, manager, team, three_clients
):
    client.force_login(manager)
    query = {"team": team.pk, "export": "csv"}
    settings.EXPORT_ROW_LIMIT = 2
    refused(client, "/dashboard/clienten/", query, f"/dashboard/clienten/?team={team.pk}")

    settings.EXPORT_ROW_LIMIT = 3
    assert len(exported(client.get("/dashboard/clienten/", query))) == 1 + 3
    assert AccessLog.objects.filter(action="export").count() == 3


def test_the_limit_defaults_to_ten_thousand_rows():
    from django.conf import settings

    assert settings.EXPORT_ROW_LIMIT == 10_000
