"""Conversations across the caseload as a spreadsheet."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from casework.forms import ConversationExportForm
from common.exports import EXPORT_TYPES, export
from common.tables import Column, Table
from interventions.models import Conversation


@login_required
@require_GET
def export_conversations(request: HttpRequest, kind: str) -> HttpResponse:
    """Conversations with the clients the user may see (`?client=`, `?since=`, `?until=`), as
    CSV or XLSX; every client in it is a logged read."""
    if kind not in EXPORT_TYPES:
        raise Http404
    form = ConversationExportForm(request.GET)
    if not form.is_valid():
        return HttpResponseBadRequest(_("Ongeldige selectie."))
    data = form.cleaned_data
    conversations = (
        Conversation.objects.visible_to(request.user)
        .select_related("client", "caseworker")
        .order_by("-held_on", "-id")
    )
    if data["client"]:
        conversations = conversations.filter(client_id=data["client"])
    if data["since"]:
        conversations = conversations.filter(held_on__gte=data["since"])
    if data["until"]:
        conversations = conversations.filter(held_on__lte=data["until"])
    back = reverse("client_detail", args=[data["client"]]) if data["client"] else None
    return export(
        request,
        conversations,
        kind,
        filename="gesprekken",
        table=_conversations_table,
        clients=lambda rows: rows,
        back=back or reverse("caseload"),
    )


def _conversations_table(rows: list[Conversation]) -> Table:
    table = Table(
        "conversations",
        _("Gesprekken"),
        [
            Column("held_on", _("Datum"), "text"),
            Column("client", _("Cliënt"), "text"),
            Column("bsn", _("BSN"), "text"),
            Column("caseworker", _("Casemanager"), "text"),
            Column("kind", _("Soort"), "text"),
            Column("channel", _("Kanaal"), "text"),
            Column("status", _("Status"), "text"),
            Column("minutes", _("Duur (minuten)")),
            Column("summary", _("Verslag"), "text"),
        ],
    )
    for c in rows:
        table.add(
            c.held_on.isoformat(),
            f"{c.client.last_name}, {c.client.first_name}",
            c.client.masked_bsn,
            str(c.caseworker),
            c.get_kind_display(),
            c.get_channel_display(),
            c.get_status_display(),
            c.duration_minutes,
            c.summary,
        )
    return table
