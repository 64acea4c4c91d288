"""The client's work capacity: its decisions over time and its reassessments, with forms to
record a decision and to request or decide a reassessment; and the day the client leaves the
benefit, with the reason."""

from collections.abc import Callable
from typing import Any, cast

from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.models import User
from clients.capacity import decide_reassessment, record_capacity_decision, request_reassessment
from clients.forms import (
    CapacityDecisionForm,
    LeavingForm,
    ReassessmentDecisionForm,
    ReassessmentRequestForm,
)
from clients.models import Client
from clients.services import update_client
from common.forms import submit

from .base import file_view, may_edit

# The forms of the page by prefix; those with a version are rebuilt after an edit conflict.
FormMaker = Callable[[Any, Client], Form]
FORMS: dict[str, FormMaker] = {
    "besluit": lambda data, client: CapacityDecisionForm(data, version=client.version),
    "aanvraag": lambda data, client: ReassessmentRequestForm(data),
    "herbeoordeling": lambda data, client: ReassessmentDecisionForm(data),
    "uitstroom": lambda data, client: LeavingForm(data, client=client),
}
VERSIONED = ("besluit", "uitstroom")


def _leave(client: Client, data: dict[str, Any], *, by: User) -> None:
    """Record the leaving form's day and reason; the same values again write nothing."""
    version = data.pop("version")
    changes = {field: value for field, value in data.items() if getattr(client, field) != value}
    if changes:
        update_client(
            client=client,
            expected_version=version,
            changes=changes,
            by=by,
            change_reason=_("Uit zorg"),
        )


def _again(prefix: str, client: Client) -> Callable[[Any], Form] | None:
    """How to rebuild the posted form after an edit conflict, for a form with a version."""
    if prefix not in VERSIONED:
        return None
    make = FORMS[prefix]
    return lambda data: make(data, client)


@file_view(methods=["GET", "POST"])
def work_capacity(request: HttpRequest, client: Client) -> HttpResponse:
    """Decisions, reassessments and leaving; for those who may edit, their forms. A post
    carries one form (by its prefix); a refused one comes back with its errors in its place."""
    by = cast(User, request.user)
    data = request.POST if request.method == "POST" else None
    posted = {key.split("-")[0] for key in (data or {})}
    open_request = client.reassessments.filter(decision__isnull=True).first()
    forms = {
        prefix: make(data if prefix in posted else None, client) for prefix, make in FORMS.items()
    }
    writes: dict[str, Callable[[dict[str, Any]], object]] = {
        "besluit": lambda d: record_capacity_decision(
            client=client,
            decided_on=d["decided_on"],
            outcome=d["outcome"],
            basis=d["basis"],
            by=by,
            expected_version=d["version"],
        ),
        "aanvraag": lambda d: request_reassessment(client=client, by=by, **d),
        "uitstroom": lambda d: _leave(client, d, by=by),
    }
    if open_request is not None:
        writes["herbeoordeling"] = lambda d: decide_reassessment(
            reassessment=open_request, by=by, **d
        )
    for prefix, write in writes.items():
        if forms[prefix].is_bound:
            forms[prefix], answer = submit(
                request,
                forms[prefix],
                write,
                done=_("Vastgelegd."),
                then=reverse("work_capacity", args=[client.pk]),
                again=_again(prefix, client),
                version_field=f"{prefix}-version",
            )
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
            "decision_form": forms["besluit"],
            "request_form": forms["aanvraag"],
            "outcome_form": forms["herbeoordeling"],
            "leaving_form": forms["uitstroom"],
        },
    )
