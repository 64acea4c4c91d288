"""A year's work figures over a whole scope, as the API serves them: table 2 (placements
against the norm share, renewals), figure 5.2 (retention) and new work after a job ends."""

from datetime import date
from typing import Any

from clients.querysets import active_on_q
from reports.permissions import ReportScope
from work.flow import placements_started, renewals_dated
from work.models import Job, JobRenewal

from .after_job_end import after_job_end_counts
from .placements import norm_share
from .retention import retention_counts


def placement_figures(scope: ReportScope, *, year: int, today: date) -> dict[str, Any]:
    start, end = date(year, 1, 1), date(year, 12, 31)
    shares = norm_share(year, today)
    active = scope.clients_on(shares.on).filter(active_on_q(shares.on)).count()
    renewals = scope.dated(JobRenewal.objects.all(), "renewed_on", client="job__client")
    jobs = scope.dated(Job.objects.all(), "started_on")
    return {
        "year": year,
        "placements": placements_started(start, end, jobs).count(),
        "renewals": renewals_dated(start, end, renewals).count(),
        "norm": shares.norm,
        "norm_share": shares.share(active),
        "retention": retention_counts(scope, year=year, today=today),
        "after_job_end": after_job_end_counts(scope, year=year, today=today),
    }
