"""No statement of the nightly run reads the signals table while it adds to it.

An INSERT ... SELECT that checks each row against the table it fills (NOT EXISTS over the
signals) is planned, after a bulk load, on statistics that say the table is empty: a nested
loop that scans it once per client, reading every row added so far. That is quadratic: minutes
at 110,000 clients. So the run keeps the signals out of those statements altogether, whatever
the planner would choose. Every statement is explained just before it runs; the test tables
are never analysed, as after a bulk load.
"""

import datetime
from collections.abc import Iterator
from typing import Any

import pytest
from django.db import connection

from signals.models import Signal
from signals.services import SignalRun, run_signals
from tests.factories import ClientFactory, ConversationFactory, JobFactory, PhasePeriodFactory

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the plans explained are PostgreSQL's"
)
D = datetime.date(2026, 11, 2)
day = datetime.timedelta(days=1)
STATEMENTS = ("SELECT", "INSERT", "UPDATE", "DELETE", "WITH")


@pytest.fixture
def caseload(team, caseworker):
    """Clients for every kind of signal, so that each kind raises, and some that raise none."""
    for index in range(6):
        client = ClientFactory.create(team=team, caseworker=caseworker)
        PhasePeriodFactory.create(client=client, phase="1", started_on=datetime.date(2020, 1, 1))
        if index % 2:
            ConversationFactory.create(client=client, caseworker=caseworker, held_on=D - day)
    JobFactory.create(client=client, contract="temporary", planned_end_on=D + 20 * day)
    JobFactory.create(
        client=ClientFactory.create(team=team), ended_on=D - 14 * day, end_reason="dismissed"
    )


def tables_read(plan: dict[str, Any]) -> Iterator[str]:
    """The tables the plan scans (the table an INSERT writes to is not read by writing)."""
    if plan["Node Type"] != "ModifyTable" and "Relation Name" in plan:
        yield plan["Relation Name"]
    for child in plan.get("Plans", []):
        yield from tables_read(child)


def explained_run(on: datetime.date) -> tuple[SignalRun, list[tuple[str, set[str]]]]:
    """run_signals(as_of=on), and the tables each statement it sent reads, by its plan."""
    plans = []

    def explain_first(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        if not many and sql.lstrip().upper().startswith(STATEMENTS):
            cursor = context["cursor"]
            cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
            plans.append((sql, set(tables_read(cursor.fetchone()[0][0]["Plan"]))))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(explain_first):
        run = run_signals(as_of=on)
    return run, plans


def signal_inserts_reading_signals(plans: list[tuple[str, set[str]]]) -> list[str]:
    return [
        sql
        for sql, tables in plans
        if sql.startswith('INSERT INTO "signals_signal"') and "signals_signal" in tables
    ]


def test_the_first_run_raises_without_reading_the_signals(caseload):
    run, plans = explained_run(D)

    assert all(run.raised.values()), run.summary()
    assert sum(sql.startswith('INSERT INTO "signals_signal"') for sql, _ in plans) == 4
    assert signal_inserts_reading_signals(plans) == []


def test_a_later_run_raises_new_signals_without_reading_the_signals(caseload, team):
    run_signals(as_of=D)
    ClientFactory.create(team=team)  # in service for years, never spoken

    run, plans = explained_run(D)

    assert run.raised["no_contact"] == 1
    assert signal_inserts_reading_signals(plans) == []


def test_new_signals_are_raised_in_parts_each_with_its_history(caseload, team, monkeypatch):
    run_signals(as_of=D)
    newcomers = {ClientFactory.create(team=team).pk for _ in range(3)}
    monkeypatch.setattr("signals.services.IDS_PER_STATEMENT", 2)

    run, plans = explained_run(D)

    assert run.raised["no_contact"] == 3
    inserts = [sql for sql, _ in plans if sql.startswith('INSERT INTO "signals_signal"')]
    assert len(inserts) == 2
    raised = Signal.objects.filter(kind="no_contact", client__in=newcomers)
    assert {s.client_id for s in raised} == newcomers
    assert Signal.history.filter(id__in=raised.values("id"), history_type="+").count() == 3
