"""`{% bulk_actions source count %}`: the action bar of a client list (the caseload, a
drill-down), with the actions the user may take on a selection of its clients."""

from typing import Any

from django import template
from django.utils import timezone

from accounts.models import User
from casework.bulk_forms import BulkHandoverForm, PlanOutreachForm
from casework.selection import filters_of
from clients.models import Client
from clients.permissions import handover_teams, may_edit_client_files, may_hand_over

register = template.Library()


@register.inclusion_tag("casework/bulk_actions.html", takes_context=True)
def bulk_actions(context: template.Context, source: str, count: int) -> dict[str, Any]:
    """The bar for `count` clients matching the list's filters (its query string)."""
    request = context["request"]
    user: User = request.user
    today = timezone.localdate()
    empty: dict[str, Any] = {
        "user": user,
        "within": Client.objects.none(),
        "today": today,
        "auto_id": "bulk-%s",
    }
    plan = PlanOutreachForm(**empty) if may_edit_client_files(user) else None
    handover = None
    if may_hand_over(user):
        caseworkers = User.objects.caseworkers(teams=handover_teams(user))
        handover = BulkHandoverForm(caseworkers=caseworkers, **empty)
    return {
        "csrf_token": context.get("csrf_token"),
        "source": source,
        "query": filters_of(request.GET),
        "count": count,
        "plan": plan,
        "handover": handover,
    }
