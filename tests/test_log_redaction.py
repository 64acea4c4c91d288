"""No BSN in any log line, however it is written, also not in a traceback.

The rule: no nine-digit number in a log line or traceback from any process the project starts.
Here the redaction itself and Django's logging as configured; the web servers and Celery are
started for real in tests/production/ and tests/signals/test_celery_worker.py.
"""

import io
import logging
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings
from django.db import IntegrityError, connection, transaction

from clients.models import Client
from common.logging import RedactBsn, RedactingFormatter, redact
from tests.factories import ClientFactory
from tests.logs import BSN, bsn_in
from tests.processes import WebServer, database_url, free_port

BASE_DIR = Path(settings.BASE_DIR)

# How people and URLs write that BSN.
WRITTEN = [
    "123456782",
    "123 456 782",
    "123.456.782",
    "123-456-782",
    "1234.56.782",
    "12-34-56-782",
    "12 34 56 782",
    "123\u00a0456\u00a0782",  # non-breaking spaces, as a word processor pastes them
    "123+456+782",  # a space in a query string
    "123%20456%20782",
    "%31%32%33%34%35%36%37%38%32",
    "１２３４５６７８２",  # full-width digits
    "123–456–782",  # en dashes, as a word processor makes them
    "123  456  782",  # two spaces
    "123 - 456 - 782",
    "1.234.567.82",  # dotted like an IPv4 address, but no address
]


@pytest.mark.parametrize("written", WRITTEN)
@pytest.mark.parametrize(
    "line",
    [
        "{}",
        "GET /clienten/?search={}&page=2",
        "Not Found: /clienten/{}/",
        "DETAIL:  Key (bsn)=({}) already exists.",
        "params=('{}',)",
        "bladzijde 2 {} gevonden",
    ],
)
def test_a_bsn_is_blanked_however_it_is_written(line, written):
    assert bsn_in(line.format(written))

    redacted = redact(line.format(written))

    assert redacted == line.format("*********")


@pytest.mark.parametrize(
    "line",
    [
        "2026-03-01 12:00:00,123 INFO django.server",
        "[01/Mar/2026:12:00:00 +0100] [12345] [INFO] Booting worker with pid: 12345",
        '192.168.100.123 "GET /clienten/12/ HTTP/1.1" status=200 bytes=12345 ms=3',
        '"GET /clienten/ HTTP/1.1" 200 123456',
        "Task signals.tasks.run_signal_checks[f6a2c1d0-4b3e-4a1f-9c2d-a123456789bc] received",
        "1234567890 and 12345678 are not nine digits",
        "1.234,56 euro",
    ],
)
def test_other_numbers_are_left_alone(line):
    assert redact(line) == line


def record(message: str, *args, exc_info=None, stack_info=None) -> logging.LogRecord:
    made = logging.LogRecord("django.request", logging.ERROR, __file__, 1, message, args, exc_info)
    made.stack_info = stack_info
    return made


def raised(message: str):
    try:
        raise ValueError(message)
    except ValueError:
        return sys.exc_info()


def test_the_filter_blanks_the_message_the_traceback_and_the_stack():
    line = record(
        "Geen cliënt %s",
        "123 456 782",
        exc_info=raised("BSN 123.456.782 bestaat al"),
        stack_info='File "x.py", line 1, in zoek\n    zoek("123456782")',
    )

    RedactBsn().filter(line)

    assert line.getMessage() == "Geen cliënt *********"
    assert "ValueError: BSN ********* bestaat al" in str(line.exc_text)
    assert 'zoek("*********")' in str(line.stack_info)


def test_the_formatter_blanks_every_bsn_in_what_it_writes():
    formatter = RedactingFormatter("%(message)s %(path)s")
    line = record("Fout bij %s", "12-34-56-782", exc_info=raised("BSN 123 456 782"))
    line.path = "/clienten/?q=123456782"

    text = formatter.format(line)

    assert "Traceback" in text and "ValueError: BSN *********" in text
    assert bsn_in(text) == []


# --- Django's logging as the project configures it ------------------------------------------


@pytest.fixture
def project_log() -> Iterator[io.StringIO]:
    """What the project's own log handlers (from settings.LOGGING) write during the test."""
    handlers = [
        handler
        for handler in logging.getLogger().handlers
        if isinstance(handler, logging.StreamHandler)
        and not type(handler).__module__.startswith("_pytest")
    ]
    assert handlers, "settings.LOGGING gives the root logger no stream handler"
    out = io.StringIO()
    streams = [handler.setStream(out) for handler in handlers]
    try:
        yield out
    finally:
        for handler, stream in zip(handlers, streams, strict=True):
            handler.setStream(stream)


@pytest.mark.django_db
def test_a_duplicate_bsn_traceback_reaches_the_log_without_the_bsn(project_log):
    ClientFactory.create(bsn=BSN)
    try:
        with transaction.atomic():
            ClientFactory.create(bsn=BSN)
    except IntegrityError as error:
        # PostgreSQL names the value: 'Key (bsn)=(123456782) already exists'.
        assert bsn_in(str(error)) or connection.vendor != "postgresql"
        # As Django logs an unhandled error in a request, with the traceback attached.
        logging.getLogger("django.request").exception(
            "Internal Server Error: %s", f"/clienten/?q={BSN}"
        )

    text = project_log.getvalue()
    assert "Traceback" in text and "IntegrityError" in text
    assert Client.objects.count() == 1
    assert bsn_in(text) == [], text


def test_a_log_line_with_a_spaced_bsn_and_a_traceback_is_blanked(project_log):
    try:
        raise KeyError("123 456 782")
    except KeyError:
        logging.getLogger("clients").exception("Zoeken naar %s mislukt", "123.456.782")

    text = project_log.getvalue()
    assert "Zoeken naar ********* mislukt" in text and "KeyError: '*********'" in text
    assert bsn_in(text) == [], text


CHECK_HANDLERS = """
import logging, django
django.setup()
loggers = [logging.getLogger()] + [
    logger for logger in logging.Logger.manager.loggerDict.values()
    if isinstance(logger, logging.Logger)
]
for logger in loggers:
    for handler in logger.handlers:
        if not isinstance(handler, logging.NullHandler):  # writes nothing
            print(logger.name, type(handler).__name__, type(handler.formatter).__name__)
"""


@pytest.mark.parametrize("debug", ["true", "false"])
def test_every_log_handler_of_the_web_app_redacts(debug):
    """Django's own defaults give `django` and `django.server` (runserver's request log)
    handlers that do not redact; the project's configuration leaves none of them."""
    result = subprocess.run(
        [sys.executable, "-c", CHECK_HANDLERS],
        cwd=BASE_DIR,
        env={**_environ(), "DEBUG": debug},
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.returncode == 0, result.stderr
    handlers = result.stdout.splitlines()
    assert handlers, "no log handler at all"
    assert [line for line in handlers if not line.endswith(" RedactingFormatter")] == []


def _environ() -> dict[str, str]:
    import os

    return {**os.environ, "DJANGO_SETTINGS_MODULE": "wajong.settings"}


# --- the development server (`make run`, Procfile) -------------------------------------------


def test_the_development_servers_request_log_holds_no_bsn_and_no_query(transactional_db, tmp_path):
    """runserver logs every request line; Django's default handler for it wrote the full
    address, query string and all."""
    port = free_port()
    server = WebServer(
        [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
        port=port,
        env={
            "DEBUG": "true",  # as `make run` starts it
            "DATABASE_URL": database_url(),
            "CELERY_BROKER_DIR": str(tmp_path / "broker"),
        },
        log_path=tmp_path / "runserver.log",
    )
    try:
        server.wait_until_listening()
        found = server.get(f"/clienten/?search={BSN}").status
        not_found = server.get("/clienten/123%20456%20782/").status
        server.wait_for_log(2, '"GET /clienten/')
    finally:
        server.stop()

    log = server.log()
    assert (found, not_found) == (302, 404)
    assert re.search(r'"GET /clienten/ HTTP/1\.1" 302', log), log
    assert '"GET /clienten/*********/ HTTP/1.1" 404' in log, log
    assert bsn_in(log) == [], log
