"""Team managers hand a selection of their teams' clients over to another caseworker."""

from typing import cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django.views.decorators.http import require_http_methods

from accounts.models import Team, User
from casework.forms import HandoverFilterForm, HandoverForm
from casework.selectors import caseload
from clients.models import Client
from clients.permissions import handover_teams, may_hand_over
from clients.services import hand_over_clients
from common.forms import add_service_errors, ids_from
from common.reads import note_reads

from .caseload import PER_PAGE


@login_required
@require_http_methods(["GET", "POST"])
def handover(request: HttpRequest) -> HttpResponse:
    """Team managers hand a selection of their teams' clients over to another caseworker.

    All or nothing: one refusal (e.g. the caseworker does not work in a client's team) undoes
    the whole handover and names the client; a client already with that caseworker is skipped.
    `?client=<pk>` shows and preselects just that client (the link on the client file).
    """
    user = cast(User, request.user)
    if not may_hand_over(user):
        raise PermissionDenied
    teams = handover_teams(user)
    caseworkers = User.objects.caseworkers(teams=teams)
    in_scope = Client.objects.visible_to(user).filter(team__in=teams.values("id"))
    form = HandoverForm(
        request.POST or None,
        clients=in_scope.select_related("team", "caseworker").order_by("last_name", "id"),
        caseworkers=caseworkers,
    )
    if request.method == "POST" and form.is_valid() and _hand_over(request, form):
        return redirect("handover")
    return _handover_page(request, form, teams, caseworkers)


def _hand_over(request: HttpRequest, form: HandoverForm) -> bool:
    """Hand the chosen clients over; say what moved and what was skipped. False: refused,
    with the reasons on the form."""
    data = form.cleaned_data
    try:
        moved, skipped = hand_over_clients(
            clients=list(data["clients"]),
            caseworker=data["caseworker"],
            on=timezone.localdate(),
            handover_note=data["handover_note"],
            by=cast(User, request.user),
        )
    except ValidationError as error:
        add_service_errors(form, error)
        return False
    name = data["caseworker"]
    if moved:
        messages.success(
            request,
            ngettext(
                "%(count)d cliënt overgedragen aan %(name)s.",
                "%(count)d cliënten overgedragen aan %(name)s.",
                len(moved),
            )
            % {"count": len(moved), "name": name},
        )
    if skipped:
        messages.warning(
            request,
            gettext("Overgeslagen, %(name)s is al de vaste contactpersoon: %(clients)s.")
            % {"name": name, "clients": ", ".join(str(client) for client in skipped)},
        )
    return True


def _handover_page(
    request: HttpRequest, form: HandoverForm, teams: QuerySet[Team], caseworkers: QuerySet[User]
) -> HttpResponse:
    """The teams' clients to choose from, filtered by their current caseworker or to the
    clients named in `?client=`."""
    user = cast(User, request.user)
    filters = HandoverFilterForm(request.GET or None, caseworkers=caseworkers)
    current = filters.cleaned_data.get("current") if filters.is_valid() else None
    only = ids_from(request.GET.getlist("client"))
    clients = caseload(user=user, today=timezone.localdate(), whole_team=True)
    clients = clients.filter(team__in=teams.values("id"))
    if current is not None:
        clients = clients.filter(caseworker=current)
    if only:
        clients = clients.filter(pk__in=only)
    page = Paginator(clients.order_by("last_name", "first_name", "id"), PER_PAGE).get_page(
        request.GET.get("page")
    )
    selected = ids_from(request.POST.getlist("clients")) if form.is_bound else only
    note_reads(request, page)
    return render(
        request,
        "clients/handover.html",
        {"form": form, "filters": filters, "page": page, "selected": selected, "only": only},
    )
