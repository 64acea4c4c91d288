"""A client's jobs: recording one (a past one whole, with its end), ending it, correcting it.

Every write checks the same rules (`_check_job`), stores the row with its history row, and
announces that the client's work changed from the job's first day on.
"""

from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Min
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from clients.models import Client
from common.history import save_with_history
from interventions.models import Trajectory

from ..models import FIXED_TERM, Contract, Employer, Job
from ..validators import JOB_DATES
from .shared import Errors, announce_work, before_birth, day, field_errors, merge, refuse

# What a correction may change; the client stays.
CORRECTABLE = (
    "kind",
    "employer",
    "contract",
    "hours_per_week",
    "started_on",
    "planned_end_on",
    "ended_on",
    "end_reason",
    "placed_by",
    "trajectory",
)
# Set by the renewals once there are any.
RENEWED_TERMS = ("contract", "planned_end_on")
# Fields a correction may empty with None; the other (text) fields are empty as "".
NULLABLE = {"employer", "hours_per_week", "planned_end_on", "ended_on", "trajectory"}


def _self_employed_errors(job: Job) -> Errors:
    errors: Errors = {}
    if job.employer_id is not None:
        errors["employer"] = [_("Zelfstandig werk heeft geen werkgever.")]
    if job.contract:
        errors["contract"] = [_("Zelfstandig werk heeft geen contract.")]
    if job.planned_end_on is not None:
        errors["planned_end_on"] = [_("Zelfstandig werk heeft geen geplande einddatum.")]
    return errors


def _employment_errors(job: Job) -> Errors:
    """An employer job names its employer and contract; a temporary or agency contract has a
    planned end, a permanent one none."""
    errors: Errors = {}
    if job.employer_id is None:
        errors["employer"] = [_("Kies de werkgever.")]
    if not job.contract:
        errors["contract"] = [_("Kies het contract: vast, tijdelijk of uitzend.")]
    elif job.contract in FIXED_TERM and job.planned_end_on is None:
        errors["planned_end_on"] = [
            _("Geef de geplande einddatum: een tijdelijk contract of uitzendcontract heeft er een.")
        ]
    elif job.contract == Contract.PERMANENT and job.planned_end_on is not None:
        errors["planned_end_on"] = [_("Een vast contract heeft geen geplande einddatum.")]
    return errors


def _date_errors(job: Job) -> Errors:
    """The planned end and the last day worked lie on or after the start; the last day
    worked is no later than today and has a reason, and a reason has a last day."""
    errors: Errors = {}
    if job.planned_end_on is not None and job.planned_end_on < job.started_on:
        errors["planned_end_on"] = [_("De geplande einddatum ligt vóór de startdatum.")]
    if job.ended_on is not None:
        if job.ended_on < job.started_on:
            errors["ended_on"] = [_("De laatste werkdag ligt vóór de startdatum.")]
        elif job.ended_on > timezone.localdate():
            errors["ended_on"] = [_("De laatste werkdag kan niet in de toekomst liggen.")]
        if not job.end_reason:
            errors["end_reason"] = [_("Geef de reden waarom het werk eindigde.")]
    elif job.end_reason:
        errors["ended_on"] = [_("Geef de laatste werkdag bij de reden van einde.")]
    return errors


def _check_job(job: Job, written: Iterable[str] = tuple(JOB_DATES)) -> None:
    """Refuse `job` with a message per field for every rule it breaks; of its dates, those
    `written` now lie on or after the client's birth."""
    field_errors(job)
    errors = (
        _self_employed_errors(job)
        if job.kind == Job.Kind.SELF_EMPLOYED
        else _employment_errors(job)
    )
    merge(errors, _date_errors(job), before_birth(job.client, job, JOB_DATES, written))
    trajectory = job.trajectory
    if trajectory is not None and trajectory.client_id != job.client_id:
        errors["trajectory"] = [_("Dit traject hoort bij een andere cliënt.")]
    refuse(errors)


def record_job(
    *,
    client: Client,
    kind: str,
    started_on: date,
    placed_by: str,
    by: User,
    employer: Employer | None = None,
    contract: str = "",
    hours_per_week: Decimal | None = None,
    planned_end_on: date | None = None,
    ended_on: date | None = None,
    end_reason: str = "",
    trajectory: Trajectory | None = None,
    change_reason: str = "",
) -> Job:
    """Record a job of the client: a running one, or a past one whole (with `ended_on`, the
    last day worked, and `end_reason`)."""
    job = Job(
        client=client,
        kind=kind,
        employer=employer,
        contract=contract or "",
        hours_per_week=hours_per_week,
        started_on=started_on,
        planned_end_on=planned_end_on,
        ended_on=ended_on,
        end_reason=end_reason or "",
        placed_by=placed_by,
        trajectory=trajectory,
        recorded_by=by,
    )
    _check_job(job)
    why = change_reason or _("Werk vastgelegd")
    with transaction.atomic():
        save_with_history(job, by=by, change_reason=why)
        announce_work(client_id=client.pk, since=started_on, by=by, change_reason=why)
    return job


def end_job(*, job: Job, ended_on: date, end_reason: str, by: User, change_reason: str = "") -> Job:
    """End a running job: `ended_on` is the last day worked. A job that has ended already is
    corrected (`correct_job`), not ended again."""
    with transaction.atomic():
        locked = Job.objects.select_for_update().get(pk=job.pk)
        if locked.ended_on is not None:
            raise ValidationError(
                {
                    "ended_on": _(
                        "Dit werk is al beëindigd op %(date)s; corrigeer zo nodig die datum."
                    )
                    % {"date": day(locked.ended_on)}
                }
            )
        locked.ended_on, locked.end_reason = ended_on, end_reason or ""
        _check_job(locked, written=["ended_on"])
        _check_against_renewals(locked)
        why = change_reason or _("Werk beëindigd")
        save_with_history(locked, by=by, change_reason=why)
        announce_work(client_id=locked.client_id, since=ended_on, by=by, change_reason=why)
    return locked


def correct_job(*, job: Job, changes: dict[str, Any], by: User, change_reason: str = "") -> Job:
    """Correct fields of a recorded job (also its end). Once the job has been renewed, its
    contract and planned end follow from the renewals and are not corrected here. Changes that
    leave every value as it is save nothing."""
    unknown = sorted(set(changes) - set(CORRECTABLE))
    refuse({field: [_("Dit veld kan hier niet worden gewijzigd.")] for field in unknown})
    with transaction.atomic():
        locked = Job.objects.select_for_update().get(pk=job.pk)
        changes = {
            field: "" if value is None and field not in NULLABLE else value
            for field, value in changes.items()
        }
        changes = {f: v for f, v in changes.items() if getattr(locked, f) != v}
        if not changes:
            return locked
        started_before = locked.started_on
        if locked.renewals.exists():
            message = _(
                "Dit werk is verlengd: het contract en de einddatum volgen uit de verlenging."
            )
            refuse({field: [message] for field in RENEWED_TERMS if field in changes})
        for field, value in changes.items():
            setattr(locked, field, value)
        _check_job(locked, written=changes)
        _check_against_renewals(locked)
        why = change_reason or _("Werk gecorrigeerd")
        save_with_history(locked, by=by, change_reason=why)
        since = min(started_before, locked.started_on)
        announce_work(client_id=locked.client_id, since=since, by=by, change_reason=why)
    return locked


def _check_against_renewals(job: Job) -> None:
    """A renewal lies within the job: not before its start, not after its last day worked."""
    bounds = job.renewals.aggregate(first=Min("renewed_on"), last=Max("renewed_on"))
    errors: Errors = {}
    if bounds["first"] is not None and job.started_on > bounds["first"]:
        errors["started_on"] = [
            _("Het werk is op %(date)s verlengd; het begon niet later.")
            % {"date": day(bounds["first"])}
        ]
    if bounds["last"] is not None and job.ended_on is not None and job.ended_on < bounds["last"]:
        errors["ended_on"] = [
            _("Het werk is op %(date)s nog verlengd; de laatste werkdag ligt niet eerder.")
            % {"date": day(bounds["last"])}
        ]
    refuse(errors)
