"""Benchmark the nightly checks at full size (PostgreSQL, `seed_demo --clients 110000`).

Times run_signals (straight after the bulk load, a first run raising every signal, a re-run),
counts its queries, and compares it in the same run with hand-written SQL (raising the signals
with their history rows, and finding them) and with a naive per-client loop on a sample,
checking all three agree. The run is also timed without the two work checks, so their cost
shows as a ratio.
"""

import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from benchmarks.signal_checks import handwritten_sql, per_client
from benchmarks.signal_raise_sql import handwritten_raise
from benchmarks.work_signal_checks import handwritten_work_sql, per_client_work
from clients.models import Client
from norms.models import NormVersion
from norms.selectors import norm_in_force
from signals.models import Signal
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


def best_of(
    times: int, action: Callable[[], T], *, before: Callable[[], Any]
) -> tuple[T, float, int]:
    """`timed()` of the fastest of `times` runs of `action`, each after `before()` (untimed)."""
    runs = []
    for _ in range(times):
        before()
        runs.append(timed(action))
    return min(runs, key=lambda result: result[1])


def best_in_turns(
    times: int, first: Callable[[], T], second: Callable[[], T], *, before: Callable[[], Any]
) -> tuple[tuple[T, float, int], tuple[T, float, int]]:
    """`best_of()` two actions, run in turns so that a busy moment of the machine weighs on
    both alike."""
    runs = [
        (best_of(1, first, before=before), best_of(1, second, before=before)) for _ in range(times)
    ]
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
        first = _first_runs(on, norm)
        # The steady re-runs are short: the best of three each, taken in turns, evens out noise.
        (_, again_s, again_q), (_, base_again_s, _) = best_in_turns(
            3,
            lambda: run_signals(as_of=on),
            lambda: run_signals(as_of=on, kinds=BASE_KINDS),
            before=lambda: None,
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
            ("run_signals, first run (raises all)", first.seconds, first.queries),
            ("run_signals, re-run same day (steady)", again_s, again_q),
            ("hand-written SQL, all four sets", sql_s + work_sql_s, sql_q + work_sql_q),
            (f"per-client loop, {len(ids):,} clients", naive_s, naive_q),
            (
                f"per-client loop, extrapolated to {total:,}",
                naive_full_s,
                round(naive_q * total / len(ids)),
            ),
        ]
        self._report(on, total, first.run, rows)
        self._report_first(first)
        self._report_work(
            first=(first.seconds, first.base_seconds),
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

    def _report_first(self, first: "FirstRuns") -> None:
        """Issue 19's figures for a first run: straight after the bulk load, and raising every
        signal (best of three) against hand-written SQL raising them with their history rows."""
        out = self.stdout.write
        out(
            f"  first run straight after the bulk load: {first.after_load_seconds:.3f} s, "
            f"{first.after_load_queries} queries (goal: <= 2 s)"
        )
        out(
            f"  first run (raises all) / hand-written SQL raising them with history: "
            f"{first.seconds:.3f} s / {first.floor_seconds:.3f} s = "
            f"{first.seconds / first.floor_seconds:.2f}x (goal: within 3x)"
        )
        if first.floor_raised != sum(first.run.raised.values()):
            raise CommandError("The hand-written SQL raised another number of signals.")

    def _report_work(
        self, *, first: tuple[float, float], again: tuple[float, float], work_sql_s: float
    ) -> None:
        """The cost of the two work checks: (with, without) seconds for the first run and the
        re-run, and the work checks' share of the re-run against their hand-written SQL."""
        out = self.stdout.write
        out("  the work checks (contract_ending, job_ended) in the same run:")
        for label, (with_s, without_s) in (("first run", first), ("re-run", again)):  # best of 3
            out(
                f"    {label:<10} with {with_s:.3f} s, without {without_s:.3f} s: "
                f"{with_s / without_s:.2f}x (goal: <= 1.5x)"
            )
        work_s = max(again[0] - again[1], 0.0)
        out(
            f"    re-run's work part {work_s:.3f} s, hand-written SQL {work_sql_s:.3f} s: "
            f"{work_s / work_sql_s:.2f}x"
        )


@dataclass
class FirstRuns:
    """run_signals raising every signal: straight after the bulk load, then the best of three
    with and without the work checks, against the hand-written floor."""

    after_load_seconds: float
    after_load_queries: int
    run: SignalRun
    seconds: float
    queries: int
    base_seconds: float
    floor_seconds: float
    floor_raised: int


def _first_runs(on: date, norm: NormVersion) -> FirstRuns:
    # Straight after the bulk load (seed_demo or the import), before anything else reads.
    _, after_load_s, after_load_q = timed(lambda: run_signals(as_of=on))
    # With and without the work checks, each from a clean slate, in turns and the best of
    # three, so that neither profits from the other's reads.
    (run, seconds, queries), (_, base_seconds, _) = best_in_turns(
        3,
        lambda: run_signals(as_of=on),
        lambda: run_signals(as_of=on, kinds=BASE_KINDS),
        before=_clean_slate,
    )
    floor_raised, floor_seconds, _ = best_of(
        3, lambda: handwritten_raise(on, norm), before=_clean_slate
    )
    _clean_slate()
    run_signals(as_of=on)
    return FirstRuns(
        after_load_s, after_load_q, run, seconds, queries, base_seconds, floor_seconds, floor_raised
    )


def _clean_slate() -> None:
    """No signals at all, so the first run raises every one (the bench database is disposable).

    TRUNCATE, not a delete through the ORM: that would write a history row per signal."""
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE signals_notification, signals_historicalsignal, signals_signal")
        cursor.execute("ANALYZE signals_signal, signals_historicalsignal, signals_notification")
