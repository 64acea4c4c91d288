"""The work plan: its versions with their agreements, a new version, and agreeing it."""

from typing import cast

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import BaseFormSet, Form
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from casework.forms import ReopenAgreementForm
from clients.models import Client
from common.exceptions import EditConflict
from common.forms import add_service_errors, form_after_conflict, submit
from interventions.forms import AgreeForm, AgreementRows, WorkPlanForm, rows_as_typed_and_one_more
from interventions.models import Agreement, WorkPlan
from interventions.services.work_plans import (
    REOPENABLE,
    agree_work_plan,
    create_work_plan_version,
    reopen_agreement,
)

from .base import file_view, may_edit, reloaded, render_client_file


def _new_version_forms(
    current: WorkPlan | None, plans: list[WorkPlan]
) -> tuple[WorkPlanForm, BaseFormSet]:
    """The form for a new version, filled from the current one and its open agreements."""
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
    return plan_form, rows


def _work_plan_page(
    request: HttpRequest,
    client: Client,
    plan_form: WorkPlanForm | None = None,
    rows: BaseFormSet | None = None,
    agree_form: AgreeForm | None = None,
    refused: Form | None = None,
) -> HttpResponse:
    plans = list(client.workplans.prefetch_related("agreements").order_by("-version"))
    current = next((p for p in plans if p.status != WorkPlan.Status.SUPERSEDED), None)
    if plan_form is None:
        plan_form, rows = _new_version_forms(current, plans)
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
            "editable": may_edit(request),
            "refused_form": refused,
        },
    )


@file_view(methods=["GET", "POST"])
def work_plan(request: HttpRequest, client: Client) -> HttpResponse:
    """The current work plan, its earlier versions, and a new version made from the current."""
    if request.method != "POST":
        return _work_plan_page(request, client)
    if "add_row" in request.POST:  # one more row; nothing is checked or saved yet
        typed = WorkPlanForm(initial={k: request.POST.get(k, "") for k in WorkPlanForm.base_fields})
        return _work_plan_page(request, client, typed, rows_as_typed_and_one_more(request.POST))
    rows = AgreementRows(request.POST, prefix="rows")

    def write(data: dict) -> None:
        agreements = [
            {"description": r["description"], "owner": r["owner"], "due_on": r["due_on"]}
            for r in rows.cleaned_data
            if r.get("description")
        ]
        create_work_plan_version(
            client=client,
            goal=data["goal"],
            agreements=agreements,
            carry_over_open_agreements=False,  # the form showed them; what is kept stays
            based_on_version=data["based_on"],
            change_reason=data["change_reason"],
            by=cast(User, request.user),
        )

    plan_form = WorkPlanForm(request.POST)
    if not rows.is_valid():
        plan_form.is_valid()  # its own errors show too; nothing is written
        return _work_plan_page(request, client, plan_form=plan_form, rows=rows)
    plan_form, done = submit(
        request,
        plan_form,
        write,
        done=_("De nieuwe versie van het werkplan is opgeslagen."),
        then=reverse("work_plan", args=[client.pk]),
        again=WorkPlanForm,
        version_field="based_on",
    )
    return done or _work_plan_page(request, client, plan_form=plan_form, rows=rows)


@file_view(methods=["POST"])
def agree_plan(request: HttpRequest, client: Client) -> HttpResponse:
    """Record that the current plan was agreed with the client."""
    current = client.workplans.exclude(status=WorkPlan.Status.SUPERSEDED).first()
    form = AgreeForm(request.POST)
    if current is None:
        form.is_valid()
        return _work_plan_page(request, client, agree_form=form)
    form, done = submit(
        request,
        form,
        lambda data: agree_work_plan(
            work_plan=current,
            agreed_on=data["agreed_on"],
            change_reason=data["change_reason"],
            by=cast(User, request.user),
        ),
        done=_("Het werkplan is als afgesproken vastgelegd."),
        then=reverse("work_plan", args=[client.pk]),
    )
    return done or _work_plan_page(request, client, agree_form=form)


@file_view(methods=["POST"])
def reopen(request: HttpRequest, client: Client, agreement_id: int) -> HttpResponse:
    """Open a done or cancelled agreement of the current plan again, with a reason; from the
    client file (in place with htmx) or the work plan page (`page=plan`), back to where it was
    asked. A refused form comes back open on that page with what was typed."""
    agreement = get_object_or_404(
        Agreement.objects.select_related("work_plan"), pk=agreement_id, work_plan__client=client
    )
    on_plan = request.POST.get("page") == "plan"
    form = ReopenAgreementForm.posted(agreement, request.POST)
    shown: Form | None = form
    if form.is_valid():
        try:
            reopen_agreement(
                agreement=agreement,
                change_reason=form.cleaned_data["change_reason"],
                expected_status=form.cleaned_data["seen_status"],
                by=cast(User, request.user),
            )
        except EditConflict as conflict:
            shown = _after_conflict(request, agreement, conflict)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("De afspraak is heropend."))
            return _back_from_reopening(request, client, on_plan)
    if on_plan:
        return _work_plan_page(request, client, refused=shown)
    return render_client_file(request, client, refused=shown)


def _after_conflict(
    request: HttpRequest, agreement: Agreement, conflict: EditConflict
) -> Form | None:
    """Someone changed the agreement meanwhile: while it can still be reopened, its form again
    with the reason typed and the status it has now; otherwise only the message."""
    agreement.refresh_from_db(fields=["status"])
    if agreement.status not in REOPENABLE:
        messages.error(request, str(conflict))
        return None

    def seeing_now(data: QueryDict) -> ReopenAgreementForm:
        data[f"{ReopenAgreementForm.prefix_for(agreement)}-seen_status"] = agreement.status
        return ReopenAgreementForm.posted(agreement, data)

    return form_after_conflict(conflict, request.POST, seeing_now)


def _back_from_reopening(request: HttpRequest, client: Client, on_plan: bool) -> HttpResponse:
    if on_plan:
        return redirect("work_plan", pk=client.pk)
    if request.htmx:  # type: ignore[attr-defined]
        return render_client_file(request, reloaded(request, client))
    return redirect("client_detail", pk=client.pk)
