"""Loaded first (`-p tests.parallel_services` in pyproject): under pytest-xdist, each worker
gets a Redis database of its own before Django reads its settings.

Workers share one Redis server. Without this, one worker's `cache.clear()` (a FLUSHDB) would
empty another's cache mid-test, and a Celery worker started by one test could take the tasks
another test queued. Worker gw0 keeps the database REDIS_URL names; gw1 the one below it, and
so on (CI uses 15, so 15 and 14 with two workers).
"""

import os
from urllib.parse import urlsplit, urlunsplit

import pytest

REDIS_DATABASES = 16  # Redis's default number of databases


def redis_url_for_worker(url: str, worker: str) -> str:
    """`url` with its database moved down by the worker's number (`gw3` -> 3)."""
    parts = urlsplit(url)
    base = int(parts.path.strip("/") or 0)
    database = (base - int(worker.removeprefix("gw"))) % REDIS_DATABASES
    return urlunsplit(parts._replace(path=f"/{database}"))


@pytest.hookimpl(tryfirst=True)
def pytest_load_initial_conftests() -> None:
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if worker and os.environ.get("REDIS_URL"):
        os.environ["REDIS_URL"] = redis_url_for_worker(os.environ["REDIS_URL"], worker)
