"""The "Werk" section of a client's file: the client's jobs (running and past, placements
marked, renewals listed) and provisions, read in a fixed number of queries however many
there are."""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Prefetch, Q
from django.utils.translation import gettext as _

from clients.models import Client

from .models import Job, JobRenewal, Provision
from .selectors import with_placement

PHASE_4_FROM = ("1", "2", "3")  # a job begun in these phases proposes moving to phase 4


def proposes_phase_4(job: Job, phase: str | None, today: date) -> bool:
    """A running job that has begun (its first day today or earlier) while the client is in
    phase 1-3: moving to phase 4 is proposed. A job starting later is proposed once begun."""
    return job.ended_on is None and job.started_on <= today and phase in PHASE_4_FROM


@dataclass
class WorkOnFile:
    """A client's work as the file shows it on `today`. Each job carries `is_placement`;
    `phase_4_proposed` holds the ids of the jobs that propose phase 4 now."""

    today: date
    current: list[Job] = field(default_factory=list)
    past: list[Job] = field(default_factory=list)
    provisions: list[Provision] = field(default_factory=list)
    phase_4_proposed: set[int] = field(default_factory=set)

    @property
    def empty(self) -> bool:
        return not (self.current or self.past or self.provisions)

    @property
    def tables(self) -> list[tuple[str, list[Job]]]:
        """The jobs as the file lists them: running ones always, past ones when there are."""
        running = [(str(_("Huidig werk")), self.current)]
        return running + ([(str(_("Eerder werk")), self.past)] if self.past else [])


def work_on_file(client: Client, today: date) -> WorkOnFile:
    """The client's jobs, newest first, split into those running on `today` or later (not yet
    ended, or ending today or later) and past ones, with those that propose phase 4 (the
    client's `current_phase` as annotated); and the provisions. Three queries: jobs,
    renewals, provisions."""
    jobs = with_placement(
        Job.objects.filter(client=client)
        .select_related("employer")
        .prefetch_related(
            Prefetch("renewals", queryset=JobRenewal.objects.order_by("renewed_on", "id"))
        )
    ).order_by("-started_on", "-id")
    work = WorkOnFile(today=today)
    phase = getattr(client, "current_phase", None)
    for job in jobs:
        ended = job.ended_on is not None and job.ended_on < today
        (work.past if ended else work.current).append(job)
        if proposes_phase_4(job, phase, today):
            work.phase_4_proposed.add(job.pk)
    work.provisions = list(Provision.objects.filter(client=client).select_related("job__employer"))
    return work


def is_last_running_job(job: Job) -> bool:
    """No other job of the client runs after `job` ended (none open, none ending later)."""
    if job.ended_on is None:
        return False
    later = Q(ended_on__isnull=True) | Q(ended_on__gt=job.ended_on)
    return not Job.objects.filter(later, client_id=job.client_id).exclude(pk=job.pk).exists()
