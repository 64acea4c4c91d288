"""One marker for a status, a kind or a phase: the NL Design System status badge (loaded as a
template builtin).

    {% badge _("verlopen") "danger" %}     a label in a tone
    {% status_badge trajectory %}          a record's status, in the tone its meaning has
    {% badge client.current_phase "neutral" %}  a phase
    {% badge item.label item.kind|kind_tone %}  a work-queue item by its kind

Tones are the ones our tokens colour (frontend/tokens.css): "info" (the default, blue),
"neutral", "success", "warning" and "danger"."""

from django import template
from django.db.models import Model
from django.utils.html import format_html
from django.utils.safestring import SafeString

register = template.Library()

TONES = ("info", "neutral", "success", "warning", "danger")

# A status code's tone; (model name, code) where one code means different things.
STATUS_TONES: dict[str | tuple[str, str], str] = {
    "planned": "info",
    "held": "success",
    "no_show": "danger",
    "cancelled": "neutral",
    "requested": "info",
    "running": "info",
    "paused": "warning",
    "completed": "success",
    "draft": "warning",
    "agreed": "success",
    "superseded": "neutral",
    "open": "info",
    "done": "success",
    "resolved": "success",
    "dismissed": "neutral",
    ("signal", "open"): "danger",
    "referred": "info",
    "waiting": "warning",
    "in_care": "info",
    "finished": "success",
    "dropped_out": "danger",
}

# A work-queue item's tone by its kind: what is late or signalled is danger, what is due soon
# a warning, the rest (planned, reviews, follow-ups) information.
KIND_TONES = {"missed": "danger", "signal": "danger", "agreement_due": "warning"}


@register.filter
def kind_tone(kind: str) -> str:
    return KIND_TONES.get(kind, "info")


@register.simple_tag
def badge(label: object, tone: str = "info") -> SafeString:
    """A status badge: `label` in one of the TONES."""
    if tone not in TONES:
        raise ValueError(f"unknown badge tone {tone!r}; use one of {TONES}")
    modifier = "" if tone == "info" else f" utrecht-status-badge--{tone}"
    return format_html('<span class="utrecht-status-badge{}">{}</span>', modifier, label)


@register.simple_tag
def status_badge(record: Model) -> SafeString:
    """`record.get_status_display()` as a badge in the tone of its status."""
    code = record.status  # type: ignore[attr-defined]
    tone = STATUS_TONES.get((record._meta.model_name or "", code), STATUS_TONES.get(code, "info"))
    return badge(record.get_status_display(), tone)  # type: ignore[attr-defined]
