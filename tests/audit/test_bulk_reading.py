"""Bulk reading (ASVS level 2): an hourly ceiling of clients read per user, the same on the
screens and the API, and a note for the auditor when someone reads unusually many files."""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.utils import timezone

from audit.models import AccessLog, UnusualReading
from audit.services import flag_unusual_reading
from audit.tasks import flag_unusual_reading_task
from norms.models import NormVersion
from tests.api_client import api_as
from tests.factories import ClientFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def low_ceiling(settings, own_cache):
    settings.CLIENT_READS_PER_HOUR = 5
    return settings


def test_a_page_that_would_pass_the_ceiling_is_refused(client, low_ceiling, caseworker, team):
    for _ in range(4):
        ClientFactory.create(team=team, caseworker=caseworker)
    client.force_login(caseworker)

    assert client.get("/clienten/").status_code == 200  # 4 of 5
    refused = client.get("/clienten/")  # 8 would pass 5

    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0
    assert "erg veel cliënten bekeken" in refused.content.decode()
    assert AccessLog.objects.count() == 4  # the refusal showed nothing


def test_one_big_export_cannot_pass_the_ceiling(client, low_ceiling, caseworker, team):
    for _ in range(40):
        ClientFactory.create(team=team, caseworker=caseworker)
    client.force_login(caseworker)

    response = client.get("/clienten/?export=csv")

    assert response.status_code == 429
    assert not AccessLog.objects.exists()


def test_a_posted_export_of_a_selection_cannot_pass_the_ceiling(
    client, low_ceiling, caseworker, team
):
    clients = [ClientFactory.create(team=team, caseworker=caseworker) for _ in range(6)]
    client.force_login(caseworker)
    selection = {"source": "caseload", "scope": "ticked", "client": [c.pk for c in clients]}

    response = client.post("/clienten/selectie/export/", selection | {"format": "csv"})

    assert response.status_code == 429
    assert not AccessLog.objects.exists()


def test_the_api_shares_the_same_ceiling(client, low_ceiling, caseworker, team):
    for _ in range(3):
        ClientFactory.create(team=team, caseworker=caseworker)
    client.force_login(caseworker)
    client.get("/clienten/")

    response = api_as(caseworker).get("/api/v1/clients/")  # 3 more would pass 5

    assert response.status_code == 429
    assert "Retry-After" in response


def test_at_the_ceiling_one_can_still_sign_out(client, low_ceiling, caseworker, team):
    for _ in range(5):
        ClientFactory.create(team=team, caseworker=caseworker)
    client.force_login(caseworker)
    client.get("/clienten/")  # exactly 5: at the ceiling

    assert client.get("/clienten/").status_code == 429
    assert client.get("/account/wachtwoord/").status_code == 200
    assert client.post("/logout/").status_code == 302


def test_under_the_ceiling_nothing_is_refused(client, low_ceiling, caseworker, client_file):
    client.force_login(caseworker)
    for _ in range(4):
        assert client.get(f"/clienten/{client_file.pk}/").status_code == 200


def test_other_users_are_not_held_back(client, low_ceiling, caseworker, manager, team):
    for _ in range(5):
        ClientFactory.create(team=team, caseworker=caseworker)
    client.force_login(caseworker)
    client.get("/clienten/")

    client.force_login(manager)
    assert client.get("/clienten/?team=on").status_code == 200  # the manager's own 5 of 5


def read_files(user, count: int, day: datetime.date, action: str = "view") -> None:
    """`count` reads of distinct files at ten o'clock on `day`."""
    at = timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))
    for _ in range(count):
        row = AccessLog.objects.create(
            user=user, client=ClientFactory.create(), action=action, path="/"
        )
        # The application cannot change the append-only log; the test dates its rows in SQL.
        with connection.cursor() as cursor:
            cursor.execute("UPDATE audit_accesslog SET at = %s WHERE id = %s", [at, row.pk])


@pytest.fixture
def norm_of_three(db):
    NormVersion.objects.update(unusual_reads_per_day=3)


def test_reading_more_files_than_the_norm_is_noted_once(norm_of_three, caseworker):
    day = datetime.date(2026, 11, 2)
    read_files(caseworker, 4, day)

    assert flag_unusual_reading(day=day) == 1
    assert flag_unusual_reading(day=day) == 1  # again: still one note
    note = UnusualReading.objects.get()
    assert (note.user, note.day, note.files, note.threshold) == (caseworker, day, 4, 3)


def test_reading_exactly_the_norm_is_not_noted(norm_of_three, caseworker):
    day = datetime.date(2026, 11, 2)
    read_files(caseworker, 3, day)
    read_files(caseworker, 5, day, action="list")  # clients in a list are not files opened

    assert flag_unusual_reading(day=day) == 0


def test_the_nightly_task_checks_yesterday(norm_of_three, caseworker):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    read_files(caseworker, 4, yesterday)

    assert flag_unusual_reading_task.apply().get() == 1


def test_the_auditor_sees_it_on_the_read_log_page(client, norm_of_three, caseworker):
    day = timezone.localdate() - datetime.timedelta(days=1)
    read_files(caseworker, 4, day)
    flag_unusual_reading(day=day)
    auditor = UserFactory.create(username="aud", role="auditor")
    client.force_login(auditor)

    html = client.get("/inzagelog/").content.decode()

    assert "Opvallend veel inzage" in html
    assert f"?user={caseworker.pk}&amp;since={day.isoformat()}" in html


def test_the_reads_of_an_hour_add_up_from_the_first(low_ceiling):
    from audit.throttle import count_reads, would_pass_the_limit

    reader, other = UserFactory.create(username="lezer"), UserFactory.create(username="ander")
    hour = 1_000 * 3600.0
    count_reads(reader.pk, 2, now=hour)
    count_reads(reader.pk, 3, now=hour + 60)
    count_reads(reader.pk, 4, now=hour + 3600)  # the next hour starts over

    assert cache.get(f"client-reads:{reader.pk}:1000") == 5
    assert cache.get(f"client-reads:{reader.pk}:1001") == 4
    assert would_pass_the_limit(reader, now=hour)  # at the ceiling of five
    assert not would_pass_the_limit(other, now=hour)
