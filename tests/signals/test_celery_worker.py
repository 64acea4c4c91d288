"""The nightly checks through a real Celery worker: no eager mode, no mocks.

A worker process is started against a broker (Redis, and kombu's filesystem transport that
`make run` uses), a `run_signal_checks` message is published to it, and the signals appear in
this test's database. The worker reaches that database through DATABASE_URL: the test is
transactional, so what it writes is committed and visible to another process, and on SQLite
the test database is a file (tests/conftest.py). The `reference_data` fixture there puts back
the rows migrations create (roles, the default norm version), which a flush removes.

Each worker listens on a queue of its own (and, for the filesystem broker, in a folder of its
own), so a developer's `make run` worker neither takes these messages nor gives it others.
"""

import ast
import datetime
import os
import re
import sqlite3
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

import pytest
from celery import Celery
from celery.schedules import crontab
from django.conf import settings
from django.db import connection
from kombu import Exchange, Queue

from signals.models import Notification, Signal
from signals.services import ADVISORY_LOCK_ID
from signals.tasks import run_signal_checks
from tests.factories import ClientFactory, ConversationFactory, PhasePeriodFactory
from tests.logs import BSN, bsn_in
from tests.processes import database_url
from wajong.celery import app as celery_app

TASK = "signals.tasks.run_signal_checks"
AS_OF = "2026-11-02"
D = datetime.date
BASE_DIR = Path(settings.BASE_DIR)
STARTUP_TIMEOUT = 60  # seconds for the worker to connect and report ready
TASK_TIMEOUT = 60  # seconds for a task to be taken and finished
REQUIRE_SERVICES = bool(os.environ.get("REQUIRE_SERVICES"))


# --- the schedule and the task's declaration --------------------------------------------------


def test_beat_runs_the_signal_checks_every_night_at_two_amsterdam_time():
    entries = [e for e in celery_app.conf.beat_schedule.values() if e["task"] == TASK]
    assert len(entries) == 1
    (entry,) = entries
    assert entry["schedule"] == crontab(hour=2, minute=0)
    assert entry["schedule"].hour == {2}
    assert entry["schedule"].minute == {0}
    assert not entry.get("args") and not entry.get("kwargs")  # the task takes today's date
    assert settings.CELERY_TIMEZONE == "Europe/Amsterdam"
    assert celery_app.conf.timezone == "Europe/Amsterdam"


def test_the_task_is_acknowledged_only_after_it_ran():
    """acks_late: a worker that dies mid-run leaves the message for redelivery."""
    assert run_signal_checks.name == TASK
    assert run_signal_checks.acks_late is True
    assert celery_app.tasks[TASK].acks_late is True  # as the worker finds it by name


# --- a real worker ------------------------------------------------------------------------------


@dataclass
class Broker:
    name: str
    url: str
    transport_options: dict[str, str | bool] = field(default_factory=dict)
    # The worker's environment: a value replaces the variable, None removes it.
    env: dict[str, str | None] = field(default_factory=dict)


def filesystem_broker(folder: Path) -> Broker:
    for sub in ("queue", "control"):
        (folder / sub).mkdir(parents=True, exist_ok=True)
    return Broker(
        name="filesystem",
        url="filesystem://",
        # As wajong/settings.py derives them from CELERY_BROKER_DIR.
        transport_options={
            "data_folder_in": str(folder / "queue"),
            "data_folder_out": str(folder / "queue"),
            "control_folder": str(folder / "control"),
            "store_processed": False,
        },
        env={"REDIS_URL": None, "CELERY_BROKER_DIR": str(folder)},
    )


def redis_broker() -> Broker:
    if not settings.REDIS_URL:
        # Only reached with REQUIRE_SERVICES (see the skipif below): CI must never skip it.
        pytest.fail("REQUIRE_SERVICES is set, so the Redis worker test must run: set REDIS_URL")
    # The worker serves the test database, whose name would give it another key prefix than
    # this process has (wajong/settings.py: REDIS_KEY_PREFIX): both take this process's.
    prefix = settings.REDIS_KEY_PREFIX
    return Broker(
        name="redis",
        url=settings.REDIS_URL,
        transport_options={"global_keyprefix": f"{prefix}:"},
        env={"REDIS_URL": settings.REDIS_URL, "REDIS_KEY_PREFIX": prefix},
    )


@pytest.fixture(
    params=[
        "filesystem",
        pytest.param(
            "redis",
            marks=pytest.mark.skipif(
                not settings.REDIS_URL and not REQUIRE_SERVICES,
                reason="REDIS_URL is not set; run with REDIS_URL=redis://127.0.0.1:6379/15 "
                "for the Redis variant (CI always runs it)",
            ),
        ),
    ]
)
def broker(request: pytest.FixtureRequest, tmp_path: Path) -> Broker:
    return (
        filesystem_broker(tmp_path / "broker") if request.param == "filesystem" else redis_broker()
    )


class Worker:
    """`celery worker` in a subprocess, its output in a file. A worker started with the
    `token` of an earlier one is that worker started again: same name, same queue."""

    def __init__(
        self,
        broker: Broker,
        log_path: Path,
        token: str | None = None,
        env: dict[str, str] | None = None,
    ) -> None:
        self.token = token or uuid.uuid4().hex[:12]
        self.queue = f"wajong-test-{self.token}"
        self.hostname = f"wajong-test-{self.token}@%h"
        self.log_path = log_path
        env = {**os.environ, "DATABASE_URL": database_url(), "PYTHONUNBUFFERED": "1", **(env or {})}
        env["DJANGO_SETTINGS_MODULE"] = "wajong.settings"
        for key, value in broker.env.items():
            if value is None:
                env.pop(key, None)
            else:
                env[key] = value
        command = [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "wajong",
            "worker",
            "--pool=solo",
            "--concurrency=1",
            "--loglevel=INFO",
            "-Q",
            self.queue,
            "-n",
            self.hostname,
            # Keep to itself: no chatter with other workers on the same broker.
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
        ]
        self._log_file = log_path.open("wb")
        self.process = subprocess.Popen(
            command, cwd=BASE_DIR, env=env, stdout=self._log_file, stderr=subprocess.STDOUT
        )

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def wait_for(self, condition: Callable[[], object], what: str, timeout: float) -> None:
        """Poll `condition` until it holds; fail early if the worker died."""
        deadline = time.monotonic() + timeout
        while True:
            if condition():
                return
            code = self.process.poll()
            if code is not None:
                pytest.fail(f"the worker exited ({code}) before {what}; its log is below")
            if time.monotonic() > deadline:
                pytest.fail(f"no {what} within {timeout} s; the worker's log is below")
            time.sleep(0.2)

    def task_end(self, task_id: str) -> re.Match[str] | None:
        """The worker's log line saying how task `task_id` ended, once it has."""
        pattern = rf"Task {re.escape(TASK)}\[{task_id}\] (succeeded|raised|failed|rejected).*"
        return re.search(pattern, self.log())

    def wait_for_task(self, task_id: str) -> str:
        """The worker's log line saying task `task_id` succeeded."""
        self.wait_for(lambda: self.task_end(task_id), f"end of task {task_id}", TASK_TIMEOUT)
        line = self.task_end(task_id)
        assert line is not None and line.group(1) == "succeeded", line and line.group(0)
        return line.group(0)

    def stop(self) -> None:
        try:
            if self.process.poll() is None:
                # Warm shutdown: about 1 s on Redis, about 4 s on the filesystem transport,
                # which notices the signal only between its polls.
                self.process.terminate()
                try:
                    self.process.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    self.process.kill()
                    self.process.wait(timeout=15)
        finally:
            self._log_file.close()

    def report(self) -> str:
        return f"--- celery worker log ({self.log_path}) ---\n{self.log()}"


@pytest.fixture
def worker(broker: Broker, tmp_path: Path) -> Iterator[Worker]:
    started = Worker(broker, tmp_path / "worker.log")
    try:
        started.wait_for(lambda: " ready." in started.log(), "worker ready", STARTUP_TIMEOUT)
        yield started
    finally:
        started.stop()
        print(started.report())  # pytest shows it under "Captured stdout" when the test fails
        if broker.name == "redis":
            drop_queue(broker, started.queue)


@pytest.fixture
def sender(broker: Broker) -> Iterator[Celery]:
    """A Celery app of the test's own on the worker's broker, to publish with."""
    app = Celery("wajong-test-sender", broker=broker.url, set_as_current=False)
    app.conf.broker_transport_options = broker.transport_options
    with app:
        yield app


def drop_queue(broker: Broker, name: str) -> None:
    """Remove the test's queue and its binding from Redis, which outlives the test."""
    app = Celery("wajong-test-cleanup", broker=broker.url, set_as_current=False)
    app.conf.broker_transport_options = broker.transport_options
    with app, app.connection_for_write() as conn:
        queue = Queue(name, Exchange(name), routing_key=name)(conn.default_channel)
        queue.declare()
        queue.delete()


def publish(sender: Celery, worker: Worker, as_of: str) -> str:
    result = sender.send_task(TASK, args=[as_of], queue=worker.queue)
    return str(result.id)


def signal_rows() -> list[tuple]:
    return list(
        Signal.objects.order_by("id").values_list(
            "id", "client_id", "kind", "status", "raised_on", "resolved_on", "rule_version_id"
        )
    )


def state() -> dict[str, list[tuple]]:
    """Everything a run of the checks writes."""
    return {
        "signals": signal_rows(),
        "history": list(
            Signal.history.order_by("history_id").values_list("history_id", "id", "status")
        ),
        "notifications": list(
            Notification.objects.order_by("id").values_list("id", "recipient_id", "day", "count")
        ),
    }


@pytest.mark.django_db(transaction=True)
def test_a_worker_runs_the_nightly_checks_into_the_database(
    worker: Worker, sender: Celery, team, caseworker
):
    # No qualifying contact in the year before AS_OF, in service for years: no_contact.
    silent = ClientFactory.create(team=team, caseworker=caseworker, in_service_since=D(2015, 1, 1))
    # Phase 2 since 13 months before AS_OF (threshold 12), but seen recently: stalled_phase.
    stalled = ClientFactory.create(team=team, caseworker=caseworker, in_service_since=D(2015, 1, 1))
    PhasePeriodFactory.create(client=stalled, phase="2", started_on=D(2025, 10, 2))
    ConversationFactory.create(client=stalled, caseworker=caseworker, held_on=D(2026, 9, 15))
    assert not Signal.objects.exists()

    first = publish(sender, worker, AS_OF)
    # Poll the database; stop early if the worker reports the task ended (e.g. it failed).
    worker.wait_for(
        lambda: Signal.objects.count() >= 2 or worker.task_end(first),
        "two signals in the database",
        TASK_TIMEOUT,
    )
    line = worker.wait_for_task(first)

    signals = {(s.client_id, s.kind): s for s in Signal.objects.all()}
    assert set(signals) == {
        (silent.pk, Signal.Kind.NO_CONTACT),
        (stalled.pk, Signal.Kind.STALLED_PHASE),
    }
    for signal in signals.values():
        assert signal.status == Signal.Status.OPEN
        assert signal.raised_on == D(2026, 11, 2)
        assert signal.resolved_on is None
    assert signals[silent.pk, Signal.Kind.NO_CONTACT].details == {
        "last_contact_on": None,
        "window_start": "2025-11-02",
    }
    assert signals[stalled.pk, Signal.Kind.STALLED_PHASE].details == {
        "phase": "2",
        "phase_since": "2025-10-02",
        "threshold_months": 12,
    }
    digest = Notification.objects.get()
    assert (digest.recipient_id, digest.day, digest.count) == (caseworker.pk, D(2026, 11, 2), 2)
    assert (
        "'raised': {'no_contact': 1, 'stalled_phase': 1, 'contract_ending': 0, 'job_ended': 0}"
        in line
    )

    # The same message again (a redelivery, or beat and a manual run): nothing changes.
    before = state()
    second = publish(sender, worker, AS_OF)
    line = worker.wait_for_task(second)
    assert state() == before
    assert (
        "'raised': {'no_contact': 0, 'stalled_phase': 0, 'contract_ending': 0, 'job_ended': 0}"
        in line
    )
    assert (
        "'resolved': {'no_contact': 0, 'stalled_phase': 0, 'contract_ending': 0, 'job_ended': 0}"
        in line
    )

    log = worker.log()
    assert log.count(f"Task {TASK}[") == 4  # each of the two received once, succeeded once
    assert "Traceback" not in log


# --- no BSN in the worker's and beat's logs -----------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_the_workers_log_holds_no_bsn_even_in_a_traceback(worker: Worker, sender: Celery):
    """A task called with a BSN by mistake fails; Celery logs its arguments when it receives
    it and the traceback when it fails (ValueError: Invalid isoformat string: '...')."""
    task_ids = [publish(sender, worker, written) for written in (BSN, "123 456 782")]
    for task_id in task_ids:
        worker.wait_for(partial(worker.task_end, task_id), f"end of {task_id}", TASK_TIMEOUT)

    log = worker.log()
    assert log.count("raised unexpected: ValueError") == 2 and "Traceback" in log
    assert bsn_in(log) == [], log


SET_UP_LOGGING_AS_BEAT_DOES = """
import logging
from wajong.celery import app
app.log.setup(loglevel="INFO")  # what `celery beat` (and the worker) call first
for handler in logging.getLogger().handlers:
    print("handler", type(handler.formatter).__name__)
try:
    raise ValueError("BSN 123.456.782")
except ValueError:
    logging.getLogger("celery.beat").exception("Sending due task %s", "123 456 782")
"""


def test_beat_logs_through_the_redaction():
    result = subprocess.run(
        [sys.executable, "-c", SET_UP_LOGGING_AS_BEAT_DOES],
        cwd=BASE_DIR,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "wajong.settings"},
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["handler RedactingFormatter"]
    assert "Sending due task *********" in result.stderr and "ValueError" in result.stderr
    assert bsn_in(result.stderr) == [], result.stderr


# --- a worker that dies mid-run ----------------------------------------------------------------

RESTART_TIMEOUT = 30  # seconds for the restarted worker to take the task back and finish it


def test_redis_hands_a_lost_task_out_again_within_minutes():
    """Celery's default visibility timeout is an hour; the nightly jobs take under a minute."""
    env = {**os.environ, "REDIS_URL": "redis://127.0.0.1:6379/0"}
    env.pop("CELERY_VISIBILITY_TIMEOUT", None)
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "from wajong.celery import app; print(app.conf.broker_transport_options)",
        ],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.returncode == 0, result.stderr
    assert ast.literal_eval(result.stdout.strip())["visibility_timeout"] == 600
    assert celery_app.conf.task_acks_late and celery_app.conf.task_reject_on_worker_lost


@contextmanager
def signal_checks_held_up() -> Iterator[None]:
    """Hold the lock the nightly checks wait for before writing, so a worker's run of them
    stays busy until the block ends."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_lock(%s)", [ADVISORY_LOCK_ID])
        try:
            yield
        finally:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [ADVISORY_LOCK_ID])
    else:
        # SQLite: one writer at a time; the checks' transaction waits for this one.
        holder = sqlite3.connect(str(connection.settings_dict["NAME"]), isolation_level=None)
        holder.execute("BEGIN IMMEDIATE")
        try:
            yield
        finally:
            holder.execute("ROLLBACK")
            holder.close()


def wait_until_busy(worker: Worker, task_id: str) -> None:
    """Until the worker is inside the task, waiting for the lock."""
    worker.wait_for(lambda: f"[{task_id}] received" in worker.log(), "task received", TASK_TIMEOUT)
    if connection.vendor == "postgresql":
        waiting = "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted"

        def blocked() -> bool:
            with connection.cursor() as cursor:
                cursor.execute(waiting)
                return cursor.fetchone()[0] > 0

        worker.wait_for(blocked, "the task waiting for the lock", TASK_TIMEOUT)
    else:
        time.sleep(1)  # SQLite shows no waiters; the task starts within milliseconds


@pytest.mark.django_db(transaction=True)
def test_a_task_whose_worker_is_killed_mid_run_is_finished_after_a_restart(
    broker: Broker, sender: Celery, tmp_path: Path, team, caseworker
):
    silent = ClientFactory.create(team=team, caseworker=caseworker, in_service_since=D(2015, 1, 1))
    # On Redis the message comes back once the visibility timeout has passed; a second here.
    env = {"CELERY_VISIBILITY_TIMEOUT": "1"}
    workers = [Worker(broker, tmp_path / "first.log", env=env)]
    try:
        first = workers[0]
        first.wait_for(lambda: " ready." in first.log(), "worker ready", STARTUP_TIMEOUT)
        with signal_checks_held_up():
            task_id = publish(sender, first, AS_OF)
            wait_until_busy(first, task_id)
            first.process.kill()  # SIGKILL: no warm shutdown, nothing handed back
            first.process.wait(timeout=10)
            time.sleep(1)  # past the visibility timeout of the message it held
        assert first.task_end(task_id) is None and not Signal.objects.exists()

        second = Worker(broker, tmp_path / "second.log", token=first.token, env=env)
        workers.append(second)
        second.wait_for(lambda: second.task_end(task_id), "the task finished", RESTART_TIMEOUT)
        second.wait_for_task(task_id)

        assert Signal.objects.get().client == silent
    finally:
        for started in workers:
            started.stop()
            print(started.report())
        if broker.name == "redis":
            drop_queue(broker, workers[0].queue)
