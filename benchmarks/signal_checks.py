"""Two reference implementations of the signal conditions, for `manage.py bench_signals` only.

- `handwritten_sql`: one hand-written PostgreSQL statement per condition (the speed yardstick).
- `per_client`: the naive way, a Python loop with queries per client (the anti-pattern).
Both return {kind: set of client ids} for a date, to be compared with `run_signals`.
"""

from datetime import date
from typing import Any

from django.db import connection

from clients.models import Client
from common.dates import months_before
from interventions.models import ContactExemption
from norms.models import NormVersion
from phases.models import PhaseExemption, PhasePeriod
from signals.selectors import QUALIFYING_CHANNELS, contact_window_start, qualifying_contacts

# Active on D: in service, and the decision on work capacity in force on D says it has it.
ACTIVE = """c.in_service_since <= %(on)s
  AND (c.out_of_service_on IS NULL OR c.out_of_service_on > %(on)s)
  AND EXISTS (
    SELECT 1 FROM clients_workcapacitydecision d
    WHERE d.client_id = c.id AND d.decided_on <= %(on)s
      AND (d.superseded_on IS NULL OR d.superseded_on > %(on)s)
      AND d.outcome = 'has_work_capacity')"""

NO_CONTACT_SQL = f"""
SELECT c.id FROM clients_client c
WHERE {ACTIVE}
  AND c.in_service_since <= %(since)s
  AND NOT EXISTS (
    SELECT 1 FROM interventions_conversation v
    WHERE v.client_id = c.id AND v.status = 'held' AND v.with_client
      AND v.channel = ANY(%(channels)s) AND v.held_on BETWEEN %(since)s AND %(on)s)
  AND NOT EXISTS (
    SELECT 1 FROM interventions_contactexemption e
    WHERE e.client_id = c.id AND e.valid_from <= %(on)s AND e.valid_until >= %(on)s)
"""

STALLED_SQL = f"""
SELECT p.client_id FROM phases_phaseperiod p JOIN clients_client c ON c.id = p.client_id
WHERE p.started_on <= %(on)s AND (p.ended_on IS NULL OR p.ended_on > %(on)s)
  AND ((p.phase = '1' AND p.started_on <= %(cut1)s) OR (p.phase = '2' AND p.started_on <= %(cut2)s)
       OR (p.phase = '3' AND p.started_on <= %(cut3)s))
  AND {ACTIVE}
  AND NOT EXISTS (
    SELECT 1 FROM phases_phaseexemption x
    WHERE x.client_id = p.client_id AND x.phase = p.phase
      AND x.valid_from <= %(on)s AND x.review_on >= %(on)s)
"""


def condition_parameters(on: date, norm: NormVersion) -> dict[str, Any]:
    """The query parameters of NO_CONTACT_SQL and STALLED_SQL on `on`."""
    return {
        "on": on,
        "since": contact_window_start(on, norm),
        "channels": [str(c) for c in QUALIFYING_CHANNELS],
        **{f"cut{p}": months_before(on, norm.stalled_after_months(p) or 0) for p in "123"},
    }


def handwritten_sql(on: date, norm: NormVersion) -> dict[str, set[int]]:
    params = condition_parameters(on, norm)
    with connection.cursor() as cursor:
        cursor.execute(NO_CONTACT_SQL, params)
        no_contact = {row[0] for row in cursor.fetchall()}
        cursor.execute(STALLED_SQL, params)
        stalled = {row[0] for row in cursor.fetchall()}
    return {"no_contact": no_contact, "stalled_phase": stalled}


def is_active(client: Client, on: date) -> bool:
    """Active on `on`, as the per-client loops check it: work capacity and in service."""
    return (
        client.has_work_capacity
        and client.in_service_since <= on
        and (client.out_of_service_on is None or client.out_of_service_on > on)
    )


def per_client(on: date, norm: NormVersion, client_ids: list[int]) -> dict[str, set[int]]:
    """What a straightforward per-client loop does: a handful of queries for every client."""
    since = contact_window_start(on, norm)
    result: dict[str, set[int]] = {"no_contact": set(), "stalled_phase": set()}
    for client_id in client_ids:
        client = Client.objects.get(pk=client_id)
        if not is_active(client, on):
            continue
        spoken = qualifying_contacts().filter(client=client, held_on__range=(since, on)).exists()
        exempt = ContactExemption.objects.filter(
            client=client, valid_from__lte=on, valid_until__gte=on
        ).exists()
        if client.in_service_since <= since and not spoken and not exempt:
            result["no_contact"].add(client_id)
        period = (
            PhasePeriod.objects.filter(client=client, started_on__lte=on)
            .order_by("-started_on")
            .first()
        )
        if period is None or (period.ended_on is not None and period.ended_on <= on):
            continue
        months = norm.stalled_after_months(period.phase)
        if months is None or period.started_on > months_before(on, months):
            continue
        phase_exempt = PhaseExemption.objects.filter(
            client=client, phase=period.phase, valid_from__lte=on, review_on__gte=on
        ).exists()
        if not phase_exempt:
            result["stalled_phase"].add(client_id)
    return result
