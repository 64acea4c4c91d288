"""Caseworker screens for phases: change the phase, and record exemptions from the signals.

Forms validate, services write; a service's ValidationError lands next to the field it names,
and nothing is saved when anything is wrong. Every page works without JavaScript.
"""

from collections.abc import Callable
from typing import cast

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import User
from casework.forms import EndExemptionForm
from clients.models import Client
from clients.scope import ClientView
from common.forms import submit
from interventions.forms import ContactExemptionForm
from interventions.models import ContactExemption
from interventions.services.exemptions import (
    end_contact_exemption_early,
    record_contact_exemption,
)
from phases.forms import PhaseChangeForm, PhaseExemptionForm
from phases.models import PhaseExemption
from phases.services import end_phase_exemption_early, record_phase_exemption, transition_phase

from .base import file_view, may_edit


@file_view(methods=["GET", "POST"], edits=["GET", "POST"])
def change_phase(request: HttpRequest, client: Client) -> HttpResponse:
    """The client's phase history and a form to start a new phase, dated and with a reason."""
    form, done = submit(
        request,
        PhaseChangeForm(
            request.POST or None,
            version=client.version,
            initial={"reason": request.GET.get("reden", "")[:500]},  # a proposal's reason
        ),
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
    refused: ContactExemptionForm | PhaseExemptionForm | EndExemptionForm | None = None,
) -> HttpResponse:
    """The exemptions page; `refused` is a posted form shown again in its place."""
    editable = may_edit(request)
    contact_form, phase_form = None, None
    if editable:
        current_phase = getattr(client, "current_phase", None)
        contact_form = (
            refused if isinstance(refused, ContactExemptionForm) else ContactExemptionForm()
        )
        phase_form = (
            refused
            if isinstance(refused, PhaseExemptionForm)
            else PhaseExemptionForm(current_phase=current_phase)
        )
    return render(
        request,
        "phases/exemptions.html",
        {
            "client": client,
            "contact_exemptions": client.contact_exemptions.select_related("recorded_by"),
            "phase_exemptions": client.phase_exemptions.select_related("recorded_by"),
            "contact_form": contact_form,
            "phase_form": phase_form,
            "editable": editable,
            "refused_form": refused if isinstance(refused, EndExemptionForm) else None,
        },
    )


@file_view()
def exemptions(request: HttpRequest, client: Client) -> HttpResponse:
    """Both kinds of exemption with their periods; forms to add one for those who may edit."""
    return _render_exemptions(request, client)


def _adding(
    form_class: type[ContactExemptionForm | PhaseExemptionForm],
    record: Callable[..., object],
    done: Promise,
) -> ClientView:
    """The view posting one kind of exemption: its form to `record`, then the exemptions page
    again, with the form and its errors in that kind's place when it was refused."""

    @file_view(methods=["POST"])
    def add(request: HttpRequest, client: Client) -> HttpResponse:
        form, answer = submit(
            request,
            form_class(request.POST),
            lambda data: record(client=client, by=cast(User, request.user), **data),
            done=str(done),
            then=reverse("exemptions", args=[client.pk]),
        )
        return answer or _render_exemptions(request, client, refused=form)

    return add


add_contact_exemption = _adding(
    ContactExemptionForm,
    record_contact_exemption,
    gettext_lazy("De contactvrijstelling is vastgelegd."),
)
add_phase_exemption = _adding(
    PhaseExemptionForm, record_phase_exemption, gettext_lazy("De fasevrijstelling is vastgelegd.")
)


def _ending(
    model: type[ContactExemption | PhaseExemption],
    end: Callable[..., object],
    end_field: str,
) -> ClientView:
    """The view ending one kind of exemption early: its "Eerder beëindigen" form to `end`,
    then the exemptions page again, with the form open and its errors when it was refused."""

    @file_view(methods=["POST"])
    def end_early(request: HttpRequest, client: Client, exemption_id: int) -> HttpResponse:
        exemption = cast(
            ContactExemption | PhaseExemption,
            get_object_or_404(model.objects.filter(client=client), pk=exemption_id),
        )
        form, answer = submit(
            request,
            EndExemptionForm.posted(exemption, request.POST),
            lambda data: end(
                exemption=exemption,
                change_reason=data["change_reason"],
                by=cast(User, request.user),
                **{end_field: data["ends_on"]},
            ),
            done=_("De vrijstelling is eerder beëindigd."),
            then=reverse("exemptions", args=[client.pk]),
            aliases={end_field: "ends_on"},
        )
        return answer or _render_exemptions(request, client, refused=form)

    return end_early


end_contact_exemption = _ending(ContactExemption, end_contact_exemption_early, "valid_until")
end_phase_exemption = _ending(PhaseExemption, end_phase_exemption_early, "review_on")
