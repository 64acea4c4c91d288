"""The agenda: a caseworker's conversations by day for a week, and the secret calendar
address that brings the planned ones into Outlook."""

from datetime import date, timedelta
from typing import cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from access.calendar_feeds import (
    active_calendar_feed,
    create_calendar_feed,
    feed_owner,
    revoke_calendar_feed,
)
from accounts.models import User
from casework.agenda import calendar_feed, monday_of, week
from casework.work_queue import queue_owners_by_name
from clients.permissions import may_edit_client_files
from common.reads import note_reads

from .work_queue import chosen_caseworker


def _monday(request: HttpRequest) -> date:
    """The week asked for (`?week=` any day in it), else this week; a malformed date says so."""
    asked = request.GET.get("week", "")
    try:
        return monday_of(date.fromisoformat(asked)) if asked else monday_of(timezone.localdate())
    except ValueError:
        messages.error(request, _("Geen geldige datum; u ziet deze week."))
        return monday_of(timezone.localdate())


@login_required
def agenda_page(request: HttpRequest, new_feed_url: str = "") -> HttpResponse:
    viewer = cast(User, request.user)
    caseworker = chosen_caseworker(request)
    monday = _monday(request)
    days = week(caseworker=caseworker, viewer=viewer, monday=monday)
    note_reads(request, [c.client_id for day in days for c in day.conversations])
    return render(
        request,
        "casework/agenda.html",
        {
            "caseworker": caseworker,
            "colleagues": queue_owners_by_name(viewer),
            "days": days,
            "monday": monday,
            "sunday": monday + timedelta(days=6),
            "previous": monday - timedelta(days=7),
            "next": monday + timedelta(days=7),
            "today": timezone.localdate(),
            "feed": active_calendar_feed(viewer),
            "new_feed_url": new_feed_url,
        },
    )


@login_required
@require_POST
def feed_create(request: HttpRequest) -> HttpResponse:
    """A new secret address, shown this once (only its digest is kept)."""
    user = cast(User, request.user)
    if not may_edit_client_files(user):
        raise PermissionDenied(_("Een agenda-adres is er voor casemanagers en teammanagers."))
    secret = create_calendar_feed(user=user)
    url = request.build_absolute_uri(reverse("calendar_feed", args=[secret]))
    messages.success(request, _("Uw agenda-adres is gemaakt. Een eerder adres werkt niet meer."))
    return agenda_page(request, new_feed_url=url)


@login_required
@require_POST
def feed_revoke(request: HttpRequest) -> HttpResponse:
    if revoke_calendar_feed(user=cast(User, request.user)):
        messages.success(request, _("Uw agenda-adres is ingetrokken; het werkt niet meer."))
    return redirect("agenda")


@require_GET
def feed(request: HttpRequest, secret: str) -> HttpResponse:
    """The calendar program's read: no sign-in, the secret is the key. Unknown, revoked or of
    a user who no longer keeps files: 404, the same for each."""
    owner = feed_owner(secret)
    if owner is None or not may_edit_client_files(owner):
        raise Http404
    file_url = request.build_absolute_uri(reverse("caseload")) + "{id}/"
    body = calendar_feed(caseworker=owner, file_url=file_url)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="wajong-gesprekken.ics"'
    return response
