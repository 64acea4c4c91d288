"""The caseworker's in-app messages (meldingen): the daily digest of new signals."""

from typing import cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.models import User

from .models import Notification
from .services import mark_notifications_read

PER_PAGE = 50


@login_required
def notification_list(request: HttpRequest) -> HttpResponse:
    """The signed-in user's own notifications, newest first."""
    user = cast(User, request.user)  # login_required
    notifications = Notification.objects.filter(recipient=user).order_by("-day", "-id")
    page = Paginator(notifications, PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "signals/notifications.html", {"page": page})


@login_required
@require_POST
def mark_all_read(request: HttpRequest) -> HttpResponseRedirect:
    """Mark every unread notification of the user read, then go back where the form was."""
    count = mark_notifications_read(user=cast(User, request.user))
    if count:
        messages.success(request, _("Alle meldingen zijn als gelezen gemarkeerd."))
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = "notifications"
    return redirect(target)
