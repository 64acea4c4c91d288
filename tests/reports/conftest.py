import datetime

import pytest

from reports.permissions import ReportScope
from reports.services import refresh_month_end_figures

D = datetime.date


def team_scope(team, caseworker=None) -> ReportScope:
    return ReportScope(
        (team.pk,), all_teams=False, caseworker=caseworker, may_open_clients=True, team=team
    )


def all_scope() -> ReportScope:
    return ReportScope((), all_teams=True, caseworker=None, may_open_clients=True)


@pytest.fixture(params=["live", "stored"])
def counted(request):
    """Run a test on figures counted live and on the stored month-end figures: both must agree.

    Call the fixture after making the data; "stored" refreshes the figures first.
    """

    def prepare():
        if request.param == "stored":
            refresh_month_end_figures()

    return prepare
