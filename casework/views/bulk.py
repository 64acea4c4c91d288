"""Bulk actions on a selection of clients from the caseload or a drill-down: plan a conversation
with each, export them, or (team managers) hand them over with one note.

Each action is posted from the list's action bar. Done, it goes back to the list with what it
did; refused, it shows its form again on a page of its own, with what was typed, the selection
kept and its count now. The view reads the selection in a fixed number of queries; the services
write (see `casework.selection` for what a selection is).
"""

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any, cast

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from accounts.models import User
from casework.bulk_forms import BulkExportForm, BulkHandoverForm, PlanOutreachForm
from casework.selection import SelectionForm
from casework.selectors import caseload
from clients.models import Client
from clients.permissions import handover_teams, may_edit_client_files, may_hand_over
from clients.services import hand_over_clients
from common.exports import export
from common.forms import submit
from common.reads import note_reads
from common.tables import records_table
from interventions.services.outreach import Outreach, plan_outreach

from .caseload import CASELOAD_EXPORT

# The clients a message names at most; the rest are counted.
NAMED = 10

ACTIONS = {
    "plan": {
        "url": "bulk_plan",
        "title": gettext_lazy("Gesprek plannen met de selectie"),
        "button": gettext_lazy("Gesprekken plannen"),
        "fields": ("on", "kind", "channel"),
    },
    "export": {
        "url": "bulk_export",
        "title": gettext_lazy("De selectie exporteren"),
        "button": gettext_lazy("Exporteren"),
        "fields": ("format",),
    },
    "handover": {
        "url": "bulk_handover",
        "title": gettext_lazy("De selectie overdragen"),
        "button": gettext_lazy("Overdragen"),
        "fields": ("caseworker", "handover_note"),
    },
}


def named(clients: Sequence[Client]) -> str:
    """'Aalders, Anna; Boersma, Bram en 3 anderen': the first few by name, the rest counted."""
    names = "; ".join(client.listed_name for client in clients[:NAMED])
    rest = len(clients) - NAMED
    if rest > 0:
        names += " " + ngettext("en %(count)d andere", "en %(count)d anderen", rest) % {
            "count": rest
        }
    return names


def _refused(request: HttpRequest, form: SelectionForm, action: str) -> HttpResponse:
    """The action's form again: its refusals, what was typed, the selection and its count."""
    chosen = ACTIONS[action]
    return render(
        request,
        "casework/bulk.html",
        {
            "form": form,
            "action": chosen,
            "fields": [form[name] for name in chosen["fields"]],
            "back": form.back(),
        },
    )


@login_required
@require_POST
def bulk_plan(request: HttpRequest) -> HttpResponse:
    """Plan a conversation with each selected client (`plan_outreach` says who is skipped)."""
    user = cast(User, request.user)
    if not may_edit_client_files(user):
        raise PermissionDenied(_("Uw rol mag dossiers inzien, niet wijzigen."))
    form = PlanOutreachForm(
        request.POST,
        user=user,
        within=Client.objects.visible_to(user),
        today=timezone.localdate(),
    )

    def write(data: dict[str, Any]) -> Outreach:
        outreach = plan_outreach(
            clients=form.clients(),
            on=data["on"],
            kind=data["kind"],
            channel=data["channel"],
            by=user,
        )
        note_reads(request, outreach.booked[:NAMED])  # named in the message
        return outreach

    form, answer = submit(
        request,
        form,
        write,
        done=lambda outreach: planned_message(outreach, form.cleaned_data["on"]),
        then=_back_to(form),
    )
    return answer or _refused(request, form, "plan")


def planned_message(outreach: Outreach, on: date) -> str:
    parts = [
        _("Gesprek op %(day)s: %(planned)d gepland, %(booked)d overgeslagen (al een afspraak).")
        % {
            "day": date_format(on, "j F Y"),
            "planned": len(outreach.planned),
            "booked": len(outreach.booked),
        }
    ]
    if outreach.moved:
        count = len(outreach.moved)
        parts.append(
            ngettext(
                "Bij %(count)d cliënt is een gemist gesprek naar die dag verzet.",
                "Bij %(count)d cliënten is een gemist gesprek naar die dag verzet.",
                count,
            )
            % {"count": count}
        )
    if outreach.inactive:
        parts.append(
            _("%(count)d overgeslagen: niet in de dienstverlening op die dag.")
            % {"count": len(outreach.inactive)}
        )
    if outreach.booked:
        parts.append(_("Al een afspraak: %(names)s.") % {"names": named(outreach.booked)})
    return " ".join(parts)


@login_required
@require_POST
def bulk_export(request: HttpRequest) -> HttpResponse:
    """The selected clients as CSV or XLSX, as the caseload exports them; each one a logged
    read. The export's own row limit applies, not the bulk actions' limit."""
    user = cast(User, request.user)
    today = timezone.localdate()
    form = BulkExportForm(
        request.POST,
        user=user,
        within=caseload(user=user, today=today, whole_team=True),
        today=today,
        capped=False,
    )
    if not form.is_valid() or form.selected is None:
        return _refused(request, form, "export")
    clients = form.selected.select_related("team", "caseworker").order_by(
        "last_name", "first_name", "id"
    )
    return export(
        request,
        clients,
        form.cleaned_data["format"],
        filename=f"selectie-{today.isoformat()}",
        table=lambda rows: records_table("caseload", _("Cliënten"), CASELOAD_EXPORT, rows),
        clients=lambda rows: rows,
        back=form.back(),
    )


@login_required
@require_POST
def bulk_handover(request: HttpRequest) -> HttpResponse:
    """Team managers: hand the selected clients of their teams over to one caseworker with one
    note, all or nothing (`hand_over_clients`); each shows in the work queue of the one who
    receives them."""
    user = cast(User, request.user)
    if not may_hand_over(user):
        raise PermissionDenied(_("Alleen een teammanager draagt cliënten over."))
    teams = handover_teams(user)
    today = timezone.localdate()
    form = BulkHandoverForm(
        request.POST,
        user=user,
        within=Client.objects.visible_to(user).filter(team__in=teams.values("id")),
        today=today,
        caseworkers=User.objects.caseworkers(teams=teams),
    )

    def write(data: dict[str, Any]) -> tuple[list[Client], list[Client]]:
        moved, skipped = hand_over_clients(
            clients=form.clients(),
            caseworker=data["caseworker"],
            on=today,
            handover_note=data["handover_note"],
            by=user,
        )
        note_reads(request, skipped[:NAMED])  # named in the message
        return moved, skipped

    form, answer = submit(
        request,
        form,
        write,
        done=lambda result: handed_over_message(form.cleaned_data["caseworker"], *result),
        then=_back_to(form),
    )
    return answer or _refused(request, form, "handover")


def handed_over_message(caseworker: User, moved: list[Client], skipped: list[Client]) -> str:
    parts = [
        ngettext(
            "%(count)d cliënt overgedragen aan %(name)s.",
            "%(count)d cliënten overgedragen aan %(name)s.",
            len(moved),
        )
        % {"count": len(moved), "name": caseworker}
    ]
    if skipped:
        parts.append(
            _("Overgeslagen, %(name)s is al de vaste contactpersoon: %(clients)s.")
            % {"name": caseworker, "clients": named(skipped)}
        )
    return " ".join(parts)


def _back_to(form: SelectionForm) -> Callable[[], HttpResponse]:
    return lambda: redirect(form.back())
