"""Hand-written PostgreSQL for the work figures of one day (tables 1b-1d, 5.1-5.3, 3.7): the
yardstick of `manage.py bench_reports`. One pass over the running jobs and one over the
provisions, each grouped per client, joined to the active clients and counted per team."""

from datetime import date

from common.dates import months_before
from work.status_figures import LINES as NAMES

from .report_queries import ACTIVE, TEAM_ON, _rows, _teams

SQL = """
WITH jobs AS (
  SELECT j.client_id,
         bool_or(j.kind = 'regular') AS regular,
         bool_or(j.kind = 'sheltered') AS sheltered,
         bool_or(j.kind = 'self_employed') AS self_employed,
         max(CASE WHEN j.kind <> 'regular' THEN 0
                  WHEN coalesce(r.previous_contract, j.contract) = 'permanent' THEN 3
                  WHEN coalesce(r.previous_contract, j.contract) = 'temporary' THEN 2
                  ELSE 1 END) AS rank
  FROM work_job j
  LEFT JOIN (SELECT DISTINCT ON (job_id) job_id, previous_contract FROM work_jobrenewal
             WHERE renewed_on > %(on)s ORDER BY job_id, renewed_on, id) r ON r.job_id = j.id
  WHERE j.started_on <= %(on)s AND (j.ended_on IS NULL OR j.ended_on >= %(on)s)
  GROUP BY 1),
support AS (
  SELECT client_id,
         bool_or(kind = 'job_coach' AND valid) AS job_coach,
         bool_or(kind = 'wage_dispensation' AND decided_on >= %(five)s) AS wage_dispensation,
         bool_or(kind = 'transport' AND valid) AS transport,
         bool_or(kind IN ('no_risk_policy', 'workplace_adaptation', 'other') AND valid) AS other
  FROM (SELECT *, valid_from <= %(on)s AND (valid_until IS NULL OR valid_until >= %(two)s)
                  AS valid
        FROM work_provision WHERE decision = 'granted' AND decided_on <= %(on)s) p
  GROUP BY 1)
SELECT {team}, count(*),
  count(*) FILTER (WHERE w.regular), count(*) FILTER (WHERE w.sheltered),
  count(*) FILTER (WHERE w.regular OR w.sheltered),
  count(*) FILTER (WHERE w.self_employed AND NOT (w.regular OR w.sheltered)),
  count(*) FILTER (WHERE w.self_employed AND (w.regular OR w.sheltered)),
  count(*) FILTER (WHERE w.rank = 3), count(*) FILTER (WHERE w.rank = 2),
  count(*) FILTER (WHERE w.rank = 1),
  count(*) FILTER (WHERE w.regular AND s.job_coach),
  count(*) FILTER (WHERE w.regular AND s.wage_dispensation),
  count(*) FILTER (WHERE w.regular AND s.transport),
  count(*) FILTER (WHERE w.regular AND s.other),
  count(*) FILTER (WHERE w.regular
                   AND (s.job_coach OR s.wage_dispensation OR s.transport OR s.other))
FROM clients_client c
LEFT JOIN jobs w ON w.client_id = c.id
LEFT JOIN support s ON s.client_id = c.id
WHERE {active} {teams}
GROUP BY 1"""
LINES = tuple(NAMES)  # the lines in the order the statement counts them


def work_status(teams: list[int] | None, on: date) -> dict[int, dict[str, int]]:
    """team -> the count of each line on `on`, as `work.status_figures.LINES` names them."""
    sql = SQL.format(
        active=ACTIVE.format(day="%(on)s"),
        teams=_teams(teams, "%(on)s"),
        team=TEAM_ON.format(day="%(on)s"),
    )
    params = {"on": on, "two": months_before(on, 24), "five": months_before(on, 60)}
    rows = _rows(sql, params | {"teams": teams})
    return {row[0]: dict(zip(LINES, row[1:], strict=True)) for row in rows}
