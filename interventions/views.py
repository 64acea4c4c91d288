"""Caseworker forms on the client file: the conversation log."""

from typing import cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.models import User
from clients.permissions import may_edit_client_files
from clients.views import render_client_file, visible_client
from wajong.exceptions import EditConflict

from .forms import ContactForm
from .services import record_contact


@login_required
@require_POST
def log_contact(request: HttpRequest, pk: int) -> HttpResponse:
    """Save the conversation form in one request; on error nothing is saved and the input stays.

    Without JavaScript the browser is redirected to the file; with htmx the file comes back in
    place (the form posts with hx-post and swaps #client-file).
    """
    client = visible_client(request, pk)
    if not may_edit_client_files(cast(User, request.user)):
        raise PermissionDenied
    form = ContactForm(request.POST, client=client)
    if form.is_valid():
        data = form.cleaned_data
        try:
            record_contact(
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
            )
        except EditConflict as conflict:
            # Keep everything typed; carry the current version so a second save goes through.
            data = request.POST.copy()
            data["version"] = str(conflict.current_version)
            form = ContactForm(data, client=client)
            form.is_valid()
            form.add_error(
                None,
                _(
                    "Iemand anders heeft dit dossier intussen gewijzigd. Uw invoer staat er nog; "
                    "controleer het dossier en sla opnieuw op."
                ),
            )
        except ValidationError as error:
            form.add_service_errors(error.message_dict)
        else:
            messages.success(request, _("Het gesprek is vastgelegd."))
            if not request.htmx:  # type: ignore[attr-defined]
                return redirect("client_detail", pk=client.pk)
            return render_client_file(request, visible_client(request, pk))
    return render_client_file(request, client, contact_form=form)
