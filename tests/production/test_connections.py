"""A web process keeps its database connection between requests (settings: CONN_MAX_AGE)."""

import pytest
from django.db import connection

from tests.processes import WebServer


def other_connections() -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        return cursor.fetchone()[0]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite has no server to connect to")
def test_requests_reuse_the_workers_connection_instead_of_opening_one_each(
    production_server: WebServer,
):
    before = other_connections()
    for _ in range(5):
        assert production_server.get("/healthz/").status == 200
    # One worker, five requests: one connection, still open after the last answer. Without
    # persistent connections each request closes its own at the end: none would be left.
    assert other_connections() == before + 1
