"""The work-queue benchmark on a small seeded database: its hand-written SQL must find as many
items as the queue (the command fails when any queue differs)."""

import io

import pytest
from django.core.management import call_command
from django.db import connection


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the hand-written SQL is PostgreSQL")
@pytest.mark.django_db
def test_the_benchmark_agrees_with_its_hand_written_sql(settings):
    settings.DEBUG = True  # seed_demo refuses otherwise
    call_command("seed_demo", clients=300, stdout=io.StringIO())
    call_command("run_signals", stdout=io.StringIO())
    out = io.StringIO()

    call_command("bench_work_queue", stdout=out)

    report = out.getvalue()
    assert " NO" not in report
    assert report.count(" yes") >= 3  # one row per caseworker (the demo has four)
    assert "page /werk/ in-process" in report
