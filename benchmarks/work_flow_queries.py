"""Hand-written PostgreSQL for the yearly work figures (table 2, figure 5.2, after a job ends):
the yardstick of `manage.py bench_reports` for reports.catalogue.placements, retention and
after_job_end. Each counts straight from the jobs for the clients of `teams` (None: all) on
the day of the event counted."""

from datetime import date

from .report_queries import _rows, _teams

EMPLOYED = "j.kind IN ('regular', 'sheltered')"
# A job of the same client running on the day before `j` started.
WORKING_THE_DAY_BEFORE = """EXISTS (
  SELECT 1 FROM work_job o WHERE o.client_id = j.client_id AND o.started_on < j.started_on
    AND (o.ended_on IS NULL OR o.ended_on >= j.started_on - 1))"""
RUNNING_ON = "w.started_on <= {day} AND (w.ended_on IS NULL OR w.ended_on >= {day})"


def placements(teams: list[int] | None, start: date, end: date) -> tuple[int, int, int]:
    """(placements, one per client and start day; renewals; of which made permanent)."""
    placed = f"""
    SELECT count(*) FROM (
      SELECT DISTINCT j.client_id, j.started_on FROM work_job j
      JOIN clients_client c ON c.id = j.client_id
      WHERE {EMPLOYED} AND j.started_on BETWEEN %(start)s AND %(end)s
        {_teams(teams, "j.started_on")}
        AND NOT {WORKING_THE_DAY_BEFORE}) p"""
    renewed = f"""
    SELECT count(*), count(*) FILTER (WHERE r.made_permanent) FROM work_jobrenewal r
    JOIN work_job j ON j.id = r.job_id JOIN clients_client c ON c.id = j.client_id
    WHERE r.renewed_on BETWEEN %(start)s AND %(end)s {_teams(teams, "r.renewed_on")}"""
    params = {"start": start, "end": end, "teams": teams}
    count = _rows(placed, params)[0][0]
    renewals, permanent = _rows(renewed, params)[0]
    return count, renewals, permanent


def retention(teams: list[int] | None, start: date, end: date, today: date) -> tuple[int, ...]:
    """(placements at a regular employer with the mark today or earlier, same employer, other
    employer, not working)."""
    sql = f"""
    WITH p AS (
      SELECT DISTINCT j.client_id, j.started_on,
             (j.started_on + interval '12 months')::date AS mark
      FROM work_job j JOIN clients_client c ON c.id = j.client_id
      WHERE j.kind = 'regular' AND j.started_on BETWEEN %(start)s AND %(end)s
        {_teams(teams, "j.started_on")}
        AND (j.started_on + interval '12 months')::date <= %(today)s
        AND NOT {WORKING_THE_DAY_BEFORE}),
    s AS (
      SELECT p.*, EXISTS (
        SELECT 1 FROM work_job w JOIN work_employer e ON e.id = w.employer_id
        WHERE w.client_id = p.client_id AND {RUNNING_ON.format(day="p.mark")}
          AND e.payroll_tax_number IN (
            SELECT f.payroll_tax_number FROM work_job s JOIN work_employer f
              ON f.id = s.employer_id
            WHERE s.client_id = p.client_id AND s.started_on = p.started_on
              AND s.kind = 'regular')) AS same,
        EXISTS (SELECT 1 FROM work_job w WHERE w.client_id = p.client_id
                  AND {RUNNING_ON.format(day="p.mark")}) AS working
      FROM p)
    SELECT count(*), count(*) FILTER (WHERE same),
           count(*) FILTER (WHERE working AND NOT same), count(*) FILTER (WHERE NOT working)
    FROM s"""
    params = {"start": start, "end": end, "today": today, "teams": teams}
    return tuple(_rows(sql, params)[0])


def after_job_end(teams: list[int] | None, start: date, end: date, today: date) -> dict:
    """window -> (endings whose window has passed, of those with new work in it)."""
    sql = f"""
    WITH e AS (
      SELECT DISTINCT j.client_id, j.ended_on FROM work_job j
      JOIN clients_client c ON c.id = j.client_id
      WHERE {EMPLOYED} AND j.ended_on BETWEEN %(start)s AND %(end)s
        {_teams(teams, "j.ended_on")}
        AND NOT EXISTS (
          SELECT 1 FROM work_job o WHERE o.client_id = j.client_id AND o.id <> j.id
            AND o.started_on <= j.ended_on
            AND (o.ended_on IS NULL OR o.ended_on >= j.ended_on + 1))),
    x AS (
      SELECT e.*, v.name, v.last FROM e CROSS JOIN LATERAL (VALUES
        ('direct', e.ended_on + 1),
        ('half_year', (e.ended_on + interval '6 months')::date),
        ('year', (e.ended_on + interval '12 months')::date)) AS v(name, last))
    SELECT x.name, count(*), count(*) FILTER (WHERE EXISTS (
      SELECT 1 FROM work_job n WHERE n.client_id = x.client_id
        AND n.started_on > x.ended_on AND n.started_on <= x.last))
    FROM x WHERE x.last <= %(today)s GROUP BY 1"""
    params = {"start": start, "end": end, "today": today, "teams": teams}
    return {r[0]: (r[1], r[2]) for r in _rows(sql, params)}
