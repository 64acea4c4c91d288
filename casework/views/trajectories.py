"""Trajectories bought for the client: the list, the purchase, and starting, pausing, resuming
or closing one."""

from typing import cast

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from clients.models import Client
from common.exceptions import EditConflict
from common.forms import add_service_errors, submit
from interventions.models import Trajectory
from interventions.services.trajectories import change_trajectory_status, purchase_trajectory
from interventions.trajectory_forms import (
    CloseForm,
    PauseForm,
    PurchaseForm,
    ResumeForm,
    StartForm,
    TrajectoryActionForm,
)

from .base import file_view, may_edit

# The trajectory screen's actions (in its URLs) and their forms.
TRAJECTORY_ACTIONS: dict[str, type[TrajectoryActionForm]] = {
    "start": StartForm,
    "pause": PauseForm,
    "resume": ResumeForm,
    "close": CloseForm,
}
# A refused action to show again: (trajectory id, action, the bound form with its errors).
Failed = tuple[int, str, forms.Form]
# Which actions a trajectory in each status offers.
OFFERED = {
    "running": ("pause", "close"),
    "paused": ("resume", "close"),
    "requested": ("start", "close"),
}


def _action_forms(trajectory: Trajectory, failed: Failed | None) -> dict[str, forms.Form]:
    """The forms of the actions this trajectory offers now; `failed` replaces its own."""
    today = timezone.localdate()
    initial = {"started_on": today, "from_date": today, "on": today, "ended_on": today}
    shown: dict[str, forms.Form] = {}
    for action in OFFERED.get(trajectory.status, ()):
        if failed and failed[:2] == (trajectory.pk, action):
            shown[action] = failed[2]
            continue
        form_class = TRAJECTORY_ACTIONS[action]
        shown[action] = form_class(
            initial={**initial, "seen_status": trajectory.status},
            prefix=f"{action}-{trajectory.pk}",
        )
    return shown


def _trajectories_page(
    request: HttpRequest,
    client: Client,
    purchase_form: PurchaseForm | None = None,
    failed: Failed | None = None,
) -> HttpResponse:
    """`failed`: (trajectory id, action, bound form) to show again with its errors."""
    trajectories = client.trajectories.select_related("service_type", "provider")
    rows = [
        {"trajectory": t, **{a: None for a in TRAJECTORY_ACTIONS}, **_action_forms(t, failed)}
        for t in trajectories.prefetch_related("pauses")
    ]
    return render(
        request,
        "interventions/trajectories.html",
        {
            "client": client,
            "rows": rows,
            "purchase_form": purchase_form or PurchaseForm(client=client),
            "editable": may_edit(request),
        },
    )


@file_view(methods=["GET", "POST"])
def trajectories(request: HttpRequest, client: Client) -> HttpResponse:
    """The client's trajectories and the purchase form."""
    if request.method != "POST":
        return _trajectories_page(request, client)
    form, done = submit(
        request,
        PurchaseForm(request.POST, client=client),
        lambda data: purchase_trajectory(client=client, by=cast(User, request.user), **data),
        done=_("Het traject is ingekocht."),
        then=reverse("trajectories", args=[client.pk]),
    )
    return done or _trajectories_page(request, client, purchase_form=form)


@file_view(methods=["POST"])
def trajectory_action(
    request: HttpRequest, client: Client, trajectory_id: int, action: str
) -> HttpResponse:
    """Start, pause, resume or close one trajectory of the client."""
    if action not in TRAJECTORY_ACTIONS:
        raise PermissionDenied
    trajectory = get_object_or_404(client.trajectories, pk=trajectory_id)
    form_class = TRAJECTORY_ACTIONS[action]
    form = form_class(request.POST, prefix=f"{action}-{trajectory.pk}")
    if form.is_valid():
        try:
            change_trajectory_status(
                trajectory=trajectory, by=cast(User, request.user), **form.status_change()
            )
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
