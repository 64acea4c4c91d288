"""After a bulk load the planner knows the new rows: `common.bulk.refresh_statistics`; and a
table that was never analysed (a restore) is before the nightly run reads it."""

import datetime

import pytest
from django.db import connection, transaction

from accounts.models import Team
from clients.models import Client
from common.bulk import analyse_if_never_analysed, refresh_statistics
from interventions.models import Conversation
from signals.services import run_signals
from tests.factories import ClientFactory

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite keeps no planner statistics to refresh"
)


def table_state(model) -> tuple[object, object, float]:
    """When the table was last vacuumed and analysed by hand, and the rows the planner expects."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT s.last_vacuum, s.last_analyze, c.reltuples FROM pg_stat_user_tables s"
            " JOIN pg_class c ON c.oid = s.relid WHERE s.relname = %s",
            [model._meta.db_table],
        )
        return cursor.fetchone()


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_outside_a_transaction_the_tables_are_vacuumed_and_analysed():
    ClientFactory.create_batch(30)
    vacuumed_before, analysed_before, _ = table_state(Client)

    refresh_statistics(Client)

    vacuumed, analysed, rows = table_state(Client)
    assert vacuumed is not None and vacuumed != vacuumed_before
    assert analysed is not None and analysed != analysed_before
    assert rows == 30


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_inside_a_transaction_the_new_rows_are_analysed_only():
    with transaction.atomic():
        ClientFactory.create_batch(12)
        refresh_statistics(Client)  # VACUUM would fail here: it cannot run in a transaction
        _, analysed, rows = table_state(Client)
    assert analysed is not None
    assert rows == 12  # the transaction's own rows count


def test_it_fails_nothing_on_either_database_inside_a_tests_transaction(db):
    refresh_statistics(Client)


@postgresql_only
def test_a_large_import_leaves_the_planner_knowing_its_new_clients(db, team, monkeypatch):
    from casework import importer
    from tests.clients.test_import import csv, row

    monkeypatch.setattr(importer, "ANALYSE_FROM", 3)  # "large" made small for the test
    result = importer.import_clients(
        csv(*(row(n, team.name) for n in range(1, 4))), filename="groot.csv", by=None
    )

    assert result.ok, result.errors
    _, analysed, rows = table_state(Client)
    assert analysed is not None
    assert rows == 3


@postgresql_only
def test_a_small_import_leaves_the_statistics_to_autovacuum(db, team):
    from casework import importer
    from tests.clients.test_import import csv, row

    result = importer.import_clients(csv(row(1, team.name)), filename="klein.csv", by=None)

    assert result.ok, result.errors
    assert table_state(Client)[2] != 1  # not analysed with its one new row


def forget_statistics(model) -> None:
    """As after a restore: the planner has never seen the table analysed (rolled back after)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE pg_class SET reltuples = -1 WHERE oid = %s::regclass", [model._meta.db_table]
        )


@postgresql_only
def test_a_table_never_analysed_is_analysed_and_one_analysed_is_left_alone(db):
    ClientFactory.create_batch(3)
    forget_statistics(Client)

    assert "clients_client" in analyse_if_never_analysed(Client, Team)
    assert table_state(Client)[2] == 3
    assert analyse_if_never_analysed(Client) == []


@postgresql_only
def test_the_nightly_run_analyses_the_tables_it_reads_if_they_never_were(db):
    ClientFactory.create_batch(2)
    forget_statistics(Conversation)

    run_signals(as_of=datetime.date(2026, 11, 2))

    assert table_state(Conversation)[2] >= 0


def test_on_sqlite_nothing_is_analysed(db):
    if connection.vendor == "postgresql":
        pytest.skip("the PostgreSQL side is tested above")
    assert analyse_if_never_analysed(Client) == []
