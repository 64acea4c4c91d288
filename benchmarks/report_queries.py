"""Hand-written PostgreSQL for each dashboard figure: the yardstick of `manage.py bench_reports`.

Each function counts one figure straight from the source tables (no stored month-end figures)
for the clients of `teams` (None: all teams) and returns plain data to compare with the report.
"""

from datetime import date
from typing import Any

from django.db import connection

CHANNELS = ["in_person", "video", "phone"]
# Active on a day: in service then, and the decision on work capacity in force then says so.
ACTIVE = """c.in_service_since <= {day}
  AND (c.out_of_service_on IS NULL OR c.out_of_service_on > {day})
  AND EXISTS (SELECT 1 FROM clients_workcapacitydecision d
              WHERE d.client_id = c.id AND d.outcome = 'has_work_capacity'
                AND d.decided_on <= {day}
                AND (d.superseded_on IS NULL OR d.superseded_on > {day}))"""
# The client's team on a day: the team period covering it, else the current team.
TEAM_ON = """coalesce((SELECT ta.team_id FROM clients_teamassignment ta
  WHERE ta.client_id = c.id AND ta.started_on <= {day}
    AND (ta.ended_on IS NULL OR ta.ended_on > {day}) LIMIT 1), c.team_id)"""
QUALIFYING = "v.status = 'held' AND v.with_client AND v.channel = ANY(%(channels)s)"


def _rows(sql: str, params: dict[str, Any]) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, {"channels": CHANNELS, **params})
        return cursor.fetchall()


def _teams(teams: list[int] | None, day: str = "") -> str:
    """The clients of `teams` (None: all): in them on `day` (an SQL expression), or today."""
    if teams is None:
        return ""
    return f"AND {TEAM_ON.format(day=day) if day else 'c.team_id'} = ANY(%(teams)s)"


def caseload(teams: list[int] | None, on: date, by: str) -> dict[tuple, int]:
    """(caseworker or team, phase) -> active clients today; `by`: "caseworker" or "team".

    Also (key, "signal", kind) -> open signals and (key, "overdue") -> overdue agreements, as
    the caseload table shows them.
    """
    counts = f"""
    SELECT c.{by}_id, p.phase, count(*) FROM clients_client c
    LEFT JOIN phases_phaseperiod p ON p.client_id = c.id AND p.ended_on IS NULL
    WHERE {ACTIVE.format(day="%(on)s")} {_teams(teams)}
    GROUP BY 1, 2"""
    signals = f"""
    SELECT c.{by}_id, s.kind, count(*) FROM signals_signal s
    JOIN clients_client c ON c.id = s.client_id
    WHERE s.status = 'open' AND {ACTIVE.format(day="%(on)s")} {_teams(teams)}
    GROUP BY 1, 2"""
    overdue = f"""
    SELECT c.{by}_id, count(*) FROM interventions_agreement a
    JOIN interventions_workplan w ON w.id = a.work_plan_id AND w.status <> 'superseded'
    JOIN clients_client c ON c.id = w.client_id
    WHERE a.status = 'open' AND a.due_on < %(on)s AND {ACTIVE.format(day="%(on)s")}
      {_teams(teams)}
    GROUP BY 1"""
    params = {"on": on, "teams": teams}
    result: dict[tuple, int] = {(r[0], r[1]): r[2] for r in _rows(counts, params)}
    result |= {(r[0], "signal", r[1]): r[2] for r in _rows(signals, params)}
    result |= {(r[0], "overdue"): r[1] for r in _rows(overdue, params)}
    return result


def contact_norm(
    teams: list[int] | None, on: date, since: date, by: str
) -> dict[Any, tuple[int, int]]:
    """caseworker or team -> (clients under the norm, of whom spoken) on `on`."""
    sql = f"""
    SELECT c.{by}_id, count(*),
           count(*) FILTER (WHERE EXISTS (
             SELECT 1 FROM interventions_conversation v
             WHERE v.client_id = c.id AND {QUALIFYING} AND v.held_on BETWEEN %(since)s AND %(on)s))
    FROM clients_client c
    WHERE {ACTIVE.format(day="%(on)s")} AND c.in_service_since <= %(since)s {_teams(teams)}
      AND NOT EXISTS (SELECT 1 FROM interventions_contactexemption e
                      WHERE e.client_id = c.id AND e.valid_from <= %(on)s
                        AND e.valid_until >= %(on)s)
    GROUP BY 1"""
    params = {"on": on, "since": since, "teams": teams}
    return {r[0]: (r[1], r[2]) for r in _rows(sql, params)}


def contact_trend(teams: list[int] | None, ends: list[tuple[date, date]]) -> dict[date, tuple]:
    """month-end -> (clients under the norm, spoken); `ends` holds (month-end, window start)."""
    sql = f"""
    WITH m(d, s) AS (SELECT * FROM unnest(%(days)s::date[], %(starts)s::date[]))
    SELECT m.d, count(*),
           count(*) FILTER (WHERE EXISTS (
             SELECT 1 FROM interventions_conversation v
             WHERE v.client_id = c.id AND {QUALIFYING} AND v.held_on BETWEEN m.s AND m.d))
    FROM m JOIN clients_client c ON {ACTIVE.format(day="m.d")} AND c.in_service_since <= m.s
    WHERE NOT EXISTS (SELECT 1 FROM interventions_contactexemption e
                      WHERE e.client_id = c.id AND e.valid_from <= m.d AND e.valid_until >= m.d)
      {_teams(teams, "m.d")}
    GROUP BY m.d"""
    params = {"days": [e[0] for e in ends], "starts": [e[1] for e in ends], "teams": teams}
    return {r[0]: (r[1], r[2]) for r in _rows(sql, params)}


def phase_distribution(teams: list[int] | None, ends: list[date]) -> dict[str, float]:
    """phase -> average of the month-end counts (not rounded)."""
    sql = f"""
    WITH m(d) AS (SELECT unnest(%(days)s::date[]))
    SELECT p.phase, count(*)::float / %(months)s FROM m
    JOIN phases_phaseperiod p ON p.started_on <= m.d AND (p.ended_on IS NULL OR p.ended_on > m.d)
    JOIN clients_client c ON c.id = p.client_id AND {ACTIVE.format(day="m.d")}
    WHERE true {_teams(teams, "m.d")}
    GROUP BY 1"""
    params = {"days": ends, "months": len(ends), "teams": teams}
    return {r[0]: r[1] for r in _rows(sql, params)}


def conversations_per_phase(teams: list[int] | None, ends: list[date]) -> dict[tuple, float]:
    """(phase, early) -> months spoken per client-year, for the month-ends of one year."""
    sql = f"""
    WITH m(d, first, early) AS (
      SELECT d, date_trunc('month', d)::date, (d - interval '24 months')::date
      FROM unnest(%(days)s::date[]) AS d)
    SELECT p.phase, p.started_on > m.early,
           count(*) FILTER (WHERE EXISTS (
             SELECT 1 FROM interventions_conversation v
             WHERE v.client_id = c.id AND {QUALIFYING} AND v.held_on BETWEEN m.first AND m.d)),
           count(*)
    FROM m
    JOIN phases_phaseperiod p ON p.started_on <= m.d AND (p.ended_on IS NULL OR p.ended_on > m.d)
    JOIN clients_client c ON c.id = p.client_id AND {ACTIVE.format(day="m.d")}
    WHERE true {_teams(teams, "m.d")}
    GROUP BY 1, 2"""
    rows = _rows(sql, {"days": ends, "teams": teams})
    return {(r[0], r[1]): round(r[2] / (r[3] / 12), 1) for r in rows}


def transitions(teams: list[int] | None, start: date, end: date) -> dict[tuple, int]:
    """(from phase or 'start', to phase) -> moves in [start, end]."""
    sql = f"""
    SELECT coalesce(prev.phase, 'start'), p.phase, count(*)
    FROM phases_phaseperiod p JOIN clients_client c ON c.id = p.client_id
    LEFT JOIN phases_phaseperiod prev
      ON prev.client_id = p.client_id AND prev.ended_on = p.started_on
    WHERE p.started_on BETWEEN %(start)s AND %(end)s {_teams(teams, "p.started_on")}
    GROUP BY 1, 2"""
    return {(r[0], r[1]): r[2] for r in _rows(sql, {"start": start, "end": end, "teams": teams})}


def time_in_phase(teams: list[int] | None, start: date, end: date) -> dict[str, tuple]:
    """phase -> (periods ended, median days, 75th percentile days)."""
    sql = f"""
    SELECT p.phase, count(*),
           percentile_cont(0.5) WITHIN GROUP (ORDER BY p.ended_on - p.started_on),
           percentile_cont(0.75) WITHIN GROUP (ORDER BY p.ended_on - p.started_on)
    FROM phases_phaseperiod p JOIN clients_client c ON c.id = p.client_id
    WHERE p.ended_on BETWEEN %(start)s AND %(end)s {_teams(teams, "p.ended_on")}
    GROUP BY 1"""
    rows = _rows(sql, {"start": start, "end": end, "teams": teams})
    return {r[0]: (r[1], r[2], r[3]) for r in rows}


def trajectories(teams: list[int] | None, start: date, end: date) -> dict[tuple, tuple]:
    """(service type, provider) -> (bought, total cost), with their names as the table shows."""
    sql = f"""
    SELECT t.service_type_id, t.provider_id, count(*), sum(t.cost), s.code, s.name, p.name
    FROM interventions_trajectory t JOIN clients_client c ON c.id = t.client_id
    JOIN interventions_servicetype s ON s.id = t.service_type_id
    JOIN interventions_provider p ON p.id = t.provider_id
    WHERE t.purchased_on BETWEEN %(start)s AND %(end)s {_teams(teams, "t.purchased_on")}
    GROUP BY 1, 2, s.code, s.name, p.name
    ORDER BY s.code, p.name"""
    rows = _rows(sql, {"start": start, "end": end, "teams": teams})
    return {(r[0], r[1]): (r[2], r[3]) for r in rows}


def production(teams: list[int], start: date, end: date) -> dict[tuple, int]:
    """(caseworker, month) -> minutes of held conversations, for the teams' caseworkers."""
    sql = """
    SELECT v.caseworker_id, extract(month FROM v.held_on)::int, sum(v.duration_minutes)
    FROM interventions_conversation v
    WHERE v.status = 'held' AND v.held_on BETWEEN %(start)s AND %(end)s
      AND v.caseworker_id IN (SELECT m.user_id FROM accounts_membership m
                              WHERE m.team_id = ANY(%(teams)s))
    GROUP BY 1, 2"""
    rows = _rows(sql, {"start": start, "end": end, "teams": teams})
    return {(r[0], r[1]): r[2] or 0 for r in rows}
