"""Reference implementations of the two signals on work, for `manage.py bench_signals` only.

- `handwritten_work_sql`: one hand-written PostgreSQL statement per condition (the yardstick).
- `per_client_work`: the naive Python loop with queries per client (the anti-pattern).
Both return {kind: set of client ids} for a date, to be compared with `run_signals`.
"""

from datetime import date
from typing import Any

from django.db import connection

from benchmarks.signal_checks import ACTIVE, is_active
from clients.models import Client
from norms.models import NormVersion
from signals.selectors import QUALIFYING_CHANNELS, qualifying_contacts
from signals.work_checks import contract_window, job_ended_window
from work.models import FIXED_TERM, Job
from work.selectors import EMPLOYED

# The terms on D are the job's own, unless it was renewed after D: then those the first later
# renewal replaced. Only candidates (ending now, or renewed later) look at the renewals.
CONTRACT_ENDING_SQL = f"""
SELECT DISTINCT j.client_id FROM work_job j
JOIN clients_client c ON c.id = j.client_id
LEFT JOIN LATERAL (
  SELECT r.previous_contract, r.previous_planned_end_on FROM work_jobrenewal r
  WHERE r.job_id = j.id AND r.renewed_on > %(on)s ORDER BY r.renewed_on, r.id LIMIT 1
) r ON true
WHERE j.ended_on IS NULL AND j.started_on <= %(on)s
  AND ((j.contract = ANY(%(fixed)s) AND j.planned_end_on BETWEEN %(on)s AND %(until)s)
       OR j.id IN (SELECT job_id FROM work_jobrenewal WHERE renewed_on > %(on)s))
  AND COALESCE(r.previous_contract, j.contract) = ANY(%(fixed)s)
  AND COALESCE(r.previous_planned_end_on, j.planned_end_on) BETWEEN %(on)s AND %(until)s
  AND {ACTIVE}
"""

# The latest end is at or after `first` exactly when some end is: only those ends are read.
JOB_ENDED_SQL = f"""
SELECT c.id FROM clients_client c
JOIN (
  SELECT client_id, max(ended_on) AS last_end FROM work_job
  WHERE kind = ANY(%(employed)s) AND ended_on >= %(first)s GROUP BY client_id
) e ON e.client_id = c.id
WHERE e.last_end <= %(last)s
  AND {ACTIVE}
  AND NOT EXISTS (
    SELECT 1 FROM work_job j
    WHERE j.client_id = c.id AND (j.ended_on IS NULL OR j.ended_on >= %(on)s))
  AND NOT EXISTS (
    SELECT 1 FROM interventions_conversation v
    WHERE v.client_id = c.id AND v.status = 'held' AND v.with_client
      AND v.channel = ANY(%(channels)s) AND v.held_on > e.last_end AND v.held_on <= %(on)s)
"""


def work_condition_parameters(on: date, norm: NormVersion) -> dict[str, Any]:
    """The query parameters of CONTRACT_ENDING_SQL and JOB_ENDED_SQL on `on`."""
    first, last = job_ended_window(on, norm)
    return {
        "on": on,
        "until": contract_window(on, norm)[1],
        "first": first,
        "last": last,
        "fixed": [str(c) for c in FIXED_TERM],
        "employed": [str(k) for k in EMPLOYED],
        "channels": [str(c) for c in QUALIFYING_CHANNELS],
    }


def handwritten_work_sql(on: date, norm: NormVersion) -> dict[str, set[int]]:
    params = work_condition_parameters(on, norm)
    found: dict[str, set[int]] = {}
    with connection.cursor() as cursor:
        for kind, sql in (("contract_ending", CONTRACT_ENDING_SQL), ("job_ended", JOB_ENDED_SQL)):
            cursor.execute(sql, params)
            found[kind] = {row[0] for row in cursor.fetchall()}
    return found


def _terms_on(job: Job, on: date) -> tuple[str, date | None]:
    later = job.renewals.filter(renewed_on__gt=on).order_by("renewed_on", "id").first()
    if later is None:
        return job.contract, job.planned_end_on
    return later.previous_contract, later.previous_planned_end_on


def _contract_ending(jobs: list[Job], on: date, norm: NormVersion) -> bool:
    first, last = contract_window(on, norm)
    for job in jobs:
        if job.ended_on is not None or job.started_on > on:
            continue
        contract, planned_end = _terms_on(job, on)
        if contract in FIXED_TERM and planned_end is not None and first <= planned_end <= last:
            return True
    return False


def _job_ended(client: Client, jobs: list[Job], on: date, norm: NormVersion) -> bool:
    first, last = job_ended_window(on, norm)
    if any(job.ended_on is None or job.ended_on >= on for job in jobs):
        return False
    ends = [job.ended_on for job in jobs if job.kind in EMPLOYED and job.ended_on is not None]
    if not ends or not first <= max(ends) <= last:
        return False
    spoken = qualifying_contacts().filter(client=client, held_on__gt=max(ends), held_on__lte=on)
    return not spoken.exists()


def per_client_work(on: date, norm: NormVersion, client_ids: list[int]) -> dict[str, set[int]]:
    """What a straightforward per-client loop does: a few queries for every client."""
    result: dict[str, set[int]] = {"contract_ending": set(), "job_ended": set()}
    for client_id in client_ids:
        client = Client.objects.get(pk=client_id)
        if not is_active(client, on):
            continue
        jobs = list(Job.objects.filter(client=client))
        if _contract_ending(jobs, on, norm):
            result["contract_ending"].add(client_id)
        if _job_ended(client, jobs, on, norm):
            result["job_ended"].add(client_id)
    return result
