"""Against a real PostgreSQL streaming replica: `make replica`, then run with
DATABASE_REPLICA_URL=postgres://postgres@127.0.0.1:5433/<the DATABASE_URL's database>.

The test database pytest-django makes on the primary streams to the replica like any other, so
the rows these tests commit reach the replica by replication alone. Without a replica they skip
and say why (`pytest -ra` prints the reason).
"""

import datetime
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import environ
import psycopg
import pytest
from django.conf import settings
from django.db import connection, connections
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.html import escape

from clients.models import Client
from clients.services import update_client
from common.replica import REPLICA, reads_from_replica, replica_caught_up
from phases.services import transition_phase
from tests.factories import ClientFactory, PhasePeriodFactory
from tests.reports.test_today_figures import totals

CATCH_UP_SECONDS = 30


def replica_address() -> tuple[dict[str, Any], str | None]:
    """The replica's settings, and why the tests cannot run (None when they can)."""
    url = os.environ.get("DATABASE_REPLICA_URL", "")
    if connection.vendor != "postgresql":
        return {}, "a streaming replica needs PostgreSQL in DATABASE_URL"
    if not url or REPLICA not in settings.DATABASES:
        return {}, (
            "DATABASE_REPLICA_URL is not set: start a replica with `make replica` and set "
            "DATABASE_REPLICA_URL=postgres://postgres@127.0.0.1:5433/<database>"
        )
    config = environ.Env.db_url_config(url)
    try:
        with psycopg.connect(**libpq(config, "postgres"), connect_timeout=3) as replica:
            standby = replica.execute("SELECT pg_is_in_recovery()").fetchone()
    except psycopg.OperationalError as error:
        return config, f"no replica at {url} ({error}): start one with `make replica`"
    if not (standby and standby[0]):
        return config, f"{url} is not a standby of the primary: start one with `make replica`"
    return config, None


def libpq(config: dict[str, Any], dbname: str) -> dict[str, Any]:
    return {
        "host": config["HOST"],
        "port": config["PORT"] or 5432,
        "user": config["USER"],
        "password": config["PASSWORD"] or None,
        "dbname": dbname,
    }


REPLICA_CONFIG, CANNOT_RUN = replica_address()
pytestmark = [
    pytest.mark.replica,
    pytest.mark.skipif(CANNOT_RUN is not None, reason=f"replica tests: {CANNOT_RUN}"),
    pytest.mark.django_db(transaction=True, databases=["default", REPLICA]),
]


def replica_cursor() -> psycopg.Connection:
    """A connection to this test's database on the replica (autocommit: each query sees the
    latest replayed state)."""
    test_database = str(connection.settings_dict["NAME"])
    return psycopg.connect(**libpq(REPLICA_CONFIG, test_database), autocommit=True)


def wait_for_replay() -> None:
    """Until the replica has replayed everything the primary has written so far."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_current_wal_lsn()")
        written = cursor.fetchone()[0]
    with replica_cursor() as replica:
        deadline = time.monotonic() + CATCH_UP_SECONDS
        while time.monotonic() < deadline:
            lag = replica.execute(
                "SELECT pg_wal_lsn_diff(%s::pg_lsn, pg_last_wal_replay_lsn())", [written]
            ).fetchone()
            if lag and lag[0] <= 0:
                return
            time.sleep(0.1)
    pytest.fail(f"the replica did not replay the primary's writes within {CATCH_UP_SECONDS} s")


@contextmanager
def replica_alias_on_the_replica() -> Iterator[None]:
    """Under test the replica alias mirrors the primary's test database (TEST MIRROR); here it
    reads this test database on the real replica instead."""
    alias = connections[REPLICA]
    mirrored = alias.settings_dict
    alias.close()
    alias.settings_dict = {
        **mirrored,
        "HOST": REPLICA_CONFIG["HOST"],
        "PORT": REPLICA_CONFIG["PORT"],
    }
    try:
        yield
    finally:
        alias.close()
        alias.settings_dict = mirrored


def test_a_row_written_on_the_primary_appears_on_the_replica(client_file):
    with replica_cursor() as replica:
        assert replica.execute("SELECT pg_is_in_recovery()").fetchone() == (True,)
        deadline = time.monotonic() + CATCH_UP_SECONDS
        found = None
        while found is None and time.monotonic() < deadline:
            found = replica.execute(
                "SELECT last_name FROM clients_client WHERE id = %s", [client_file.pk]
            ).fetchone()
            time.sleep(0.05)
        assert found == (client_file.last_name,)
        with pytest.raises(psycopg.errors.ReadOnlySqlTransaction):
            replica.execute("DELETE FROM clients_client")


def test_reports_read_from_the_replica_and_casework_from_the_primary(
    client, manager, caseworker, client_file
):
    wait_for_replay()
    with replica_alias_on_the_replica():
        assert connections[REPLICA].settings_dict["PORT"] == REPLICA_CONFIG["PORT"]
        client.force_login(manager)
        with CaptureQueriesContext(connections[REPLICA]) as on_replica:
            drilldown = client.get("/dashboard/clienten/")
        assert drilldown.status_code == 200
        assert escape(client_file.last_name) in drilldown.text  # the row came by replication
        assert any("clients_client" in query["sql"] for query in on_replica.captured_queries)

        client.force_login(caseworker)
        with CaptureQueriesContext(connections[REPLICA]) as on_replica:
            assert client.get("/clienten/").status_code == 200
            assert client.get(f"/clienten/{client_file.pk}/").status_code == 200
        assert on_replica.captured_queries == []

        # A write within a report's scope goes to the primary (the replica would refuse it),
        # and so does every read after it.
        with reads_from_replica(), CaptureQueriesContext(connections[REPLICA]) as on_replica:
            update_client(
                client=client_file,
                expected_version=client_file.version,
                changes={"first_name": "Noor"},
                by=caseworker,
            )
            assert Client.objects.get(pk=client_file.pk).first_name == "Noor"
        assert on_replica.captured_queries == []


@contextmanager
def replay_paused() -> Iterator[None]:
    """The replica receives the primary's writes but does not apply them until the block ends."""
    with replica_cursor() as replica:
        replica.execute("SELECT pg_wal_replay_pause()")
        try:
            yield
        finally:
            replica.execute("SELECT pg_wal_replay_resume()")


def test_what_the_dashboard_keeps_is_never_older_than_the_write_before_it(
    client, manager, caseworker, team, settings, own_cache
):
    """With the replica's replay paused, a phase transition commits on the primary and moves
    the team's generation on. The page drawn next is kept until the team's next write, so it
    is drawn from the primary, not from a replica that still has the client in phase 2."""
    settings.DASHBOARD_CACHE_SECONDS = 600
    moving = ClientFactory.create(
        team=team, caseworker=caseworker, in_service_since=datetime.date(2015, 1, 1)
    )
    PhasePeriodFactory.create(client=moving, phase="2", started_on=datetime.date(2024, 1, 1))
    today = timezone.localdate()
    wait_for_replay()
    with replica_alias_on_the_replica():
        client.force_login(manager)
        before = totals(client.get("/dashboard/"), "caseload")
        with replay_paused():
            transition_phase(client=moving, phase="3", started_on=today, reason="Klaar", by=None)
            assert not replica_caught_up()
            during = totals(client.get("/dashboard/"), "caseload")
        wait_for_replay()
        assert replica_caught_up()
        after = totals(client.get("/dashboard/"), "caseload")
    assert (before["phase_2"], before["phase_3"]) == (1, 0)
    assert (during["phase_2"], during["phase_3"]) == (0, 1)
    assert after == during
