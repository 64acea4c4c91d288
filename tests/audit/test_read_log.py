"""The read log: every kind of read leaves a row; auditors read it; nobody changes it."""

import datetime

import pytest
from django.db import connection
from django.db.models import ProtectedError
from django.utils import timezone
from rest_framework.test import APIClient

from audit.models import AccessLog
from audit.services import log_reads
from tests.api_client import api_as
from tests.factories import ClientFactory, TeamFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def auditor(db):
    return UserFactory.create(username="auditor.een", role="auditor")


def test_opening_a_file_is_logged(client, caseworker, client_file):
    client.force_login(caseworker)
    client.get(f"/clienten/{client_file.pk}/")
    entry = AccessLog.objects.get()
    assert (entry.user, entry.client, entry.action) == (caseworker, client_file, "view")


def test_revealing_the_bsn_is_an_explicit_logged_read(client, caseworker, client_file):
    client.force_login(caseworker)
    page = client.get(f"/clienten/{client_file.pk}/").content.decode()
    assert client_file.bsn not in page and client_file.masked_bsn in page

    response = client.post(f"/clienten/{client_file.pk}/bsn/", HTTP_HX_REQUEST="true")

    assert client_file.bsn in response.content.decode()
    assert AccessLog.objects.filter(action="reveal_bsn", user=caseworker).count() == 1


def test_the_bsn_of_another_teams_client_cannot_be_revealed(client, caseworker):
    stranger = ClientFactory.create(team=TeamFactory.create(name="Team Elders"))
    client.force_login(caseworker)
    assert client.post(f"/clienten/{stranger.pk}/bsn/").status_code == 404
    assert not AccessLog.objects.exists()


def test_revealing_needs_a_post(client, caseworker, client_file):
    client.force_login(caseworker)
    assert client.get(f"/clienten/{client_file.pk}/bsn/").status_code == 405


def test_the_log_cannot_be_changed_or_removed(client, caseworker, client_file):
    client.force_login(caseworker)
    client.get(f"/clienten/{client_file.pk}/")
    entry = AccessLog.objects.get()
    entry.path = "/verzonnen/"
    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        entry.delete()
    with pytest.raises(PermissionError):
        AccessLog.objects.update(path="/weg/")
    with pytest.raises(PermissionError):
        AccessLog.objects.all().delete()
    assert AccessLog.objects.get().path == f"/clienten/{client_file.pk}/"


def test_the_auditor_reads_who_opened_a_file(client, caseworker, client_file, auditor):
    other = ClientFactory.create(team=client_file.team)
    client.force_login(caseworker)
    client.get(f"/clienten/{client_file.pk}/")
    client.get(f"/clienten/{other.pk}/")
    client.force_login(auditor)

    response = client.get("/inzagelog/", {"bsn": client_file.bsn})

    entries = list(response.context["page"])
    assert [(e.user, e.client) for e in entries] == [(caseworker, client_file)]
    table = response.content.decode().split("<table", 1)[1]
    assert client_file.bsn not in table and client_file.masked_bsn in table


def test_a_caseworker_may_not_read_the_log(client, caseworker):
    client.force_login(caseworker)
    assert client.get("/inzagelog/").status_code == 403


def test_a_partial_bsn_is_refused(client, auditor):
    client.force_login(auditor)
    response = client.get("/inzagelog/", {"bsn": "1234"})
    assert "Geef het volledige BSN van negen cijfers." in response.content.decode()


# The API -----------------------------------------------------------------------------------


def test_the_api_lists_the_contract_fields_with_filters(client, caseworker, client_file, auditor):
    client.force_login(caseworker)
    client.get(f"/clienten/{client_file.pk}/")
    client.get(f"/clienten/{client_file.pk}/historie/")
    today = timezone.localdate().isoformat()

    body = (
        api_as(auditor)
        .get("/api/v1/access-log/", {"client": client_file.pk, "from": today, "to": today})
        .json()
    )

    assert body["count"] == 2
    assert set(body["results"][0]) == {"at", "user", "client", "action", "path", "ip"}
    assert [r["action"] for r in body["results"]] == ["history", "view"]
    assert body["results"][0]["user"] == caseworker.pk


def test_the_api_date_filter_leaves_out_other_days(client, caseworker, client_file, auditor):
    client.force_login(caseworker)
    client.get(f"/clienten/{client_file.pk}/")
    yesterday = (timezone.localdate() - datetime.timedelta(days=1)).isoformat()
    body = api_as(auditor).get("/api/v1/access-log/", {"to": yesterday}).json()
    assert body["count"] == 0


def test_the_api_is_for_auditors_only(caseworker):
    assert api_as(caseworker).get("/api/v1/access-log/").status_code == 403
    assert APIClient().get("/api/v1/access-log/").status_code == 401


def test_reading_the_log_adds_no_queries_per_row(client, caseworker, client_file, auditor):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    api = api_as(auditor)
    client.force_login(caseworker)
    client.get(f"/clienten/{client_file.pk}/")
    with CaptureQueriesContext(connection) as one:
        api.get("/api/v1/access-log/")
    for _ in range(20):
        client.get(f"/clienten/{client_file.pk}/")
    with CaptureQueriesContext(connection) as many:
        # 20 views, and the first reading of the log itself (it shows which client was read)
        assert api.get("/api/v1/access-log/").json()["count"] == 22
    assert len(many.captured_queries) == len(one.captured_queries)


@pytest.mark.parametrize(
    "page", ["", "historie/", "werkplan/", "trajecten/", "vrijstellingen/", "fase/"]
)
def test_every_page_of_a_file_is_a_logged_read(client, caseworker, client_file, page):
    client.force_login(caseworker)
    assert client.get(f"/clienten/{client_file.pk}/{page}").status_code == 200
    entry = AccessLog.objects.get()
    assert (entry.client, entry.user, entry.path) == (
        client_file,
        caseworker,
        f"/clienten/{client_file.pk}/{page}",
    )


# Every response with client data (finding 2 of the attack) -------------------------------


def test_a_page_of_thirty_clients_is_thirty_rows_in_one_insert(client, caseworker, team):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    clients = [ClientFactory.create(team=team, caseworker=caseworker) for _ in range(30)]
    client.force_login(caseworker)

    with CaptureQueriesContext(connection) as queries:
        client.get("/clienten/")

    inserts = [q for q in queries.captured_queries if 'INSERT INTO "audit_accesslog"' in q["sql"]]
    assert len(inserts) == 1
    rows = AccessLog.objects.filter(user=caseworker, action="list")
    assert set(rows.values_list("client_id", flat=True)) == {c.pk for c in clients}


def test_the_address_is_recorded_and_a_bsn_in_it_blanked(client, caseworker, client_file):
    client.force_login(caseworker)
    client.get(f"/clienten/?q={client_file.bsn}", REMOTE_ADDR="10.1.2.3")

    entry = AccessLog.objects.get()
    assert entry.ip == "10.1.2.3"
    assert client_file.bsn not in entry.path and entry.path.endswith("*********")


def test_behind_the_proxy_the_address_is_the_one_it_added(
    client, settings, caseworker, client_file
):
    settings.BEHIND_TLS_PROXY = True
    client.force_login(caseworker)
    client.get(
        f"/clienten/{client_file.pk}/",
        REMOTE_ADDR="10.0.0.1",  # the proxy
        HTTP_X_FORWARDED_FOR="6.6.6.6, 192.0.2.44",  # the first part is the client's own say
    )

    assert AccessLog.objects.get().ip == "192.0.2.44"


def test_a_refused_request_writes_no_row(client, caseworker):
    stranger = ClientFactory.create(team=TeamFactory.create(name="Team Elders"))
    client.force_login(caseworker)

    assert client.get(f"/clienten/{stranger.pk}/").status_code == 404
    assert not AccessLog.objects.exists()


def test_the_admins_client_pages_are_logged(admin_client, admin_user, client_file):
    admin_client.get("/admin/clients/client/")
    admin_client.get(f"/admin/clients/client/{client_file.pk}/change/")
    admin_client.get(f"/admin/clients/client/{client_file.pk}/history/")
    admin_client.get("/admin/interventions/conversation/")

    actions = list(
        AccessLog.objects.filter(user=admin_user, client=client_file)
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == ["list", "view", "history"]


def test_an_admin_list_of_conversations_logs_their_clients(admin_client, admin_user, client_file):
    from tests.factories import ConversationFactory

    ConversationFactory.create(client=client_file)

    admin_client.get("/admin/interventions/conversation/")

    assert AccessLog.objects.get(user=admin_user).client == client_file


def test_the_admins_client_autocomplete_is_a_logged_read(admin_client, admin_user, client_file):
    response = admin_client.get(
        "/admin/autocomplete/",
        {
            "app_label": "phases",
            "model_name": "phaseperiod",
            "field_name": "client",
            "term": client_file.last_name,
        },
    )

    assert response.status_code == 200 and response.json()["results"]
    assert AccessLog.objects.get(user=admin_user).client == client_file


def test_an_admin_search_holding_a_nul_is_refused(admin_client):
    response = admin_client.get("/admin/clients/client/", {"q": "a\x00b"})

    assert response.status_code == 400


def test_the_refusal_to_read_the_log_speaks_the_users_language(caseworker):
    api = api_as(caseworker)
    api.cookies["django_language"] = "en"

    assert (
        api.get("/api/v1/access-log/").json()["detail"] == "Only auditors may read the access log."
    )


def test_reading_and_adding_to_the_ladder_is_logged(caseworker, client_file):
    api = api_as(caseworker)
    api.get(f"/api/v1/clients/{client_file.pk}/ladder/")
    api.post(
        f"/api/v1/clients/{client_file.pk}/ladder/",
        {"rung": 3, "assessed_on": "2024-03-01"},
        format="json",
    )

    logged = AccessLog.objects.filter(user=caseworker, client=client_file)
    assert list(logged.values_list("action", flat=True)) == ["view", "view"]


def test_the_log_is_indexed_by_client_once(db):
    """Every page writes a row per client it shows: each index is paid on every page, so the
    client has one, with the time, and no second one of its own."""
    with connection.cursor() as cursor:
        found = connection.introspection.get_constraints(cursor, AccessLog._meta.db_table)
    indexed = [c["columns"] for c in found.values() if c["index"] and not c["primary_key"]]
    assert ["client_id", "at"] in indexed
    assert ["client_id"] not in indexed


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite has no row locks: a writer locks it all"
)
@pytest.mark.django_db(transaction=True)
def test_logging_a_read_waits_for_no_write_to_the_same_file(caseworker, client_file):
    """A caseworker saving the file holds its client row until they commit; a colleague's
    page that shows the client must not wait for that (a foreign key would lock the row)."""
    writer = connection.copy()
    writer.set_autocommit(False)
    try:
        with writer.cursor() as cursor:
            cursor.execute(
                "SELECT 1 FROM clients_client WHERE id = %s FOR UPDATE", [client_file.pk]
            )
        with connection.cursor() as cursor:
            cursor.execute("SET lock_timeout = '2s'")
        log_reads(reads=[(caseworker, client_file.pk, "view")], path="/clienten/", ip=None)
    finally:
        writer.rollback()
        writer.close()
    assert AccessLog.objects.filter(client=client_file).count() == 1


def test_a_client_that_was_read_cannot_be_deleted(caseworker, client_file):
    log_reads(reads=[(caseworker, client_file.pk, "view")], path="/clienten/", ip=None)
    with pytest.raises(ProtectedError):
        client_file.delete()
