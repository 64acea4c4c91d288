"""Caseload list and client file: access per role, scope, logging and fixed query counts."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.html import escape

from audit.models import AccessLog
from tests.factories import (
    ClientFactory,
    ConversationFactory,
    PhasePeriodFactory,
    TeamFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def outsider_client():
    return ClientFactory.create(team=TeamFactory.create(name="Team Elders"))


def test_anonymous_is_sent_to_login(client, client_file):
    for url in ("/clienten/", f"/clienten/{client_file.pk}/"):
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith("/login/")


def test_caseworker_sees_own_clients_masked(client, caseworker, client_file, outsider_client):
    client.force_login(caseworker)
    html = client.get("/clienten/").content.decode()

    assert escape(client_file.last_name) in html
    assert client_file.masked_bsn in html
    assert client_file.bsn not in html
    assert escape(outsider_client.last_name) not in html


def test_search_by_full_bsn_finds_the_client(client, caseworker, client_file, team):
    # (not "Anders": the action bar offers that kind of conversation)
    ClientFactory.create(team=team, caseworker=caseworker, last_name="Zonderling")
    client.force_login(caseworker)

    html = client.get("/clienten/", {"q": client_file.bsn}).content.decode()

    assert escape(client_file.last_name) in html
    assert "Zonderling" not in html


def test_sorting_by_last_contact_descending_puts_the_latest_first(client, caseworker, team):
    early = ClientFactory.create(team=team, caseworker=caseworker, last_name="Vroeg")
    late = ClientFactory.create(team=team, caseworker=caseworker, last_name="Laat")
    ConversationFactory.create(
        client=early, caseworker=caseworker, held_on=datetime.date(2024, 1, 1)
    )
    ConversationFactory.create(
        client=late, caseworker=caseworker, held_on=datetime.date(2026, 1, 1)
    )
    client.force_login(caseworker)

    html = client.get("/clienten/", {"sort": "-contact"}).content.decode()

    assert html.index("Laat") < html.index("Vroeg")
    assert 'aria-sort="descending"' in html


def test_the_caseload_counts_the_active_clients_and_shows_the_others_marked_on_request(
    client, caseworker, client_file, team
):
    today = timezone.localdate()
    gone = ClientFactory.create(
        team=team, caseworker=caseworker, out_of_service_on=today - datetime.timedelta(days=3)
    )
    unable = ClientFactory.create(team=team, caseworker=caseworker, has_work_capacity=False)
    client.force_login(caseworker)

    active = client.get("/clienten/")
    everyone = client.get("/clienten/?inactive=on")
    searched = client.get("/clienten/", {"q": gone.last_name})

    assert active.context["client_ids"] == [client_file.pk]
    assert set(everyone.context["client_ids"]) == {client_file.pk, gone.pk, unable.pk}
    html = everyone.content.decode()
    warning = '<span class="utrecht-status-badge utrecht-status-badge--warning">{}</span>'
    assert warning.format("uit zorg") in html
    assert warning.format("geen arbeidsvermogen") in html
    assert gone.pk in searched.context["client_ids"]


def test_a_bad_filter_date_shows_an_error_in_dutch(client, caseworker, client_file):
    client.force_login(caseworker)
    response = client.get("/clienten/", {"no_contact_since": "31-02-2026"})
    assert response.status_code == 200
    assert "Voer een geldige datum in" in response.content.decode()


def test_client_file_shows_the_timeline_and_logs_the_read(client, caseworker, client_file):
    PhasePeriodFactory.create(client=client_file, phase="2", reason="Intake gedaan")
    ConversationFactory.create(client=client_file, caseworker=caseworker, summary="Goed gesprek")
    client.force_login(caseworker)

    response = client.get(f"/clienten/{client_file.pk}/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "Intake gedaan" in html and "Goed gesprek" in html
    log = AccessLog.objects.get()
    assert (log.user, log.client, log.action) == (caseworker, client_file, "view")


def test_client_of_another_team_is_not_found_and_not_logged(client, caseworker, outsider_client):
    client.force_login(caseworker)
    assert client.get(f"/clienten/{outsider_client.pk}/").status_code == 404
    assert not AccessLog.objects.exists()


def test_auditor_reads_any_file(client, outsider_client):
    auditor = UserFactory.create(username="audit", role="auditor")
    client.force_login(auditor)
    assert client.get(f"/clienten/{outsider_client.pk}/").status_code == 200
    assert AccessLog.objects.filter(user=auditor).count() == 1


def test_functional_administrator_sees_no_client_files(client, client_file):
    admin = UserFactory.create(username="fb", role="functional_admin")
    client.force_login(admin)
    assert client.get(f"/clienten/{client_file.pk}/").status_code == 404
    assert escape(client_file.last_name) not in client.get("/clienten/?team=on").content.decode()


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


def test_caseload_page_costs_the_same_queries_for_3_or_40_clients(client, caseworker, team):
    def add(n):
        for _ in range(n):
            person = ClientFactory.create(team=team, caseworker=caseworker)
            PhasePeriodFactory.create(client=person, phase="3")
            ConversationFactory.create(client=person, caseworker=caseworker)

    client.force_login(caseworker)
    add(3)
    small = count_queries(client, "/clienten/?team=on")
    add(37)
    assert count_queries(client, "/clienten/?team=on") == small


def test_client_file_costs_the_same_queries_however_long_the_history(
    client, caseworker, client_file
):
    client.force_login(caseworker)
    PhasePeriodFactory.create(
        client=client_file,
        phase="1",
        started_on=datetime.date(2019, 1, 1),
        ended_on=datetime.date(2020, 1, 1),
    )
    ConversationFactory.create(client=client_file, caseworker=caseworker)
    small = count_queries(client, f"/clienten/{client_file.pk}/")
    for year in range(2020, 2026):
        PhasePeriodFactory.create(
            client=client_file,
            phase="2" if year % 2 else "3",
            started_on=datetime.date(year, 1, 1),
            ended_on=datetime.date(year + 1, 1, 1),
        )
        ConversationFactory.create(
            client=client_file, caseworker=caseworker, held_on=datetime.date(year, 3, 1)
        )
    assert count_queries(client, f"/clienten/{client_file.pk}/") == small
