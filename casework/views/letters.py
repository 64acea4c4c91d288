"""The work-plan letter: the PDF for the client, and recording that it was given or sent."""

import logging
from typing import cast

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from casework.letters import LetterForm, LetterUnavailable, letter_for, letter_pdf
from clients.models import Client
from common.forms import submit
from common.views import error_response
from interventions.models import WorkPlan
from interventions.services.letters import record_letter

from .base import file_view

logger = logging.getLogger(__name__)


def _plan(client: Client, version: str | None) -> WorkPlan:
    """The version asked for (`?versie=N`), else the current plan; 404 when there is none."""
    plans = client.workplans.prefetch_related("agreements")
    if version is None:
        plan = plans.exclude(status=WorkPlan.Status.SUPERSEDED).first()
    elif version.isascii() and version.isdigit() and len(version) <= 9:
        plan = plans.filter(version=int(version)).first()
    else:
        plan = None
    if plan is None:
        raise Http404(_("Dit werkplan bestaat niet."))
    return plan


@file_view()
def work_plan_letter(request: HttpRequest, client: Client) -> HttpResponse:
    """The letter with the current plan (or `?versie=N`) as a PDF, to download or print."""
    plan = _plan(client, request.GET.get("versie"))
    letter = letter_for(
        client=client, plan=plan, user=cast(User, request.user), today=timezone.localdate()
    )
    try:
        pdf = letter_pdf(letter)
    except LetterUnavailable as missing:
        logger.error("The work-plan letter cannot be made here: %s", missing)
        return error_response(
            request,
            503,
            _(
                "De brief kan op deze server nu niet als pdf worden gemaakt. Meld het bij de "
                "functioneel beheerder."
            ),
        )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="werkplan-versie-{plan.version}.pdf"'
    return response


@file_view(methods=["POST"])
def record_work_plan_letter(request: HttpRequest, client: Client) -> HttpResponse:
    """Record that the letter with a version of the plan was given or sent; a refusal comes
    back on a page of its own with what was typed."""
    plans = list(client.workplans.order_by("-version"))
    if not plans:
        raise Http404(_("Dit werkplan bestaat niet."))
    form = LetterForm(request.POST, plans=plans)

    def write(data: dict) -> None:
        plan = next(p for p in plans if p.version == data["version"])
        record_letter(
            work_plan=plan,
            handed_on=data["handed_on"],
            channel=data["channel"],
            client_agreed=data["client_agreed"],
            note=data["note"],
            change_reason=data["change_reason"],
            by=cast(User, request.user),
        )

    form, done = submit(
        request,
        form,
        write,
        done=_("De brief met het werkplan is vastgelegd."),
        then=reverse("work_plan", args=[client.pk]),
    )
    if done:
        return done
    return render(
        request, "casework/work_plan_letter_refused.html", {"client": client, "form": form}
    )
