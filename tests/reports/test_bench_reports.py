"""The dashboard benchmark on a small seeded database: its hand-written SQL must give the same
figures as the reports (the command fails when any figure differs)."""

import io

import pytest
from django.core.management import call_command
from django.db import connection


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the hand-written SQL is PostgreSQL")
@pytest.mark.django_db
def test_the_benchmark_agrees_with_its_hand_written_sql(settings):
    settings.DEBUG = True  # seed_demo refuses otherwise
    call_command("seed_demo", clients=300, stdout=io.StringIO())
    out = io.StringIO()

    call_command("bench_reports", stdout=out)

    report = out.getvalue()
    assert "caseload per caseworker" in report and "production" in report
    assert " NO" not in report
    assert "placements and renewals" in report and "after a job ends" in report
    assert "work status, year end" in report
    assert "phase flows from 1" in report and "phase flows from 2" in report
    assert "ladder distribution" in report and "referral outcomes" in report
    # sixteen figures for the team, fifteen for all teams (two of them who works: today and
    # year end, two the phase flows from phase 1 and 2)
    assert report.count(" yes") == 31
