"""After a bulk load the planner knows the new rows: `common.bulk.refresh_statistics`."""

import pytest
from django.db import connection, transaction

from clients.models import Client
from common.bulk import refresh_statistics
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
