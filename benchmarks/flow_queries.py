"""Hand-written PostgreSQL for the phase flows (figures 5.9 and 5.10), the yardstick of the
flow report in `manage.py bench_reports`: the same rules as `phases.flows`, counted straight
from the phase periods with a join instead of correlated subqueries."""

from datetime import date
from typing import Any

from django.db import connection

from .report_queries import ACTIVE, TEAM_ON

FLOWS = f"""
WITH cohort AS (
  SELECT client_id, min(started_on) AS flow_start FROM phases_phaseperiod
  WHERE phase = %(phase)s AND started_on BETWEEN %(start)s AND %(end)s
    AND (ended_on IS NULL OR ended_on > started_on)
  GROUP BY client_id
), switched AS (
  SELECT k.client_id, count(p.id) AS switches FROM cohort k
  LEFT JOIN phases_phaseperiod p
    ON p.client_id = k.client_id AND p.started_on > k.flow_start AND p.started_on <= %(on)s
    AND (p.ended_on IS NULL OR p.ended_on > p.started_on)
    AND NOT EXISTS (
      SELECT 1 FROM phases_phaseperiod q WHERE q.client_id = p.client_id
        AND q.ended_on = p.started_on AND q.ended_on > q.started_on AND q.phase = p.phase)
  GROUP BY k.client_id
)
SELECT {TEAM_ON.format(day="%(on)s")} AS team, s.switches,
  CASE WHEN {ACTIVE.format(day="%(on)s")} THEN coalesce(r.phase, 'out') ELSE 'out' END,
  count(*)
FROM switched s JOIN clients_client c ON c.id = s.client_id
LEFT JOIN phases_phaseperiod r ON r.client_id = c.id AND r.started_on <= %(on)s
  AND (r.ended_on IS NULL OR r.ended_on > %(on)s)
{{teams}}
GROUP BY 1, 2, 3
"""


def phase_flows(
    teams: list[int] | None, phase: str, start: date, end: date, on: date
) -> dict[tuple[int, int, str], int]:
    """(team on `on`, number of switches, end state) -> clients, for `teams` (None: all)."""
    params: dict[str, Any] = {"phase": phase, "start": start, "end": end, "on": on, "teams": teams}
    where = "" if teams is None else f"WHERE {TEAM_ON.format(day='%(on)s')} = ANY(%(teams)s)"
    with connection.cursor() as cursor:
        cursor.execute(FLOWS.format(teams=where), params)
        return {(team, switches, ended): n for team, switches, ended, n in cursor.fetchall()}
