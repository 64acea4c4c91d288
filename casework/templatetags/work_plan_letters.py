"""The letters section of the work plan page: the letter to download, the letters recorded,
and the form to record one. Its own tag, so the page's view needs nothing for it."""

from typing import Any

from django import template

from casework.letters import LetterForm
from interventions.models import WorkPlan, WorkPlanLetter

register = template.Library()


@register.simple_tag(takes_context=True)
def letters_section(context: template.Context) -> dict[str, Any]:
    """The letters of every version of the page's client, newest first (one query), and the
    form to record one for the plans the page shows."""
    current: WorkPlan | None = context.get("current")
    earlier: list[WorkPlan] = context.get("earlier") or []
    plans = ([current] if current else []) + earlier
    letters = (
        WorkPlanLetter.objects.filter(work_plan__client=context["client"])
        .select_related("work_plan", "recorded_by")
        .order_by("-handed_on", "-id")
    )
    return {"letters": list(letters), "form": LetterForm(plans=plans)}
