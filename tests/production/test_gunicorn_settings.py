"""The production web server's settings (gunicorn.conf.py) as it reads them."""

import os
import runpy

import pytest


@pytest.mark.parametrize(
    ("cores", "given", "workers"), [(2, None, 4), (8, None, 16), (32, None, 16), (2, "3", 3)]
)
def test_two_workers_per_core_unless_web_concurrency_says_otherwise(
    monkeypatch, cores, given, workers
):
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: set(range(cores)), raising=False)
    monkeypatch.setattr(os, "cpu_count", lambda: cores)
    if given is None:
        monkeypatch.delenv("WEB_CONCURRENCY", raising=False)
    else:
        monkeypatch.setenv("WEB_CONCURRENCY", given)
    monkeypatch.setenv("DB_REQUEST_TIMEOUTS", "true")  # the file sets it for the server

    assert runpy.run_path("gunicorn.conf.py")["workers"] == workers
