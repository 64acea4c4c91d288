"""The quick forms for referrals on the client file: refer the client to the social map, and
record a referral's follow-up (its status and the next date). The referral services write."""

from typing import cast

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.models import User
from clients.models import Client
from common.forms import submit
from referrals.models import Referral
from referrals.services import record_follow_up, refer_client

from ..referral_forms import ReferralFollowUpForm, ReferralForm
from .base import file_view

EDITS = ["GET", "POST"]
ANCHOR = "doorverwijzingen"


def _on_file(client: Client) -> str:
    return reverse("client_detail", args=[client.pk]) + f"#{ANCHOR}"


@file_view(methods=EDITS, edits=EDITS)
def record_referral(request: HttpRequest, client: Client) -> HttpResponse:
    form, done = submit(
        request,
        ReferralForm(request.POST or None, client=client),
        lambda data: refer_client(client=client, by=cast(User, request.user), **data),
        done=_("De doorverwijzing is vastgelegd."),
        then=_on_file(client),
    )
    context = {"title": _("Doorverwijzen"), "button": _("Doorverwijzing opslaan")}
    return done or _page(request, client, form, context)


@file_view(methods=EDITS, edits=EDITS)
def follow_up_referral(request: HttpRequest, client: Client, referral_id: int) -> HttpResponse:
    referral = get_object_or_404(
        Referral.objects.filter(client=client).select_related("organisation"), pk=referral_id
    )
    form, done = submit(
        request,
        ReferralFollowUpForm(request.POST or None, client=client, referral=referral),
        lambda data: record_follow_up(referral=referral, by=cast(User, request.user), **data),
        done=_("De verwijzing is bijgewerkt."),
        then=_on_file(client),
    )
    context = {
        "title": _("Verwijzing nagaan"),
        "button": _("Opslaan"),
        "referral": referral,
    }
    return done or _page(request, client, form, context)


def _page(request: HttpRequest, client: Client, form: object, context: dict) -> HttpResponse:
    return render(
        request,
        "casework/work_form.html",
        {"client": client, "form": form, "anchor": ANCHOR, **context},
    )
