"""The load test's machinery: gunicorn started as production runs it, signed-in sessions of
many users, and wrk (Debian's HTTP load tool) driving one page at a time.

wrk runs a small generated Lua script: each request takes the next (path, session) pair in
turn, so 20 connections are 20 different caseworkers looking at their own clients, and the
script prints the latency percentiles as one JSON line when the run ends.
"""

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from accounts.models import User
from benchmarks.web import Browser

BASE_DIR = Path(settings.BASE_DIR)

# Each wrk thread builds its requests once, then hands them out in turn; `done` prints the
# figures as JSON (wrk's own text output rounds and mixes units).
LUA = r"""
local pairs_ = %(pairs)s
local host = %(host)s
local requests_ = {}
local n = 0

function init(args)
  for i, pair in ipairs(pairs_) do
    local headers = {["Host"] = host, ["X-Forwarded-Proto"] = "https"}
    if pair[2] ~= "" then headers["Cookie"] = pair[2] end
    requests_[i] = wrk.format("GET", pair[1], headers)
  end
  n = math.random(#requests_)
end

function request()
  n = n %% #requests_ + 1
  return requests_[n]
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests": %%d, "duration_us": %%d, "p50": %%d, "p95": %%d, "p99": %%d, ' ..
    '"errors": %%d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95),
    latency:percentile(99), e.connect + e.read + e.write + e.status + e.timeout))
end
"""


@dataclass(frozen=True)
class Figures:
    """One page's run: latencies in milliseconds, throughput in pages per second."""

    requests: int
    per_second: float
    p50: float
    p95: float
    p99: float
    errors: int


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wrk_binary() -> str:
    found = shutil.which("wrk")
    if not found:
        raise RuntimeError("wrk is missing: run `make bench-tools` (or apt-get install wrk).")
    return found


def session_cookie(user: User) -> str:
    """A Cookie header for a new session of `user`, signed in and past the second factor."""
    browser = Browser(user)
    return f"{settings.SESSION_COOKIE_NAME}={browser.cookies[settings.SESSION_COOKIE_NAME].value}"


def drive(
    base_url: str, pairs: list[tuple[str, str]], *, connections: int, seconds: int
) -> Figures:
    """wrk on `pairs` (path, Cookie header) with `connections` open at once for `seconds`."""
    script = LUA % {
        "pairs": "{" + ", ".join(f"{{{_lua(p)}, {_lua(c)}}}" for p, c in pairs) + "}",
        "host": _lua(settings.ALLOWED_HOSTS[0]),
    }
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as file:
        file.write(script)
    try:
        threads = max(1, min(2, connections))
        output = subprocess.run(
            [
                wrk_binary(),
                f"-t{threads}",
                f"-c{connections}",
                f"-d{seconds}s",
                "-s",
                file.name,
                "--timeout",
                "10s",
                base_url,
            ],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    finally:
        os.unlink(file.name)
    found = json.loads(output.strip().splitlines()[-1])
    return Figures(
        requests=found["requests"],
        per_second=found["requests"] / (found["duration_us"] / 1e6),
        p50=found["p50"] / 1000,
        p95=found["p95"] / 1000,
        p99=found["p99"] / 1000,
        errors=found["errors"],
    )


def _lua(text: str) -> str:
    return json.dumps(text)  # a JSON string is a valid Lua string for these characters


def check_pages(base_url: str, pairs: list[tuple[str, str]]) -> None:
    """Every (path, session) answers 200 before it is timed: a redirect to the sign-in page
    would be counted by wrk as a quick success."""
    for path, cookie in pairs:
        request = urllib.request.Request(
            base_url + path,
            headers={"Cookie": cookie, "X-Forwarded-Proto": "https"} if cookie else {},
        )
        try:
            with _no_redirects().open(request, timeout=60) as answer:
                status = answer.status
        except urllib.error.HTTPError as error:
            status = error.code
        if status != 200:
            raise RuntimeError(f"{path} answered {status}, not 200, before the load test")


def _no_redirects() -> urllib.request.OpenerDirector:
    class Refuse(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):  # type: ignore[no-untyped-def]
            return None

    return urllib.request.build_opener(Refuse)


@contextmanager
def gunicorn(workers: int, threads: int, port: int, log_path: Path) -> Iterator[str]:
    """The web server as production starts it (gunicorn.conf.py, DEBUG off), on this
    machine's loopback, behind an imagined TLS proxy; yields its base URL."""
    environment = {
        **os.environ,
        "DEBUG": "false",
        "SECURE_SSL_REDIRECT": "false",  # the load balancer ends TLS and redirects
        # One user reads thousands of clients a minute in a load test; the hourly ceiling
        # against scraping would answer 429 after a few seconds.
        "CLIENT_READS_PER_HOUR": str(10**9),
        "WEB_CONCURRENCY": str(workers),
        "PYTHONUNBUFFERED": "1",
    }
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "--config",
        "gunicorn.conf.py",
        "--bind",
        f"127.0.0.1:{port}",
        "--threads",
        str(threads),
    ]
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            command, cwd=BASE_DIR, env=environment, stdout=log, stderr=subprocess.STDOUT
        )
        try:
            base_url = f"http://127.0.0.1:{port}"
            _wait_until_healthy(base_url, process, log_path)
            yield base_url
        finally:
            process.terminate()
            process.wait(timeout=30)


def _wait_until_healthy(base_url: str, process: subprocess.Popen, log_path: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited:\n{log_path.read_text(errors='replace')}")
        try:
            with urllib.request.urlopen(base_url + "/healthz/", timeout=2) as answer:
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("gunicorn did not answer /healthz/ within 60 s")
