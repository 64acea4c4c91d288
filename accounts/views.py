from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from .selectors import roles_of


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """The start page; each role gets its own screen as the UI grows (issue 4)."""
    return render(request, "home.html", {"roles": roles_of(request.user)})
