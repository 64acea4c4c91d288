"""Benchmark the work queue at full size (PostgreSQL, `seed_demo --clients 110000`).

For the caseworkers with the largest caseloads: the queue through the selector (best of three,
with its query count) against one hand-written SQL statement that finds the same items, and
whether both find the same; then the page as the caseworker gets it, against `/healthz/` in the
same run as the framework's floor.
"""

import statistics
import time
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.db.models import Count
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import User
from benchmarks.web import Browser
from casework.work_queue import HANDOVER_DAYS, TRAJECTORY_END_DAYS, work_queue

CASEWORKERS = 20

# The same items as casework.work_queue, by hand: one statement returning their rows.
FLOOR_SQL = """
WITH mine AS (
  SELECT id FROM clients_client
  WHERE caseworker_id = %(cw)s AND (out_of_service_on IS NULL OR out_of_service_on > %(start)s)
)
SELECT 'conversation', c.id, c.client_id, c.held_on FROM interventions_conversation c
  JOIN clients_client cl ON cl.id = c.client_id
  WHERE c.status = 'planned' AND c.held_on <= %(end)s
    AND (c.caseworker_id = %(cw)s OR cl.caseworker_id = %(cw)s)
    AND cl.team_id IN (SELECT team_id FROM accounts_membership WHERE user_id = %(cw)s)
    AND (cl.out_of_service_on IS NULL OR cl.out_of_service_on > %(start)s)
UNION ALL SELECT 'signal', id, client_id, raised_on FROM signals_signal
  WHERE status = 'open' AND client_id IN (SELECT id FROM mine)
UNION ALL SELECT 'agreement', a.id, w.client_id, a.due_on FROM interventions_agreement a
  JOIN interventions_workplan w ON w.id = a.work_plan_id
  WHERE a.status = 'open' AND a.due_on <= %(end)s AND w.status <> 'superseded'
    AND w.client_id IN (SELECT id FROM mine)
UNION ALL SELECT 'referral', id, client_id, follow_up_on FROM referrals_referral
  WHERE status IN ('referred', 'waiting', 'in_care') AND follow_up_on <= %(end)s
    AND client_id IN (SELECT id FROM mine)
UNION ALL SELECT 'phase_exemption', id, client_id, review_on FROM phases_phaseexemption
  WHERE review_on BETWEEN %(start)s AND %(end)s AND client_id IN (SELECT id FROM mine)
UNION ALL SELECT 'contact_exemption', id, client_id, valid_until FROM interventions_contactexemption
  WHERE valid_until BETWEEN %(start)s AND %(end)s AND client_id IN (SELECT id FROM mine)
UNION ALL SELECT 'trajectory', id, client_id, planned_end_on FROM interventions_trajectory
  WHERE status IN ('running', 'paused') AND planned_end_on BETWEEN %(start)s AND %(ends)s
    AND client_id IN (SELECT id FROM mine)
UNION ALL SELECT 'handover', a.id, a.client_id, a.started_on FROM clients_caseworkerassignment a
  WHERE a.caseworker_id = %(cw)s AND a.ended_on IS NULL
    AND a.started_on BETWEEN %(since)s AND %(end)s
    AND a.assigned_by_id IS DISTINCT FROM %(cw)s AND a.client_id IN (SELECT id FROM mine)
    AND NOT EXISTS (SELECT 1 FROM interventions_conversation c WHERE c.client_id = a.client_id
                    AND c.status = 'held' AND c.held_on >= a.started_on)
"""


def best_of(action: Callable[[], Any], runs: int = 3) -> tuple[Any, float, int]:
    """The result, the fastest of `runs` timings, and the queries of one run."""
    timings = []
    for _ in range(runs):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            result = action()
            timings.append(time.perf_counter() - started)
    return result, min(timings), len(queries.captured_queries)


def ms(seconds: float) -> str:
    return f"{seconds * 1000:7.1f}"


class Command(BaseCommand):
    help = "Time the work queue against hand-written SQL and the framework floor (PostgreSQL)."

    def handle(self, *args: Any, **options: Any) -> None:
        if connection.vendor != "postgresql":
            raise CommandError("bench_work_queue meet PostgreSQL; zet DATABASE_URL.")
        settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
        # In-process requests: no TLS in front, and the benchmark user has no second factor.
        settings.SECURE_SSL_REDIRECT = False
        settings.MFA_REQUIRED = False
        start = timezone.localdate()
        end = start + timedelta(days=6)
        busiest = (
            User.objects.caseworkers()
            .annotate(caseload=Count("clients"))
            .order_by("-caseload")[:CASEWORKERS]
        )
        self.stdout.write(
            f"\nwork queue, {start} to {end}, the {CASEWORKERS} busiest caseworkers\n"
            "caseworker        clients  items  code ms  queries  SQL ms  ratio  same"
        )
        differ = 0
        for caseworker in busiest:
            differ += self.bench_selector(caseworker, start, end)
        self.bench_pages(list(busiest))
        if differ:
            raise CommandError(f"{differ} queues differ from the hand-written SQL")

    def bench_selector(self, caseworker: User, start: Any, end: Any) -> int:
        items, code, queries = best_of(
            lambda: work_queue(caseworker=caseworker, viewer=caseworker, start=start, end=end)
        )
        params = {
            "cw": caseworker.pk,
            "start": start,
            "end": end,
            "ends": end + timedelta(days=TRAJECTORY_END_DAYS),
            "since": end - timedelta(days=HANDOVER_DAYS),
        }

        def floor() -> int:
            with connection.cursor() as cursor:
                cursor.execute(FLOOR_SQL, params)
                return len(cursor.fetchall())

        expected, sql, _ = best_of(floor)
        same = expected == len(items)
        self.stdout.write(
            f"{caseworker.username[:16]:16} {caseworker.caseload:8} {len(items):6} "  # type: ignore[attr-defined]
            f"{ms(code)}  {queries:7}  {ms(sql)}  {code / sql:5.1f}  {'yes' if same else 'NO'}"
        )
        return 0 if same else 1

    def bench_pages(self, caseworkers: list[User]) -> None:
        """The page as each caseworker opens it (median of three), and /healthz/ beside it."""
        timings, floor = [], []
        for caseworker in caseworkers:
            web = Browser(caseworker)
            web.get("/werk/")  # warm: sessions, translations, templates
            for _ in range(3):
                started = time.perf_counter()
                response = web.get("/werk/")
                timings.append(time.perf_counter() - started)
                if response.status_code != 200:
                    raise CommandError(f"/werk/ answered {response.status_code}")
                started = time.perf_counter()
                web.get("/healthz/")
                floor.append(time.perf_counter() - started)
        p50, p95 = statistics.median(timings), statistics.quantiles(timings, n=20)[-1]
        base = statistics.median(floor)
        self.stdout.write(
            f"\npage /werk/ in-process, {len(timings)} requests: p50 {ms(p50)} ms, "
            f"p95 {ms(p95)} ms; /healthz/ p50 {ms(base)} ms; ratio p50/healthz "
            f"{p50 / base:.1f} (goal: p95 under 150 ms)"
        )
