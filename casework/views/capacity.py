"""The client's work capacity: its decisions over time and its reassessments, with forms to
record a decision and to request or decide a reassessment."""

from collections.abc import Callable
from typing import Any, cast

from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.models import User
from clients.capacity import decide_reassessment, record_capacity_decision, request_reassessment
from clients.forms import CapacityDecisionForm, ReassessmentDecisionForm, ReassessmentRequestForm
from clients.models import Client
from common.forms import submit

from .base import file_view, may_edit


@file_view(methods=["GET", "POST"])
def work_capacity(request: HttpRequest, client: Client) -> HttpResponse:
    """Decisions and reassessments; for those who may edit, the three forms. A post carries
    one form (by its prefix); a refused one comes back with its errors in its place."""
    by = cast(User, request.user)
    data = request.POST if request.method == "POST" else None
    posted = {key.split("-")[0] for key in (data or {})}
    then = reverse("work_capacity", args=[client.pk])
    open_request = client.reassessments.filter(decision__isnull=True).first()
    decision_form = CapacityDecisionForm(
        data if "besluit" in posted else None, version=client.version
    )
    request_form = ReassessmentRequestForm(data if "aanvraag" in posted else None)
    outcome_form = ReassessmentDecisionForm(data if "herbeoordeling" in posted else None)
    forms: list[tuple[Form, Callable[[dict[str, Any]], object]]] = [
        (
            decision_form,
            lambda d: record_capacity_decision(
                client=client,
                decided_on=d["decided_on"],
                outcome=d["outcome"],
                basis=d["basis"],
                by=by,
                expected_version=d["version"],
            ),
        ),
        (request_form, lambda d: request_reassessment(client=client, by=by, **d)),
    ]
    if open_request is not None:
        forms.append(
            (outcome_form, lambda d: decide_reassessment(reassessment=open_request, by=by, **d))
        )
    for form, write in forms:
        if form.is_bound:
            form, answer = submit(request, form, write, done=_("Vastgelegd."), then=then)
            if answer:
                return answer
    return render(
        request,
        "casework/work_capacity.html",
        {
            "client": client,
            "decisions": client.capacity_decisions.select_related("decided_by"),
            "reassessments": client.reassessments.select_related("decision", "requested_by"),
            "open_request": open_request,
            "editable": may_edit(request),
            "decision_form": decision_form,
            "request_form": request_form,
            "outcome_form": outcome_form,
        },
    )
