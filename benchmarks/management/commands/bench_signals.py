"""Benchmark the nightly checks at full size (PostgreSQL, `seed_demo --clients 110000`).

Times run_signals (first run and re-run), counts its queries, and compares it in the same run
with hand-written SQL and with a naive per-client loop on a sample, checking all three agree.
The run is also timed without the two work checks, so their cost shows as a ratio.
"""

import random
import time
from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from benchmarks.signal_checks import handwritten_sql, per_client
from benchmarks.work_signal_checks import handwritten_work_sql, per_client_work
from clients.models import Client
from norms.selectors import norm_in_force
from signals.models import Notification, Signal
from signals.services import SignalRun, run_signals

T = TypeVar("T")
# The conditions the run had before the work checks: the yardstick for their cost.
BASE_KINDS = (Signal.Kind.NO_CONTACT, Signal.Kind.STALLED_PHASE)


def timed(action: Callable[[], T]) -> tuple[T, float, int]:
    """What `action` returns, how many seconds it took and how many queries it made."""
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        result = action()
        seconds = time.perf_counter() - started
    return result, seconds, len(queries.captured_queries)


def best_in_turns(
    times: int, first: Callable[[], T], second: Callable[[], T]
) -> tuple[tuple[T, float, int], tuple[T, float, int]]:
    """`timed()` of the fastest of `times` runs of each of two idempotent actions, run in
    turns so that a busy moment of the machine weighs on both alike."""
    runs = [(timed(first), timed(second)) for _ in range(times)]
    return (
        min((a for a, _b in runs), key=lambda result: result[1]),
        min((b for _a, b in runs), key=lambda result: result[1]),
    )


class Command(BaseCommand):
    help = "Time run_signals against hand-written SQL and a per-client loop (bench DB only)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--as-of", type=date.fromisoformat, default=None)
        parser.add_argument("--sample", type=int, default=1000, help="clients in the naive loop")

    def handle(self, *args: Any, as_of: date | None, sample: int, **options: Any) -> None:
        name = str(settings.DATABASES["default"]["NAME"])
        if connection.vendor != "postgresql" or not name.endswith("_bench"):
            raise CommandError(
                "Draai dit op een PostgreSQL-database waarvan de naam eindigt op _bench."
            )
        on = as_of or timezone.localdate()
        norm = norm_in_force(on)
        total = Client.objects.count()
        # The run without the work checks first, each from a clean slate, then both re-runs.
        _clean_slate()
        _, base_first_s, _ = timed(lambda: run_signals(as_of=on, kinds=BASE_KINDS))
        _clean_slate()
        first, first_s, first_q = timed(lambda: run_signals(as_of=on))
        # The steady re-runs are short: the best of three each, taken in turns, evens out noise.
        (_, again_s, again_q), (_, base_again_s, _) = best_in_turns(
            3, lambda: run_signals(as_of=on), lambda: run_signals(as_of=on, kinds=BASE_KINDS)
        )
        sql_sets, sql_s, sql_q = timed(lambda: handwritten_sql(on, norm))
        work_sets, work_sql_s, work_sql_q = timed(lambda: handwritten_work_sql(on, norm))
        ids = sorted(
            random.Random(1).sample(
                list(Client.objects.values_list("id", flat=True)), min(sample, total)
            )
        )
        naive_sets, naive_s, naive_q = timed(
            lambda: {**per_client(on, norm, ids), **per_client_work(on, norm, ids)}
        )
        naive_full_s = naive_s * total / len(ids)
        rows = [
            ("run_signals, first run (raises all)", first_s, first_q),
            ("run_signals, re-run same day (steady)", again_s, again_q),
            ("hand-written SQL, all four sets", sql_s + work_sql_s, sql_q + work_sql_q),
            (f"per-client loop, {len(ids):,} clients", naive_s, naive_q),
            (
                f"per-client loop, extrapolated to {total:,}",
                naive_full_s,
                round(naive_q * total / len(ids)),
            ),
        ]
        self._report(on, total, first, rows)
        self._report_work(
            first=(first_s, base_first_s),
            again=(again_s, base_again_s),
            work_sql_s=work_sql_s,
        )
        orm_sets = {
            kind: set(
                Signal.objects.filter(kind=kind, status="open").values_list("client_id", flat=True)
            )
            for kind in Signal.Kind.values
        }
        agree_sql = orm_sets == {**sql_sets, **work_sets}
        agree_naive = all(naive_sets[k] == orm_sets[k] & set(ids) for k in orm_sets)
        self.stdout.write(
            f"  same signals as hand-written SQL: {'yes' if agree_sql else 'NO'}; "
            f"same as per-client on the sample: {'yes' if agree_naive else 'NO'}"
        )
        if not (agree_sql and agree_naive):
            raise CommandError("The implementations disagree.")

    def _report(
        self, on: date, total: int, first: SignalRun, rows: list[tuple[str, float, int]]
    ) -> None:
        """rows: (label, seconds, queries) for the first run, the re-run, the hand-written SQL,
        the per-client sample and its extrapolation, in that order."""
        out = self.stdout.write
        out(f"\nSignal checks on {on} for {total:,} clients (PostgreSQL)")
        raised = ", ".join(f"{kind} {count:,}" for kind, count in first.raised.items())
        out(f"  raised: {raised}")
        out(f"  {'method':<42} {'seconds':>9} {'queries':>8} {'vs run_signals':>15}")
        again_s, sql_s, naive_full_s = rows[1][1], rows[2][1], rows[4][1]
        for label, seconds, queries in rows:
            out(f"  {label:<42} {seconds:>9.3f} {queries:>8} {seconds / again_s:>14.1f}x")
        out(f"  run_signals re-run / hand-written SQL: {again_s / sql_s:.2f}x (goal: within 3x)")
        speedup = naive_full_s / again_s
        out(f"  per-client (extrapolated) / run_signals re-run: {speedup:.0f}x (goal: >= 100x)")

    def _report_work(
        self, *, first: tuple[float, float], again: tuple[float, float], work_sql_s: float
    ) -> None:
        """The cost of the two work checks: (with, without) seconds for the first run and the
        re-run, and the work checks' share of the re-run against their hand-written SQL."""
        out = self.stdout.write
        out("  the work checks (contract_ending, job_ended) in the same run:")
        for label, (with_s, without_s) in (("first run", first), ("re-run", again)):
            out(
                f"    {label:<10} with {with_s:.3f} s, without {without_s:.3f} s: "
                f"{with_s / without_s:.2f}x (goal: <= 1.5x)"
            )
        work_s = max(again[0] - again[1], 0.0)
        out(
            f"    re-run's work part {work_s:.3f} s, hand-written SQL {work_sql_s:.3f} s: "
            f"{work_s / work_sql_s:.2f}x"
        )


def _clean_slate() -> None:
    """No signals at all, so the first run raises every one (the bench database is disposable)."""
    Notification.objects.all().delete()
    Signal.history.all().delete()
    Signal.objects.all().delete()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
