"""The hand-written floor for a first run: raise every signal with its history row in SQL.

Per kind one INSERT ... SELECT over the hand-written condition (benchmarks.signal_checks and
benchmarks.work_signal_checks), then one INSERT of the '+' history rows, in one transaction that
commits (its flush to disk is part of the cost, as for run_signals). The details are left out
(an empty object): the floor is what raising costs at the least. For `manage.py bench_signals`
only, on a database without signals; it leaves the signals it raised.
"""

from datetime import date
from typing import Any

from django.db import connection, transaction

from benchmarks.signal_checks import NO_CONTACT_SQL, STALLED_SQL, condition_parameters
from benchmarks.work_signal_checks import (
    CONTRACT_ENDING_SQL,
    JOB_ENDED_SQL,
    work_condition_parameters,
)
from norms.models import NormVersion

CONDITIONS_SQL = {
    "no_contact": NO_CONTACT_SQL,
    "stalled_phase": STALLED_SQL,
    "contract_ending": CONTRACT_ENDING_SQL,
    "job_ended": JOB_ENDED_SQL,
}
SIGNAL_COLUMNS = "client_id, kind, status, raised_on, rule_version_id, details, dismissed_reason"
RAISE_SQL = f"""
INSERT INTO signals_signal ({SIGNAL_COLUMNS})
SELECT held.client_id, %(kind)s, 'open', %(on)s, %(rule)s, jsonb_build_object(), ''
FROM (SELECT DISTINCT condition.* FROM ({{condition}}) condition) held (client_id)
"""
HISTORY_COLUMNS = (
    "id, kind, status, raised_on, resolved_on, details, dismissed_reason, dismissed_until, "
    "client_id, dismissed_by_id, rule_version_id"
)
HISTORY_SQL = f"""
INSERT INTO signals_historicalsignal ({HISTORY_COLUMNS}, history_date, history_change_reason,
  history_type, history_user_id)
SELECT {HISTORY_COLUMNS}, now(), 'benchmark', '+', NULL FROM signals_signal WHERE id > %(before)s
"""


def handwritten_raise(on: date, norm: NormVersion) -> int:
    """Raise every signal on `on` with its history row; the number raised."""
    params: dict[str, Any] = {
        **condition_parameters(on, norm),
        **work_condition_parameters(on, norm),
        "rule": norm.pk,
    }
    raised = 0
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT coalesce(max(id), 0) FROM signals_signal")
        before = cursor.fetchone()[0]
        for kind, condition in CONDITIONS_SQL.items():
            cursor.execute(RAISE_SQL.format(condition=condition), {**params, "kind": kind})
            raised += cursor.rowcount
        cursor.execute(HISTORY_SQL, {"before": before})
    return raised
