"""Two signal runs at once, as when two beat processes or a manual run meet the nightly one:
the second waits for the first (an advisory lock on PostgreSQL, one writer at a time on SQLite)
and then finds nothing left to raise. No signal is raised twice."""

import datetime
import threading
import time

import pytest
from django.db import connection
from django.db.models import Count
from django.utils import timezone

from signals.models import Signal
from signals.services import SignalRun, run_signals
from tests.factories import ClientFactory
from tests.signals.test_celery_worker import signal_checks_held_up

WAIT_SECONDS = 30


def waiting_runs() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted")
        return cursor.fetchone()[0]


@pytest.mark.django_db(transaction=True)
def test_two_runs_at_once_raise_each_signal_once(team, caseworker):
    since = datetime.date(2015, 1, 1)
    ClientFactory.create_batch(3, team=team, caseworker=caseworker, in_service_since=since)
    runs: list[SignalRun] = []
    errors: list[BaseException] = []

    def run() -> None:
        try:
            runs.append(run_signals(as_of=timezone.localdate()))
        except BaseException as error:
            errors.append(error)
        finally:
            connection.close()  # this thread's own connection

    threads = [threading.Thread(target=run) for _ in range(2)]
    with signal_checks_held_up():  # both runs start while the lock is taken
        for thread in threads:
            thread.start()
        deadline = time.monotonic() + WAIT_SECONDS
        if connection.vendor == "postgresql":
            while waiting_runs() < 2 and time.monotonic() < deadline:
                time.sleep(0.05)
            assert waiting_runs() == 2
        else:
            time.sleep(1)  # SQLite shows no waiters
    for thread in threads:
        thread.join(WAIT_SECONDS)

    assert not errors
    raised = sorted(sum(each.raised.values()) for each in runs)
    assert raised[0] == 0 and raised[1] == Signal.objects.count() > 0
    per_client_and_kind = Signal.objects.values("client", "kind").annotate(n=Count("id"))
    assert {row["n"] for row in per_client_and_kind} == {1}
