"""Caseworker screens for phases: change the phase, and record exemptions from the signals.

Forms validate, services write; a service's ValidationError lands next to the field it names,
and nothing is saved when anything is wrong. Every page works without JavaScript.
"""

from typing import cast

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.models import User
from clients.models import Client
from common.forms import submit
from interventions.forms import ContactExemptionForm
from interventions.services.exemptions import record_contact_exemption
from phases.forms import PhaseChangeForm, PhaseExemptionForm
from phases.services import record_phase_exemption, transition_phase

from .base import file_view, may_edit


@file_view(methods=["GET", "POST"], edits=["GET", "POST"])
def change_phase(request: HttpRequest, client: Client) -> HttpResponse:
    """The client's phase history and a form to start a new phase, dated and with a reason."""
    form, done = submit(
        request,
        PhaseChangeForm(request.POST or None, version=client.version),
        lambda data: transition_phase(
            client=client,
            phase=data["phase"],
            started_on=data["started_on"],
            reason=data["reason"],
            by=cast(User, request.user),
            expected_version=data["version"],
        ),
        done=_("De fasewijziging is vastgelegd."),
        then=reverse("client_detail", args=[client.pk]),
        again=lambda data: PhaseChangeForm(data, version=client.version),
    )
    if done:
        return done
    periods = client.phase_periods.select_related("recorded_by")
    return render(
        request,
        "phases/change_phase.html",
        {"client": client, "form": form, "periods": periods},
    )


def _render_exemptions(
    request: HttpRequest,
    client: Client,
    contact_form: ContactExemptionForm | None = None,
    phase_form: PhaseExemptionForm | None = None,
) -> HttpResponse:
    editable = may_edit(request)
    current_phase = getattr(client, "current_phase", None)
    if editable:
        contact_form = contact_form or ContactExemptionForm()
        phase_form = phase_form or PhaseExemptionForm(current_phase=current_phase)
    return render(
        request,
        "phases/exemptions.html",
        {
            "client": client,
            "contact_exemptions": client.contact_exemptions.select_related("recorded_by"),
            "phase_exemptions": client.phase_exemptions.select_related("recorded_by"),
            "contact_form": contact_form if editable else None,
            "phase_form": phase_form if editable else None,
        },
    )


@file_view()
def exemptions(request: HttpRequest, client: Client) -> HttpResponse:
    """Both kinds of exemption with their periods; forms to add one for those who may edit."""
    return _render_exemptions(request, client)


@file_view(methods=["POST"])
def add_contact_exemption(request: HttpRequest, client: Client) -> HttpResponse:
    form, done = submit(
        request,
        ContactExemptionForm(request.POST),
        lambda data: record_contact_exemption(
            client=client,
            reason=data["reason"],
            note=data["note"],
            valid_from=data["valid_from"],
            valid_until=data["valid_until"],
            by=cast(User, request.user),
        ),
        done=_("De contactvrijstelling is vastgelegd."),
        then=reverse("exemptions", args=[client.pk]),
    )
    return done or _render_exemptions(request, client, contact_form=form)


@file_view(methods=["POST"])
def add_phase_exemption(request: HttpRequest, client: Client) -> HttpResponse:
    form, done = submit(
        request,
        PhaseExemptionForm(request.POST),
        lambda data: record_phase_exemption(
            client=client,
            phase=data["phase"],
            reason=data["reason"],
            note=data["note"],
            valid_from=data["valid_from"],
            review_on=data["review_on"],
            by=cast(User, request.user),
        ),
        done=_("De fasevrijstelling is vastgelegd."),
        then=reverse("exemptions", args=[client.pk]),
    )
    return done or _render_exemptions(request, client, phase_form=form)
