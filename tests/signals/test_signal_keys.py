"""A signal's client and norm version are kept by the application, not checked by the database:
the nightly run locks no client, and the ORM still cascades and protects."""

import pytest
from django.db import connection
from django.db.models import ProtectedError
from django.utils import timezone

from clients.models import Client
from signals.models import Signal
from signals.services import run_signals


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite has no row locks: a writer locks it all"
)
@pytest.mark.django_db(transaction=True)
def test_the_nightly_run_waits_for_no_caseworker_saving_a_file(person):
    """A caseworker saving the file holds the client row until they commit. A foreign key
    checked at the run's commit would lock that row too (FOR KEY SHARE), so the run raising
    tens of thousands of signals would wait for every file being saved at that moment."""
    writer = connection.copy()
    writer.set_autocommit(False)
    try:
        with writer.cursor() as cursor:
            cursor.execute("SELECT 1 FROM clients_client WHERE id = %s FOR UPDATE", [person.pk])
        with connection.cursor() as cursor:
            cursor.execute("SET lock_timeout = '2s'")
        run = run_signals(as_of=timezone.localdate())
    finally:
        writer.rollback()
        writer.close()
    assert run.raised[Signal.Kind.NO_CONTACT] == 1
    assert Signal.objects.get().client_id == person.pk


def test_a_deleted_client_takes_its_signals_along(db, person):
    run_signals(as_of=timezone.localdate())
    assert Signal.objects.filter(client=person).exists()

    Client.objects.filter(pk=person.pk).delete()

    assert not Signal.objects.exists()


def test_a_norm_version_that_raised_signals_cannot_be_deleted(db, person):
    run_signals(as_of=timezone.localdate())
    norm = Signal.objects.get().rule_version

    with pytest.raises(ProtectedError):
        norm.delete()
