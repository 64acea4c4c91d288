"""The breadcrumb trail above a page: on a client's file, Cliënten › name › the part shown."""

from typing import Any

from django import template
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from clients.models import Client

register = template.Library()

# The parts of a client's file (by URL name) and what the trail calls them; the file itself
# and the forms that answer with it (a refused conversation) end the trail at the name.
FILE_PARTS = {
    "contact_details": _("Contactgegevens"),
    "change_phase": _("Fase wijzigen"),
    "exemptions": _("Vrijstellingen"),
    "add_contact_exemption": _("Vrijstellingen"),
    "add_phase_exemption": _("Vrijstellingen"),
    "end_contact_exemption": _("Vrijstellingen"),
    "end_phase_exemption": _("Vrijstellingen"),
    "work_plan": _("Werkplan"),
    "agree_work_plan": _("Werkplan"),
    "record_work_plan_letter": _("Werkplan"),
    "reopen_agreement": _("Werkplan"),
    "trajectories": _("Trajecten"),
    "trajectory_action": _("Trajecten"),
    "client_history": _("Historie"),
}


@register.inclusion_tag("breadcrumbs.html", takes_context=True)
def client_breadcrumbs(context: template.Context) -> dict[str, Any]:
    """The trail of a page on the file of the client in the context; none on other pages.

    It reads only what the view already put in the context: no query of its own."""
    request = context.get("request")
    client = context.get("client")
    match = getattr(request, "resolver_match", None)
    if not isinstance(client, Client) or match is None or match.kwargs.get("pk") != client.pk:
        return {"crumbs": []}
    name = f"{client.first_name} {client.last_name}"
    file_url = reverse("client_detail", args=[client.pk])
    crumbs = [(_("Cliënten"), reverse("caseload")), (name, file_url)]
    part = FILE_PARTS.get(match.url_name or "")
    if part:
        crumbs.append((part, getattr(request, "path", file_url)))
    return {"crumbs": crumbs}
