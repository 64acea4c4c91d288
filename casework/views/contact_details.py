"""The client's contact details: phone, e-mail, address and preferred channel."""

from typing import cast

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.models import User
from casework.forms import ContactDetailsForm
from clients.models import Client
from clients.rules import CONTACT_FIELDS
from clients.services import update_client
from common.forms import submit

from .base import file_view


def _initial(client: Client) -> dict[str, object]:
    return {"version": client.version, **{f: getattr(client, f) for f in CONTACT_FIELDS}}


@file_view(methods=["GET", "POST"], edits=["GET", "POST"])
def contact_details(request: HttpRequest, client: Client) -> HttpResponse:
    """Change how to reach the client; a colleague's change meanwhile is a conflict that keeps
    what the user typed."""
    form, done = submit(
        request,
        ContactDetailsForm(request.POST or None, initial=_initial(client)),
        lambda data: update_client(
            client=client,
            expected_version=data["version"],
            changes={field: data[field] for field in CONTACT_FIELDS},
            by=cast(User, request.user),
            change_reason=_("Contactgegevens gewijzigd"),
        ),
        done=_("De contactgegevens zijn opgeslagen."),
        then=reverse("client_detail", args=[client.pk]),
        again=lambda data: ContactDetailsForm(data, initial=_initial(client)),
    )
    return done or render(request, "clients/contact_details.html", {"client": client, "form": form})
