"""Caseworker screens for phases: change the phase, and record exemptions from the signals.

Forms validate, services write; a service's ValidationError lands next to the field it names,
and nothing is saved when anything is wrong. Every page works without JavaScript.
"""

from typing import cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts.models import User
from casework.views.clients import visible_client
from clients.models import Client
from clients.permissions import may_edit_client_files
from common.exceptions import EditConflict
from common.forms import add_service_errors, form_after_conflict
from common.reads import Read, note_reads
from interventions.forms import ContactExemptionForm
from interventions.services.exemptions import record_contact_exemption
from phases.forms import PhaseChangeForm, PhaseExemptionForm
from phases.services import record_phase_exemption, transition_phase


def _editable_client(request: HttpRequest, pk: int) -> Client:
    """The visible client (404 otherwise); writing needs an editing role (403 otherwise)."""
    client = visible_client(request, pk)
    if not may_edit_client_files(cast(User, request.user)):
        raise PermissionDenied
    return client


@login_required
@require_http_methods(["GET", "POST"])
def change_phase(request: HttpRequest, pk: int) -> HttpResponse:
    """The client's phase history and a form to start a new phase, dated and with a reason."""
    client = _editable_client(request, pk)
    form = PhaseChangeForm(request.POST or None, version=client.version)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            transition_phase(
                client=client,
                phase=data["phase"],
                started_on=data["started_on"],
                reason=data["reason"],
                by=cast(User, request.user),
                expected_version=data["version"],
            )
        except EditConflict as conflict:
            form = form_after_conflict(
                conflict, request.POST, lambda data: PhaseChangeForm(data, version=client.version)
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("De fasewijziging is vastgelegd."))
            return redirect("client_detail", pk=client.pk)
    note_reads(request, [client], Read.VIEW)
    return render(
        request,
        "phases/change_phase.html",
        {
            "client": client,
            "form": form,
            "periods": client.phase_periods.select_related("recorded_by"),
        },
    )


def _render_exemptions(
    request: HttpRequest,
    client: Client,
    contact_form: ContactExemptionForm | None = None,
    phase_form: PhaseExemptionForm | None = None,
) -> HttpResponse:
    editable = may_edit_client_files(cast(User, request.user))
    note_reads(request, [client], Read.VIEW)
    current_phase = getattr(client, "current_phase", None)
    return render(
        request,
        "phases/exemptions.html",
        {
            "client": client,
            "contact_exemptions": client.contact_exemptions.select_related("recorded_by"),
            "phase_exemptions": client.phase_exemptions.select_related("recorded_by"),
            "contact_form": (contact_form or ContactExemptionForm()) if editable else None,
            "phase_form": (phase_form or PhaseExemptionForm(current_phase=current_phase))
            if editable
            else None,
        },
    )


@login_required
def exemptions(request: HttpRequest, pk: int) -> HttpResponse:
    """Both kinds of exemption with their periods; forms to add one for those who may edit."""
    return _render_exemptions(request, visible_client(request, pk))


@login_required
@require_POST
def add_contact_exemption(request: HttpRequest, pk: int) -> HttpResponse:
    client = _editable_client(request, pk)
    form = ContactExemptionForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            record_contact_exemption(
                client=client,
                reason=data["reason"],
                note=data["note"],
                valid_from=data["valid_from"],
                valid_until=data["valid_until"],
                by=cast(User, request.user),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("De contactvrijstelling is vastgelegd."))
            return redirect("exemptions", pk=client.pk)
    return _render_exemptions(request, client, contact_form=form)


@login_required
@require_POST
def add_phase_exemption(request: HttpRequest, pk: int) -> HttpResponse:
    client = _editable_client(request, pk)
    form = PhaseExemptionForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            record_phase_exemption(
                client=client,
                phase=data["phase"],
                reason=data["reason"],
                note=data["note"],
                valid_from=data["valid_from"],
                review_on=data["review_on"],
                by=cast(User, request.user),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("De fasevrijstelling is vastgelegd."))
            return redirect("exemptions", pk=client.pk)
    return _render_exemptions(request, client, phase_form=form)
