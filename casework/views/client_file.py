"""The client file: the page, the conversation form on it, one-click agreement changes and the
logged reveal of the full BSN."""

from typing import cast

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django_htmx.http import HttpResponseClientRedirect

from accounts.models import User
from clients.models import Client
from common.exceptions import EditConflict
from common.forms import submit
from common.reads import Read
from interventions.forms import SERVICE_FIELDS
from interventions.models import Agreement, Conversation
from interventions.services.conversations import record_contact
from interventions.services.work_plans import set_agreement_status
from participation.services import record_rung

from ..work_forms import FileContactForm
from .base import file_view, reloaded, render_client_file


@file_view()
def client_detail(request: HttpRequest, client: Client) -> HttpResponse:
    return render_client_file(request, client)


@file_view(methods=["POST"], edits=(), read=Read.REVEAL_BSN)  # a read, for auditors too
def reveal_bsn(request: HttpRequest, client: Client) -> HttpResponse:
    """Show the full BSN on an explicit request; the reveal is a logged read."""
    if request.htmx:  # type: ignore[attr-defined]
        return render(request, "audit/bsn.html", {"client": client, "revealed": True})
    return render_client_file(request, client, revealed_bsn=True)


@file_view(methods=["POST"])
def log_contact(request: HttpRequest, client: Client) -> HttpResponse:
    """Save the conversation form in one request; on error nothing is saved and the input stays.

    Without JavaScript the browser is redirected to the file; with htmx the file comes back in
    place (the form posts with hx-post and swaps #client-file).
    """

    def write(data: dict) -> None:
        with transaction.atomic():
            conversation = record_contact(
                client=client,
                expected_version=data["version"],
                by=cast(User, request.user),
                held_on=data["held_on"],
                status=data["status"],
                channel=data["channel"],
                kind=data["kind"],
                with_client=data["with_client"],
                duration_minutes=data["duration_minutes"],
                summary=data["summary"],
                next_contact_on=data["next_contact_on"],
                agreement_statuses=form.agreement_statuses(),
                new_phase=data["new_phase"],
                phase_reason=data["phase_reason"],
                fulfils=data["fulfils"],
                add_planned=data["add_planned"],
            )
            _record_rung_heard(conversation, data.get("rung"), by=cast(User, request.user))

    def then() -> HttpResponse:
        follow_up = _job_change_page(client, form.cleaned_data.get("job_change", ""))
        if not request.htmx:  # type: ignore[attr-defined]
            return redirect(follow_up or reverse("client_detail", args=[client.pk]))
        if follow_up:
            return HttpResponseClientRedirect(follow_up)
        return render_client_file(request, reloaded(request, client))

    form = FileContactForm(request.POST, client=client)
    form, done = submit(
        request,
        form,
        write,
        done=_("Het gesprek is vastgelegd."),
        then=then,
        aliases={**SERVICE_FIELDS, "assessed_on": "held_on"},
        again=lambda data: FileContactForm(data, client=client, refresh_agreements=True),
    )
    return done or render_client_file(request, client, contact_form=form)


def _record_rung_heard(conversation: Conversation, rung: int | None, *, by: User) -> None:
    """The rung chosen in the form of a held conversation, recorded on its date."""
    if rung is None or conversation.status != Conversation.Status.HELD:
        return
    record_rung(
        client=conversation.client,
        rung=rung,
        assessed_on=conversation.held_on,
        by=by,
        conversation=conversation,
        change_reason=str(_("Trede besproken in het gesprek")),
    )


def _job_change_page(client: Client, change: str) -> str | None:
    """The form for a job change heard in the conversation: a new job, or the end of the one
    running job (with several, the file's work section to choose from)."""
    if change == "started":
        return reverse("record_job", args=[client.pk])
    if change != "ended":
        return None
    running = list(client.jobs.filter(ended_on__isnull=True).values_list("pk", flat=True)[:2])
    if len(running) == 1:
        return reverse("end_job", args=[client.pk, running[0]])
    return reverse("client_detail", args=[client.pk]) + "#werk"


@file_view(methods=["POST"])
def agreement_status(request: HttpRequest, client: Client, agreement_id: int) -> HttpResponse:
    """One click on the client file: mark an open agreement done or cancelled."""
    agreement = get_object_or_404(
        Agreement.objects.select_related("work_plan"), pk=agreement_id, work_plan__client=client
    )
    try:
        set_agreement_status(
            agreement=agreement,
            status=request.POST.get("status", ""),
            expected_status=Agreement.Status.OPEN,  # the buttons are offered on open ones only
            by=cast(User, request.user),
        )
    except EditConflict as conflict:
        messages.error(request, str(conflict))
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("De afspraak is bijgewerkt."))
    if not request.htmx:  # type: ignore[attr-defined]
        return redirect("client_detail", pk=client.pk)
    return render_client_file(request, client)
