"""Caseworker forms on the client file: conversation log, work plan and trajectories."""

from typing import cast

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accounts.models import User
from casework.views.clients import render_client_file, visible_client
from clients.permissions import may_edit_client_files
from common.exceptions import EditConflict
from common.forms import add_service_errors, form_after_conflict
from common.reads import Read, note_reads
from interventions.forms import (
    SERVICE_FIELDS,
    AgreeForm,
    AgreementRows,
    CloseForm,
    ContactForm,
    PauseForm,
    PurchaseForm,
    ResumeForm,
    TrajectoryActionForm,
    WorkPlanForm,
)
from interventions.models import Agreement, Conversation, WorkPlan
from interventions.services.conversations import record_contact
from interventions.services.trajectories import change_trajectory_status, purchase_trajectory
from interventions.services.work_plans import (
    agree_work_plan,
    create_work_plan_version,
    set_agreement_status,
)


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
            form = form_after_conflict(
                conflict, request.POST, lambda data: ContactForm(data, client=client)
            )
        except ValidationError as error:
            add_service_errors(form, error, SERVICE_FIELDS)
        else:
            messages.success(request, _("Het gesprek is vastgelegd."))
            if not request.htmx:  # type: ignore[attr-defined]
                return redirect("client_detail", pk=client.pk)
            return render_client_file(request, visible_client(request, pk))
    return render_client_file(request, client, contact_form=form)


def _work_plan_page(
    request: HttpRequest, client, plan_form=None, rows=None, agree_form=None
) -> HttpResponse:
    note_reads(request, [client], Read.VIEW)
    plans = list(client.workplans.prefetch_related("agreements").order_by("-version"))
    current = next((p for p in plans if p.status != WorkPlan.Status.SUPERSEDED), None)
    if plan_form is None:
        plan_form = WorkPlanForm(
            initial={
                "goal": current.goal if current else "",
                "based_on": plans[0].version if plans else 0,
            }
        )
        rows = AgreementRows(
            prefix="rows",
            initial=[
                {"description": a.description, "owner": a.owner, "due_on": a.due_on}
                for a in (current.agreements.all() if current else [])
                if a.status == a.Status.OPEN
            ],
        )
    return render(
        request,
        "interventions/work_plan.html",
        {
            "client": client,
            "current": current,
            "earlier": [p for p in plans if p is not current],
            "plan_form": plan_form,
            "rows": rows,
            "agree_form": agree_form or AgreeForm(initial={"agreed_on": timezone.localdate()}),
            "editable": may_edit_client_files(cast(User, request.user)),
        },
    )


@login_required
def work_plan(request: HttpRequest, pk: int) -> HttpResponse:
    """The current work plan, its earlier versions, and a new version made from the current."""
    client = visible_client(request, pk)
    if request.method != "POST":
        return _work_plan_page(request, client)
    user = cast(User, request.user)
    if not may_edit_client_files(user):
        raise PermissionDenied
    plan_form = WorkPlanForm(request.POST)
    rows = AgreementRows(request.POST, prefix="rows")
    if plan_form.is_valid() and rows.is_valid():
        agreements = [
            {"description": r["description"], "owner": r["owner"], "due_on": r["due_on"]}
            for r in rows.cleaned_data
            if r.get("description")
        ]
        try:
            create_work_plan_version(
                client=client,
                goal=plan_form.cleaned_data["goal"],
                agreements=agreements,
                carry_over_open_agreements=False,  # the form showed them; what is kept stays
                based_on_version=plan_form.cleaned_data["based_on"],
                change_reason=plan_form.cleaned_data["change_reason"],
                by=user,
            )
        except EditConflict as conflict:
            plan_form = form_after_conflict(
                conflict, request.POST, WorkPlanForm, version_field="based_on"
            )
        except ValidationError as error:
            add_service_errors(plan_form, error)
        else:
            messages.success(request, _("De nieuwe versie van het werkplan is opgeslagen."))
            return redirect("work_plan", pk=client.pk)
    return _work_plan_page(request, client, plan_form=plan_form, rows=rows)


@login_required
@require_POST
def agree_plan(request: HttpRequest, pk: int) -> HttpResponse:
    """Record that the current plan was agreed with the client."""
    client = visible_client(request, pk)
    user = cast(User, request.user)
    if not may_edit_client_files(user):
        raise PermissionDenied
    current = client.workplans.exclude(status=WorkPlan.Status.SUPERSEDED).first()
    form = AgreeForm(request.POST)
    if current is not None and form.is_valid():
        try:
            agree_work_plan(
                work_plan=current,
                agreed_on=form.cleaned_data["agreed_on"],
                change_reason=form.cleaned_data["change_reason"],
                by=user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Het werkplan is als afgesproken vastgelegd."))
            return redirect("work_plan", pk=client.pk)
    return _work_plan_page(request, client, agree_form=form)


# The trajectory screen's actions (in its URLs) and their forms.
TRAJECTORY_ACTIONS: dict[str, type[TrajectoryActionForm]] = {
    "pause": PauseForm,
    "resume": ResumeForm,
    "close": CloseForm,
}


def _trajectories_page(request: HttpRequest, client, purchase_form=None, failed=None):
    """`failed`: (trajectory id, action, bound form) to show again with its errors."""
    note_reads(request, [client], Read.VIEW)
    today = timezone.localdate()
    trajectories = list(
        client.trajectories.select_related("service_type", "provider").prefetch_related("pauses")
    )
    action_forms = {}
    for trajectory in trajectories:
        for action, form_class in TRAJECTORY_ACTIONS.items():
            initial = {
                "from_date": today,
                "on": today,
                "ended_on": today,
                "seen_status": trajectory.status,
            }
            action_forms[(trajectory.pk, action)] = form_class(
                initial=initial, prefix=f"{action}-{trajectory.pk}"
            )
    if failed:
        action_forms[(failed[0], failed[1])] = failed[2]
    rows = [
        {
            "trajectory": t,
            "pause": action_forms[(t.pk, "pause")] if t.status == "running" else None,
            "resume": action_forms[(t.pk, "resume")] if t.status == "paused" else None,
            "close": action_forms[(t.pk, "close")]
            if t.status in ("requested", "running", "paused")
            else None,
        }
        for t in trajectories
    ]
    return render(
        request,
        "interventions/trajectories.html",
        {
            "client": client,
            "rows": rows,
            "purchase_form": purchase_form or PurchaseForm(client=client),
            "editable": may_edit_client_files(cast(User, request.user)),
        },
    )


@login_required
def trajectories(request: HttpRequest, pk: int) -> HttpResponse:
    """The client's trajectories and the purchase form."""
    client = visible_client(request, pk)
    if request.method != "POST":
        return _trajectories_page(request, client)
    user = cast(User, request.user)
    if not may_edit_client_files(user):
        raise PermissionDenied
    form = PurchaseForm(request.POST, client=client)
    if form.is_valid():
        try:
            purchase_trajectory(client=client, by=user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Het traject is ingekocht."))
            return redirect("trajectories", pk=client.pk)
    return _trajectories_page(request, client, purchase_form=form)


@login_required
@require_POST
def trajectory_action(request: HttpRequest, pk: int, trajectory_id: int, action: str):
    """Pause, resume or close one trajectory of the client."""
    client = visible_client(request, pk)
    user = cast(User, request.user)
    if not may_edit_client_files(user) or action not in TRAJECTORY_ACTIONS:
        raise PermissionDenied
    trajectory = get_object_or_404(client.trajectories, pk=trajectory_id)
    form_class = TRAJECTORY_ACTIONS[action]
    form = form_class(request.POST, prefix=f"{action}-{trajectory.pk}")
    if form.is_valid():
        try:
            change_trajectory_status(trajectory=trajectory, by=user, **form.status_change())
        except EditConflict as conflict:
            # The page shows the trajectory as it is now; where the action still applies, its
            # form keeps what was typed.
            trajectory.refresh_from_db(fields=["status"])
            data = request.POST.copy()
            data[form.add_prefix("seen_status")] = trajectory.status
            form = form_class(data, prefix=f"{action}-{trajectory.pk}")
            messages.error(request, str(conflict))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Het traject is bijgewerkt."))
            return redirect("trajectories", pk=client.pk)
    return _trajectories_page(request, client, failed=(trajectory.pk, action, form))


@login_required
@require_POST
def agreement_status(request: HttpRequest, pk: int, agreement_id: int) -> HttpResponse:
    """One click on the client file: mark an open agreement done or cancelled."""
    client = visible_client(request, pk)
    user = cast(User, request.user)
    if not may_edit_client_files(user):
        raise PermissionDenied
    agreement = get_object_or_404(
        Agreement.objects.select_related("work_plan"), pk=agreement_id, work_plan__client=client
    )
    try:
        set_agreement_status(
            agreement=agreement,
            status=request.POST.get("status", ""),
            expected_status=Agreement.Status.OPEN,  # the buttons are offered on open ones only
            by=user,
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


class ConversationExportForm(forms.Form):
    client = forms.IntegerField(required=False, min_value=1)
    since = forms.DateField(required=False)
    until = forms.DateField(required=False)


@login_required
@require_GET
def export_conversations(request: HttpRequest, kind: str) -> HttpResponse:
    """Conversations with the clients the user may see (`?client=`, `?since=`, `?until=`), as
    CSV or XLSX; every client in it is a logged read."""
    from common.tables import EXPORT_TYPES, Column, Table, download

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
    rows = list(conversations[:50_000])
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
    note_reads(request, rows, Read.EXPORT)
    return download(table, kind, "gesprekken")
