"""The two signal conditions on work (DOMAIN.md, "Signals on work") as querysets for a date D.

- contract_ending: an active client with a temporary or agency job running on D, no end
  recorded, whose planned end as it stood on D (after the renewals up to D) lies between D
  and D plus `contract_ending_days`, both inclusive.
- job_ended: an active client with no job of any kind running on D (a job starting after D
  is no work on D), whose latest last day worked at an employer lies between D minus
  `job_ended_within_days` and D minus `job_ended_after_days` (inclusive), and no qualifying
  conversation (the contact norm's definition) after that day up to D.

Like the other conditions each is one SQL query over the whole caseload, with the columns
`signal_client` and `signal_details` that `services._insert_signals` reads.
"""

from datetime import date, timedelta

from django.db.models import (
    DateField,
    Exists,
    F,
    IntegerField,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.functions import JSONObject

from clients.models import Client
from clients.querysets import active_on_q
from norms.models import NormVersion
from work.models import FIXED_TERM, Job, JobRenewal
from work.selectors import EMPLOYED, with_contract_on

from .selectors import qualifying_contacts


def contract_window(on: date, norm: NormVersion) -> tuple[date, date]:
    """The first and last planned end (inclusive) that raise contract_ending on `on`."""
    return on, on + timedelta(days=norm.contract_ending_days)


def ending_contracts(on: date, norm: NormVersion) -> QuerySet:
    """The fixed-term jobs running on `on`, no end recorded, whose planned end then lies in the
    window. Only a job renewed after `on` can have had other terms then than now, so the
    renewal history is looked up for those alone."""
    first, last = contract_window(on, norm)
    renewed_later = JobRenewal.objects.filter(renewed_on__gt=on).values("job_id")
    candidates = Job.objects.filter(
        Q(contract__in=FIXED_TERM, planned_end_on__range=(first, last)) | Q(pk__in=renewed_later),
        ended_on__isnull=True,
        started_on__lte=on,
    )
    return with_contract_on(candidates, on).filter(
        contract_then__in=FIXED_TERM, planned_end_then__range=(first, last)
    )


def contract_ending_rows(on: date, norm: NormVersion) -> QuerySet:
    """Every active client with an ending contract on `on`, as `signal_client` and
    `signal_details` (the job ending first: its id, employer, contract and planned end)."""
    first = (
        ending_contracts(on, norm)
        .filter(client=OuterRef("pk"))
        .order_by("planned_end_then", "id")[:1]
    )
    holding = ending_contracts(on, norm).values("client_id")
    return (
        Client.objects.filter(active_on_q(on), pk__in=holding)
        .order_by()
        .annotate(
            signal_client=F("pk"),
            signal_details=JSONObject(
                job=Subquery(first.values("pk"), output_field=IntegerField()),
                employer=Subquery(first.values("employer__name")),
                contract=Subquery(first.values("contract_then")),
                planned_end_on=Subquery(first.values("planned_end_then"), output_field=DateField()),
            ),
        )
    )


def job_ended_window(on: date, norm: NormVersion) -> tuple[date, date]:
    """The first and last day (inclusive) a job's last day worked raises job_ended on `on`."""
    return on - timedelta(days=norm.job_ended_within_days), on - timedelta(
        days=norm.job_ended_after_days
    )


def job_ended_rows(on: date, norm: NormVersion) -> QuerySet:
    """Every active client whose job ended and who was not spoken since, on `on`, as
    `signal_client` and `signal_details` (the job that ended last: id, employer, last day)."""
    first, last = job_ended_window(on, norm)
    # Only jobs begun by `on`: one that starts later is no work on `on`, nor did it end yet.
    begun = Job.objects.filter(client=OuterRef("pk"), started_on__lte=on)
    employer_jobs = begun.filter(kind__in=EMPLOYED)
    # Working on `on`, or an employer job ended after the window: not (yet) flagged.
    working = begun.filter(
        Q(ended_on__isnull=True) | Q(ended_on__gte=on) | Q(kind__in=EMPLOYED, ended_on__gt=last)
    )
    last_end = employer_jobs.order_by().values("client").annotate(last=Max("ended_on"))
    ended_last = employer_jobs.filter(ended_on__isnull=False).order_by("-ended_on", "-id")[:1]
    spoken_since = qualifying_contacts().filter(
        client=OuterRef("pk"), held_on__gt=OuterRef("last_job_end"), held_on__lte=on
    )
    return (
        Client.objects.filter(
            active_on_q(on), Exists(employer_jobs.filter(ended_on__range=(first, last)))
        )
        .exclude(Exists(working))
        .order_by()
        .annotate(last_job_end=Subquery(last_end.values("last"), output_field=DateField()))
        .exclude(Exists(spoken_since))
        .annotate(
            signal_client=F("pk"),
            signal_details=JSONObject(
                job=Subquery(ended_last.values("pk"), output_field=IntegerField()),
                employer=Subquery(ended_last.values("employer__name")),
                ended_on=F("last_job_end"),
            ),
        )
    )
