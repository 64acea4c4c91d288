"""Functional administrators import clients from a CSV file."""

from typing import cast

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from accounts.models import User
from casework.forms import ImportForm
from casework.import_rows import COLUMNS
from casework.importer import import_clients
from clients.permissions import may_manage_catalogues


@login_required
@require_http_methods(["GET", "POST"])
def import_page(request: HttpRequest) -> HttpResponse:
    """Functional administrators upload a CSV of clients: checked first, written all or
    nothing; the report names every bad row."""
    user = cast(User, request.user)
    if not may_manage_catalogues(user):
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        result = import_clients(
            upload.read(),
            filename=upload.name,
            by=user,
            dry_run=form.cleaned_data["dry_run"],
        )
    return render(
        request,
        "clients/import.html",
        {"form": form, "result": result, "columns": sorted(set(COLUMNS) - set(COLUMNS.values()))},
    )
