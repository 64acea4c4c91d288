"""Search in conversation reports, within the files the user may see."""

from typing import cast

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from accounts.models import User
from casework.forms import ReportSearchForm
from common.reads import note_reads
from interventions.models import Conversation
from interventions.search import search_reports

PER_PAGE = 25


@login_required
def report_search(request: HttpRequest) -> HttpResponse:
    """Every conversation in scope whose report matches, best match first; each client shown
    is a logged read."""
    user = cast(User, request.user)
    form = ReportSearchForm(request.GET or None)
    page = None
    if form.is_valid():
        scope = Conversation.objects.visible_to(user).select_related("client", "caseworker")
        found = search_reports(scope, form.cleaned_data["q"])
        page = Paginator(found, PER_PAGE).get_page(request.GET.get("page"))
        note_reads(request, page)
    return render(request, "casework/report_search.html", {"form": form, "page": page})
