"""The quick forms for a client's work, one page each: a new job, its end, a renewal, a
provision and the decision on one; and the proposal to review the phase that may follow.

Forms validate, the work services write (with history and a reason); a refusal lands next to
the field it names and nothing is saved. A proposal is never carried out by itself: it offers
the phase change, the caseworker decides.
"""

from collections.abc import Callable
from typing import Any, cast
from urllib.parse import urlencode

from django.db import transaction
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.models import User
from clients.models import Client
from common.forms import submit
from phases.forms import PhaseChangeForm
from work.file_view import is_last_running_job, proposes_phase_4
from work.models import FIXED_TERM, Job, Provision
from work.selectors import with_placement
from work.services.employers import employer_for
from work.services.jobs import end_job as end_job_service
from work.services.jobs import record_job as record_job_service
from work.services.provisions import decide_provision as decide_provision_service
from work.services.provisions import record_provision as record_provision_service
from work.services.renewals import renew_job as renew_job_service

from ..work_forms import (
    EMPLOYER_FIELDS,
    JOB_ALIASES,
    DecideProvisionForm,
    EndJobForm,
    JobForm,
    ProvisionForm,
    RenewJobForm,
)
from .base import file_view

EDITS = ["GET", "POST"]


def _page(
    request: HttpRequest,
    client: Client,
    form: Form,
    *,
    title: str,
    button: str,
    job: Job | None = None,
    provision: Provision | None = None,
) -> HttpResponse:
    return render(
        request,
        "casework/work_form.html",
        {
            "client": client,
            "form": form,
            "title": title,
            "button": button,
            "job": job,
            "provision": provision,
        },
    )


def _work_on_file(client: Client) -> str:
    return reverse("client_detail", args=[client.pk]) + "#werk"


def _client_job(client: Client, job_id: int) -> Job:
    return get_object_or_404(
        with_placement(Job.objects.filter(client=client).select_related("employer")), pk=job_id
    )


def _after_job(client: Client, job: Job) -> str:
    """Where a job's form goes once saved: the proposal when there is one, else the file."""
    if _proposal(client, job) is not None:
        return reverse("work_proposal", args=[client.pk, job.pk])
    return _work_on_file(client)


@file_view(methods=EDITS, edits=EDITS)
def record_job(request: HttpRequest, client: Client) -> HttpResponse:
    """Record a job; an unknown employer is added with it (both or neither)."""
    by = cast(User, request.user)

    def write(data: dict[str, Any]) -> Job:
        with transaction.atomic():
            employer = data["employer"]
            if employer is None and data["payroll_tax_number"]:
                # Unknown when the form looked; perhaps added since: then that one.
                employer = employer_for(
                    name=data["employer_name"], payroll_tax_number=data["payroll_tax_number"], by=by
                )
            job = {name: value for name, value in data.items() if name not in EMPLOYER_FIELDS}
            return record_job_service(client=client, by=by, employer=employer, **job)

    recorded: list[Job] = []
    form, done = submit(
        request,
        JobForm(request.POST or None, client=client),
        lambda data: recorded.append(write(data)),
        done=_("Het werk is vastgelegd."),
        then=lambda: redirect(_after_job(client, recorded[0])),
        aliases=JOB_ALIASES,
    )
    return done or _page(
        request, client, form, title=_("Nieuw werk vastleggen"), button=_("Werk opslaan")
    )


def _job_form_view(
    form_class: type[Form],
    action: Callable[[Job, dict[str, Any], User], object],
    *,
    title: str,
    button: str,
    done: str,
    allowed: Callable[[Job], bool],
    proposes: bool = True,
) -> Callable[..., HttpResponse]:
    """The page of a form on one of the client's jobs; for a job it does not apply to, the file.
    Once saved, the proposal that may follow (when `proposes`), else the file."""

    @file_view(methods=EDITS, edits=EDITS)
    def view(request: HttpRequest, client: Client, job_id: int) -> HttpResponse:
        job = _client_job(client, job_id)
        if not allowed(job):
            return redirect(_work_on_file(client))
        form, answer = submit(
            request,
            form_class(request.POST or None, client=client),  # type: ignore[call-arg]
            lambda data: action(job, data, cast(User, request.user)),
            done=done,
            then=lambda: redirect(
                _after_job(client, Job.objects.get(pk=job.pk))
                if proposes
                else _work_on_file(client)
            ),
        )
        return answer or _page(request, client, form, title=title, button=button, job=job)

    return view


end_job = _job_form_view(
    EndJobForm,
    lambda job, data, by: end_job_service(
        job=job, ended_on=data["ended_on"], end_reason=data["end_reason"], by=by
    ),
    title=_("Einde van het werk vastleggen"),
    button=_("Einde opslaan"),
    done=_("Het einde van het werk is vastgelegd."),
    allowed=lambda job: job.ended_on is None,
)
renew_job = _job_form_view(
    RenewJobForm,
    lambda job, data, by: renew_job_service(
        job=job,
        renewed_on=data["renewed_on"],
        new_planned_end_on=data["new_planned_end_on"],
        made_permanent=data["outcome"] == "permanent",
        by=by,
    ),
    title=_("Contractverlenging vastleggen"),
    button=_("Verlenging opslaan"),
    done=_("De contractverlenging is vastgelegd."),
    allowed=lambda job: job.contract in FIXED_TERM and job.ended_on is None,
    proposes=False,  # a renewal starts no work
)


@file_view(methods=EDITS, edits=EDITS)
def record_provision(request: HttpRequest, client: Client) -> HttpResponse:
    form, done = submit(
        request,
        ProvisionForm(request.POST or None, client=client),
        lambda data: record_provision_service(client=client, by=cast(User, request.user), **data),
        done=_("De voorziening is vastgelegd."),
        then=_work_on_file(client),
    )
    return done or _page(
        request, client, form, title=_("Voorziening vastleggen"), button=_("Voorziening opslaan")
    )


@file_view(methods=EDITS, edits=EDITS)
def decide_provision(request: HttpRequest, client: Client, provision_id: int) -> HttpResponse:
    provision = get_object_or_404(
        Provision.objects.filter(client=client).select_related("job__employer"), pk=provision_id
    )
    if provision.decision:
        return redirect(_work_on_file(client))
    form, done = submit(
        request,
        DecideProvisionForm(request.POST or None, client=client),
        lambda data: decide_provision_service(
            provision=provision, by=cast(User, request.user), **data
        ),
        done=_("Het besluit is vastgelegd."),
        then=_work_on_file(client),
    )
    return done or _page(
        request,
        client,
        form,
        title=_("Besluit op de voorziening"),
        button=_("Besluit opslaan"),
        provision=provision,
    )


def _proposal(client: Client, job: Job) -> str | None:
    """ "phase4" for a running job begun (today or earlier) while in phase 1-3; "review" after
    the last running job ended in phase 4; else None."""
    phase = getattr(client, "current_phase", None)
    if proposes_phase_4(job, phase, timezone.localdate()):
        return "phase4"
    if job.ended_on is not None and phase == "4" and is_last_running_job(job):
        return "review"
    return None


@file_view(edits=["GET"])
def work_proposal(request: HttpRequest, client: Client, job_id: int) -> HttpResponse:
    """What may follow a job's start or end: moving to phase 4 (one button, the reason
    prefilled and editable), or reviewing the phase (a link to the phase form)."""
    job = _client_job(client, job_id)
    proposal = _proposal(client, job)
    if proposal is None:
        return redirect(_work_on_file(client))
    where = job.employer.name if job.employer else job.get_kind_display().lower()
    context: dict[str, Any] = {"client": client, "job": job, "proposal": proposal}
    if proposal == "phase4":
        reason = _("Aan het werk bij %(where)s sinds %(day)s.") % {
            "where": where,
            "day": date_format(job.started_on, "j F Y"),
        }
        context["form"] = PhaseChangeForm(
            version=client.version,
            initial={"phase": "4", "reason": reason, "started_on": _phase_start(client, job)},
        )
    else:
        reason = _("Laatste werk (%(where)s) geëindigd op %(day)s.") % {
            "where": where,
            "day": date_format(job.ended_on, "j F Y"),  # type: ignore[arg-type]
        }
        context["review_url"] = (
            reverse("change_phase", args=[client.pk]) + "?" + urlencode({"reden": reason})
        )
    return render(request, "casework/work_proposal.html", context)


def _phase_start(client: Client, job: Job) -> Any:
    """Phase 4 starts on the job's first day (today or earlier: proposed only then), unless
    that lies before the current phase began: then today."""
    since = getattr(client, "current_phase_since", None)
    if since is not None and job.started_on < since:
        return timezone.localdate()
    return job.started_on
