"""Conversations across the caseload as a spreadsheet."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from casework.forms import ConversationExportForm
from common.exports import EXPORT_TYPES, export
from common.tables import RecordColumn, records_table
from interventions.models import Conversation

CONVERSATION_COLUMNS: list[RecordColumn[Conversation]] = [
    RecordColumn("held_on", gettext_lazy("Datum"), lambda c: c.held_on.isoformat()),
    RecordColumn("client", gettext_lazy("Cliënt"), lambda c: c.client.listed_name),
    RecordColumn("bsn", gettext_lazy("BSN"), lambda c: c.client.masked_bsn),
    RecordColumn("caseworker", gettext_lazy("Casemanager"), lambda c: str(c.caseworker)),
    RecordColumn("kind", gettext_lazy("Soort"), lambda c: c.get_kind_display()),
    RecordColumn("channel", gettext_lazy("Kanaal"), lambda c: c.get_channel_display()),
    RecordColumn("status", gettext_lazy("Status"), lambda c: c.get_status_display()),
    RecordColumn("minutes", gettext_lazy("Duur (minuten)"), lambda c: c.duration_minutes, "int"),
    RecordColumn("summary", gettext_lazy("Verslag"), lambda c: c.summary),
]


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
        table=lambda rows: records_table(
            "conversations", _("Gesprekken"), CONVERSATION_COLUMNS, rows
        ),
        clients=lambda rows: rows,
        back=back or reverse("caseload"),
    )
