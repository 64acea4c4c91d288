"""For tests that start the project's own processes: web servers and Celery workers.

A process started by a test reaches the test's database through DATABASE_URL. A test that
writes rows for it to read must be transactional (`django_db(transaction=True)`), so they are
committed; on SQLite the test database is a file for this reason (tests/conftest.py).
"""

import http.client
import json
import os
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from email.message import Message
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

import environ
import pytest
from django.conf import settings
from django.db import connection

BASE_DIR = Path(settings.BASE_DIR)


def settings_under(expression: str, **env: str) -> Any:
    """What `expression` (of the settings, `s`) gives in a process started with this
    environment, where the databases and Redis are only what `env` names."""
    clean = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DATABASE_", "REDIS_"))
    }
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import json, django; django.setup(); from django.conf import settings as s; "
            f"print(json.dumps({expression}))",
        ],
        cwd=BASE_DIR,
        env={**clean, "DJANGO_SETTINGS_MODULE": "wajong.settings", **env},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def database_url() -> str:
    """A DATABASE_URL for this test's database (the test database, not the configured one)."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        name = str(db["NAME"])
        assert Path(name).is_absolute(), f"the SQLite test database must be a file: {name!r}"
        url = f"sqlite:///{name}"
    elif connection.vendor == "postgresql":
        auth = quote(db["USER"] or "", safe="")
        if db["PASSWORD"]:
            auth += ":" + quote(db["PASSWORD"], safe="")
        host = quote(db["HOST"] or "", safe="")
        port = f":{db['PORT']}" if db["PORT"] else ""
        query = f"?{urlencode(db['OPTIONS'])}" if db["OPTIONS"] else ""
        url = f"postgres://{auth}@{host}{port}/{quote(db['NAME'], safe='')}{query}"
    else:
        pytest.fail(f"no DATABASE_URL for the {connection.vendor} backend")
    parsed = environ.Env.db_url_config(url)
    for key in ("NAME", "USER", "HOST"):
        assert (parsed.get(key) or "") == (db.get(key) or ""), (key, url)
    return url


def free_port() -> int:
    """A TCP port nobody listens on right now, for a server started by a test."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Response:
    status: int
    headers: Message
    body: bytes


class WebServer:
    """A web server in a subprocess (gunicorn, runserver) on 127.0.0.1:`port`, with everything
    it writes to stdout and stderr in one file."""

    def __init__(self, command: list[str], *, port: int, env: dict[str, str], log_path: Path):
        self.port = port
        self.log_path = log_path
        self._log_file = log_path.open("wb")
        self.process = subprocess.Popen(
            command,
            cwd=BASE_DIR,
            # The test database's name would give the server another key prefix in Redis
            # than this process (wajong/settings.py): it takes this process's, as every
            # process of one deployment has the same.
            env={
                **os.environ,
                "PYTHONUNBUFFERED": "1",
                "REDIS_KEY_PREFIX": settings.REDIS_KEY_PREFIX,
                **env,
            },
            stdout=self._log_file,
            stderr=subprocess.STDOUT,
        )

    def wait_until_listening(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while True:
            if self.process.poll() is not None:
                pytest.fail(f"the server exited ({self.process.returncode}):\n{self.log()}")
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return
            except OSError:
                if time.monotonic() > deadline:
                    pytest.fail(f"the server did not listen within {timeout} s:\n{self.log()}")
                time.sleep(0.1)

    def get(self, path: str, headers: dict[str, str] | None = None) -> Response:
        """One GET as a browser sends it; redirects are not followed."""
        return self.request("GET", path, headers=headers)

    def request(
        self, method: str, path: str, *, headers: dict[str, str] | None = None, body: str = ""
    ) -> Response:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            connection.request(method, path, body=body or None, headers=headers or {})
            answer = connection.getresponse()
            return Response(answer.status, answer.headers, answer.read())
        finally:
            connection.close()

    def wait_for_log(self, count: int, text: str, timeout: float = 10) -> None:
        """Wait until `text` appears `count` times in the log (a server may write a request's
        line only after it has answered it)."""
        deadline = time.monotonic() + timeout
        while self.log().count(text) < count:
            if time.monotonic() > deadline:
                pytest.fail(f"{text!r} not {count} times in the log:\n{self.log()}")
            time.sleep(0.1)

    def stop(self) -> None:
        """A graceful stop (SIGTERM), so everything it logged is written out."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=20)
        self._log_file.close()

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")
