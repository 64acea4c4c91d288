from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from accounts.roles import Role
from accounts.selectors import roles_of


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Each role's start: managers their team dashboard, auditors the list of all clients to
    search in, caseworkers their work queue."""
    roles = roles_of(request.user)
    if Role.TEAM_MANAGER in roles:
        return redirect("dashboard")
    if Role.AUDITOR in roles:
        return redirect("/clienten/?team=on")
    if Role.CASEWORKER in roles:
        return redirect("work_queue")
    return render(request, "home.html", {"roles": roles})
