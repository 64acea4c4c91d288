"""The stored month-end work figures: equal to counting live, and counted live again once a
backdated work record makes them out of date."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from clients.models import Client
from reports.catalogue.work_status import work_status
from reports.models import MonthEndWorkFigure
from reports.services import refresh_month_end_figures
from tests.factories import (
    CaseworkerFactory,
    ClientFactory,
    EmployerFactory,
    JobFactory,
    JobRenewalFactory,
    ProvisionFactory,
    TeamFactory,
)
from tests.reports.conftest import all_scope, team_scope
from work.services.jobs import record_job
from work.status_figures import LINES, summed_counts, work_status_counts

pytestmark = pytest.mark.django_db
D = datetime.date
YEAR_END = D(2025, 12, 31)


@pytest.fixture
def workers(db):
    """Two teams with every kind of work, a renewal and support, as on 2025-12-31."""
    teams = TeamFactory.create_batch(2)
    for team in teams:
        regular, wsw, own, _idle = ClientFactory.create_batch(4, team=team)
        job = JobFactory.create(client=regular, started_on=D(2024, 1, 1))
        JobRenewalFactory.create(
            job=job,
            renewed_on=D(2026, 1, 15),
            made_permanent=True,
            new_planned_end_on=None,
            previous_contract="agency",
            previous_planned_end_on=D(2026, 2, 1),
        )
        ProvisionFactory.create(
            client=regular,
            kind="wage_dispensation",
            decision="granted",
            decided_on=D(2024, 5, 1),
            valid_from=D(2024, 5, 1),
            wage_value_percent=50,
        )
        JobFactory.create(client=wsw, kind="sheltered")
        JobFactory.create(client=own, kind="self_employed", employer=None, contract="")
        JobFactory.create(client=own, contract="temporary", planned_end_on=D(2026, 3, 1))
    return teams


def reads_jobs(queries: CaptureQueriesContext) -> bool:
    return any('"work_job"' in query["sql"] for query in queries.captured_queries)


def test_stored_work_figures_equal_the_live_count_for_every_line(workers):
    live = summed_counts(work_status_counts(Client.objects.all(), YEAR_END))
    refresh_month_end_figures()

    with CaptureQueriesContext(connection) as queries:
        stored = work_status(all_scope(), on=YEAR_END)

    assert not reads_jobs(queries)  # read from the stored figures
    assert MonthEndWorkFigure.objects.filter(month_end=YEAR_END).exists()
    flat = stored | stored["contracts"] | stored["provisions"]
    assert {line: flat[line] for line in LINES} == live
    assert (flat["agency"], flat["temporary"], flat["wage_dispensation"]) == (2, 2, 2)


def test_stored_work_figures_hold_one_team_apart_from_the_other(workers):
    first, _second = workers
    refresh_month_end_figures()

    figures = work_status(team_scope(first), on=YEAR_END)

    assert (figures["active"], figures["employed"]) == (4, 3)


def test_a_day_that_is_no_month_end_is_counted_live(workers):
    refresh_month_end_figures()

    with CaptureQueriesContext(connection) as queries:
        work_status(all_scope(), on=D(2025, 12, 30))

    assert reads_jobs(queries)


def test_a_caseworkers_figures_are_counted_live(workers):
    first, _second = workers
    worker = CaseworkerFactory.create(username="cw.werk", team=first)
    refresh_month_end_figures()

    with CaptureQueriesContext(connection) as queries:
        figures = work_status(team_scope(first, caseworker=worker), on=YEAR_END)

    assert reads_jobs(queries) and figures["active"] == 0


def test_a_backdated_job_makes_the_stored_figures_count_live_until_the_refresh(workers):
    first, _second = workers
    refresh_month_end_figures()
    idle = Client.objects.get(team=first, jobs__isnull=True)
    worker = CaseworkerFactory.create(username="cw.terug", team=first)

    record_job(
        client=idle,
        kind="regular",
        employer=EmployerFactory.create(),
        contract="permanent",
        started_on=D(2025, 6, 1),
        placed_by="self",
        by=worker,
    )

    assert work_status(all_scope(), on=YEAR_END)["regular"] == 5  # live: 4 stored before
    refresh_month_end_figures()
    with CaptureQueriesContext(connection) as queries:
        assert work_status(all_scope(), on=YEAR_END)["regular"] == 5
    assert not reads_jobs(queries)
