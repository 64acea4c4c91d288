"""The work queue: the caseworker's start page (and, for a team manager, any caseworker's of
their teams), with the quick actions that are done in place."""

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any, cast

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.models import User
from casework.forms import DismissSignalForm, MovePlanForm
from casework.referral_forms import QueueFollowUpForm
from casework.work_queue import Item, Kind, queue_owners, queue_owners_by_name, queue_scope
from clients.models import Client
from clients.permissions import may_edit_client_files
from common.exceptions import EditConflict
from common.forms import id_from, report_refusals, submit
from common.fragments import written
from common.reads import note_reads
from interventions.models import Agreement, Conversation
from interventions.services.conversations import change_conversation
from interventions.services.work_plans import set_agreement_status
from referrals.models import Referral
from referrals.services import record_follow_up
from signals.models import Signal
from signals.permissions import may_dismiss_signal
from signals.services import dismiss_signal

from .kept import kept_page

WEEK = timedelta(days=6)
# A group shows this many tasks, the rest on request (`?alle=<group>`): a page of hundreds of
# old tasks helps nobody start the day, and costs every morning to render.
SHOWN = 25


def chosen_caseworker(request: HttpRequest) -> User:
    """The caseworker whose queue or agenda is asked for (`?caseworker=`): the user, or for a
    team manager one of their teams' caseworkers; anyone else is not found."""
    viewer = cast(User, request.user)
    if not may_edit_client_files(viewer):
        raise PermissionDenied(_("De werkvoorraad is er voor casemanagers en teammanagers."))
    wanted = request.GET.get("caseworker") or request.POST.get("caseworker")
    if not wanted:
        return viewer
    wanted_id = id_from(wanted)
    if wanted_id is None:
        raise Http404
    return get_object_or_404(queue_owners(viewer), pk=wanted_id)


def _groups(items: list[Item], today: date) -> list[tuple[str, str, list[Item]]]:
    """Overdue (most pressing kind first: missed conversations, signals, …), today, the week."""
    order = list(Kind.values)
    overdue = sorted(
        (i for i in items if i.due_on < today), key=lambda i: (order.index(i.kind), i.due_on)
    )
    return [
        ("achterstallig", _("Achterstallig"), overdue),
        ("vandaag", _("Vandaag"), [i for i in items if i.due_on == today]),
        ("deze-week", _("Deze week"), [i for i in items if i.due_on > today]),
    ]


@login_required
def work_queue_page(request: HttpRequest) -> HttpResponse:
    """Overdue, today and the coming week, each item one click from its action."""
    return _render(request)


def _render(request: HttpRequest) -> HttpResponse:
    viewer = cast(User, request.user)
    caseworker = chosen_caseworker(request)
    today = timezone.localdate()
    everything = request.GET.get("alle", "")  # the one group to show in full
    # Whose queue the viewer may open: named in the page, and so in its key.
    colleagues = queue_owners_by_name(viewer)

    def build(items: list[Item]) -> tuple[str, list[int]]:
        shown = [
            (key, title, found if everything == key else found[:SHOWN], len(found))
            for key, title, found in _groups(items, today)
        ]
        context = {
            "caseworker": caseworker,
            "colleagues": colleagues,
            "groups": shown,
            "count": len(items),
            "today": today,
            "week_end": today + WEEK,
            "may_edit": may_edit_client_files(viewer),
            "referral_statuses": Referral.Status.choices,
        }
        html = written(request, "casework/work_queue.html", context)
        return html, [item.client_id for *_, found, _total in shown for item in found]

    scope = queue_scope(caseworker=caseworker, viewer=viewer, start=today, end=today + WEEK)
    names = ",".join(f"{person.pk}:{person}" for person in colleagues)
    page, client_ids = kept_page(
        request,
        scope.clients if scope else None,  # None: a viewer who may see no clients, not kept
        f"{scope.key}|{everything}|{names}" if scope else "",
        lambda: build(scope.items() if scope else []),
    )
    note_reads(request, client_ids)
    return page


def _back(request: HttpRequest) -> HttpResponse:
    """Back to the queue: in place for htmx, else by redirect (keeping the chosen caseworker).
    An action taken on the client file (`back` names the file's path) goes back there."""
    back = request.POST.get("back", "")
    if back.startswith("/clienten/") and url_has_allowed_host_and_scheme(back, allowed_hosts=None):
        return redirect(back)
    url = reverse("work_queue")
    caseworker = id_from(request.POST.get("caseworker", ""))
    if caseworker is not None:
        url += f"?caseworker={caseworker}"
    if request.htmx:  # type: ignore[attr-defined]
        return _render(request)  # the chosen caseworker comes with the POST
    return redirect(url)


def _editor(request: HttpRequest) -> User:
    user = cast(User, request.user)
    if not may_edit_client_files(user):
        raise PermissionDenied(_("Uw rol mag dossiers inzien, niet wijzigen."))
    return user


def _act(
    request: HttpRequest, form: forms.Form, write: Callable[[dict[str, Any]], object], done: str
) -> HttpResponse:
    """A quick action through its service; a refusal shows above the queue."""
    _form, answer = submit(request, form, write, done=done, then=lambda: _back(request))
    if answer is None:
        report_refusals(request, form)
        return _back(request)
    return answer


def _still_planned(plan: Conversation) -> None:
    if plan.status != Conversation.Status.PLANNED:
        raise ValidationError(_("Dit gesprek is intussen al vastgelegd."))


@login_required
@require_POST
def plan_no_show(request: HttpRequest, pk: int) -> HttpResponse:
    """The client did not come: the planned conversation is recorded as a no-show on its day."""
    user = _editor(request)
    plan = get_object_or_404(Conversation.objects.visible_to(user), pk=pk)

    def write(_data: dict[str, Any]) -> None:
        change_conversation(
            conversation=plan, changes={"status": Conversation.Status.NO_SHOW}, by=user
        )

    return _act(
        request, forms.Form(request.POST), write, _("Vastgelegd: de cliënt is niet verschenen.")
    )


@login_required
@require_POST
def plan_move(request: HttpRequest, pk: int) -> HttpResponse:
    """Move a planned conversation to another day; the history keeps the old date."""
    user = _editor(request)
    plan = get_object_or_404(Conversation.objects.visible_to(user), pk=pk)

    def write(data: dict[str, Any]) -> None:
        _still_planned(plan)  # a recorded one is corrected on the file, not moved from here
        change_conversation(conversation=plan, changes={"held_on": data["on"]}, by=user)

    return _act(request, MovePlanForm(request.POST), write, _("Het gesprek is verzet."))


@login_required
@require_POST
def signal_dismiss(request: HttpRequest, pk: int) -> HttpResponse:
    """Set a signal aside for a reason, from the queue."""
    user = _editor(request)
    signal = get_object_or_404(Signal.objects.visible_to(user), pk=pk)
    if not may_dismiss_signal(user, signal):
        raise PermissionDenied(_("Alleen het team van de cliënt legt signalen terzijde."))

    def write(data: dict[str, Any]) -> None:
        if signal.status != Signal.Status.OPEN:
            raise ValidationError(_("Dit signaal is intussen al opgelost of terzijde gelegd."))
        dismiss_signal(signal=signal, by=user, **data)

    return _act(
        request, DismissSignalForm(request.POST), write, _("Het signaal is terzijde gelegd.")
    )


@login_required
@require_POST
def agreement_done(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark an agreement that is due as done."""
    user = _editor(request)
    agreement = get_object_or_404(
        Agreement.objects.filter(work_plan__client__in=Client.objects.visible_to(user)), pk=pk
    )

    def write(_data: dict[str, Any]) -> None:
        try:
            set_agreement_status(
                agreement=agreement,
                status=Agreement.Status.DONE,
                expected_status=Agreement.Status.OPEN,
                by=user,
            )
        except EditConflict as conflict:  # done or cancelled meanwhile: nothing to undo
            raise ValidationError(str(conflict)) from conflict

    return _act(request, forms.Form(request.POST), write, _("De afspraak is afgerond."))


@login_required
@require_POST
def referral_follow_up(request: HttpRequest, pk: int) -> HttpResponse:
    """Record a referral's follow-up: its status now and, while it runs, the next date."""
    user = _editor(request)
    referral = get_object_or_404(Referral.objects.visible_to(user), pk=pk)

    def write(data: dict[str, Any]) -> None:
        record_follow_up(referral=referral, by=user, **data)

    return _act(request, QueueFollowUpForm(request.POST), write, _("De verwijzing is nagegaan."))
