"""`{% queue_items items as rows %}`: the work queue's items as HTML.

Up to 75 items a page, each with its actions' forms, were most of the page's CPU in the
template language (issue 19); they are written here with the same HTML and messages as the
template had.
"""

from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

from django import template
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from casework.rows import url_for_each
from casework.work_queue import Item
from common.templatetags.badges import badge, kind_tone
from common.templatetags.dutch import day_text

register = template.Library()

FORM = (
    '<form method="post" action="{url}" hx-post="{url}" hx-target="#work-queue" '
    'hx-select="#work-queue" hx-swap="outerHTML"{inline}>\n'
)
HEAD = (
    '<li class="queue-item queue-{kind}">\n'
    '      <div class="queue-what">\n'
    "        {badge}\n"
    '        <a href="{file_url}">{name}</a>\n'
    '        <time datetime="{iso}">{when}</time>\n'
    "        {detail}\n"
    "      </div>\n"
    "      "
)
ACTIONS = '\n      <div class="queue-actions">\n        {actions}\n      </div>\n      '
HIDDEN = '{csrf}<input type="hidden" name="caseworker" value="{caseworker}">\n'
PLANNED = (
    '\n          <a href="{file_url}?gesprek={ref}#gesprek-vastleggen">{record}</a>\n'
    "          {no_show}\n"
    "          "
    + FORM
    + "            "
    + HIDDEN
    + '            <label for="move-{ref}">{move_to}</label>\n'
    '            <input type="date" id="move-{ref}" name="on" min="{today}" required>\n'
    '            <button type="submit">{move}</button>\n'
    "          </form>\n        "
)
NO_SHOW = (
    FORM + "            " + HIDDEN + '            <button type="submit">{label}</button>\n'
    "          </form>"
)
SIGNAL = (
    '\n          <a href="{file_url}#gesprek-vastleggen">{record}</a>\n'
    "          <details>\n"
    "            <summary>{aside}</summary>\n"
    "            "
    + FORM
    + "              "
    + HIDDEN
    + '              <div class="field"><label for="reason-{ref}">{reason}</label>\n'
    '                <input type="text" id="reason-{ref}" name="reason" maxlength="2000" '
    "required></div>\n"
    '              <div class="field"><label for="until-{ref}">{until}</label>\n'
    '                <input type="date" id="until-{ref}" name="until" min="{today}" required>'
    "</div>\n"
    '              <button type="submit">{aside}</button>\n'
    "            </form>\n"
    "          </details>\n        "
)
AGREEMENT = (
    "\n          "
    + FORM
    + "            "
    + HIDDEN
    + '            <button type="submit">{done}</button>\n'
    "          </form>\n"
    '          <a href="{plan_url}">{plan}</a>\n        '
)
REFERRAL = (
    '\n          <a href="{file_url}#doorverwijzingen">{referrals}</a>\n'
    "          <details>\n"
    "            <summary>{follow_up}</summary>\n"
    "            "
    + FORM
    + "              "
    + HIDDEN
    + '              <div class="field"><label for="status-{ref}">{status}</label>\n'
    '                <select id="status-{ref}" name="status">{options}</select></div>\n'
    '              <div class="field"><label for="next-{ref}">{next}</label>\n'
    '                <input type="date" id="next-{ref}" name="follow_up_on" min="{today}">\n'
    "                <small>{empty}</small></div>\n"
    '              <button type="submit">{save}</button>\n'
    "            </form>\n"
    "          </details>\n        "
)
INLINE = mark_safe(' class="inline"')
LINK = '\n          <a href="{url}">{label}</a>\n        '


@register.simple_tag(takes_context=True)
def queue_items(context: template.Context, items: Iterable[Item]) -> list[SafeString]:
    """The `<li>` of each item; its actions when the context's `may_edit`."""
    writer = _ItemWriter(context)
    return [writer.item(item) for item in items]


class _ItemWriter:
    """What every item of one page shares: the day, the addresses, the form's hidden fields."""

    def __init__(self, context: template.Context) -> None:
        self.today: date = context["today"]
        self.week_end: date = context["week_end"]
        self.may_edit = bool(context.get("may_edit"))
        self.statuses: list[tuple[str, Any]] = list(context.get("referral_statuses") or [])
        self.hidden = {"csrf": _csrf_input(context), "caseworker": context["caseworker"].pk}
        names = ["client_detail", "queue_plan_no_show", "queue_plan_move", "queue_signal_dismiss"]
        names += ["queue_agreement_done", "work_plan", "queue_referral_follow_up"]
        names += ["exemptions", "trajectories"]
        self.url: dict[str, Callable[[int], str]] = {name: url_for_each(name) for name in names}

    def item(self, item: Item) -> SafeString:
        due = item.due_on
        in_week = not (due < self.today or due > self.week_end)
        detail = ""
        if item.detail:
            detail = format_html('<span class="queue-detail">{}</span>', item.detail)
        head = format_html(
            HEAD,
            kind=item.kind,
            badge=badge(item.label, kind_tone(item.kind)),
            file_url=self.url["client_detail"](item.client_id),
            name=item.client_name,
            iso=due.isoformat(),
            when=date_format(due, "l j F") if in_week else day_text(due),
            detail=detail,
        )
        if not self.may_edit:
            return format_html("{}\n    </li>", head)
        return format_html("{}" + ACTIONS + "\n    </li>", head, actions=self.actions(item))

    def actions(self, item: Item) -> SafeString:
        file_url = self.url["client_detail"](item.client_id)
        common = {"ref": item.ref, "today": self.today.isoformat(), **self.hidden}
        if item.kind in ("planned", "missed"):
            return self.planned(item, file_url, common)
        if item.kind in ("signal", "contract_ending"):
            return format_html(
                SIGNAL,
                file_url=file_url,
                record=gettext("Contact vastleggen"),
                aside=gettext("Terzijde leggen"),
                url=self.url["queue_signal_dismiss"](item.ref),
                inline="",
                reason=gettext("Reden"),
                until=gettext("Terzijde tot en met"),
                **common,
            )
        if item.kind == "agreement_due":
            return format_html(
                AGREEMENT,
                url=self.url["queue_agreement_done"](item.ref),
                inline=INLINE,
                done=gettext("Afgerond"),
                plan_url=self.url["work_plan"](item.client_id),
                plan=gettext("Werkplan"),
                **common,
            )
        if item.kind == "referral_follow_up":
            return self.referral(item, file_url, common)
        if item.kind in ("exemption_review", "exemption_ending"):
            url, label = self.url["exemptions"](item.client_id), gettext("Vrijstellingen")
        elif item.kind == "trajectory_ending":
            url, label = self.url["trajectories"](item.client_id), gettext("Trajecten")
        else:
            url = f"{file_url}#gesprek-vastleggen"
            label = gettext("Kennismaken: gesprek vastleggen")
        return format_html(LINK, url=url, label=label)

    def planned(self, item: Item, file_url: str, common: dict[str, Any]) -> SafeString:
        no_show = ""
        if item.due_on <= self.today:
            no_show = format_html(
                NO_SHOW,
                url=self.url["queue_plan_no_show"](item.ref),
                inline=INLINE,
                label=gettext("Niet verschenen"),
                **self.hidden,
            )
        return format_html(
            PLANNED,
            file_url=file_url,
            record=gettext("Gesprek vastleggen"),
            no_show=no_show,
            url=self.url["queue_plan_move"](item.ref),
            inline=INLINE,
            move_to=gettext("Verzetten naar"),
            move=gettext("Verzetten"),
            **common,
        )

    def referral(self, item: Item, file_url: str, common: dict[str, Any]) -> SafeString:
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (code, " selected" if code == item.status else "", label)
                for code, label in self.statuses
            ),
        )
        return format_html(
            REFERRAL,
            file_url=file_url,
            referrals=gettext("Doorverwijzingen"),
            follow_up=gettext("Nagaan vastleggen"),
            url=self.url["queue_referral_follow_up"](item.ref),
            inline="",
            status=gettext("Status"),
            options=options,
            next=gettext("Volgende keer nagaan op"),
            empty=gettext("Leeg bij afgerond of uitgevallen."),
            save=gettext("Opslaan"),
            **common,
        )


def _csrf_input(context: template.Context) -> str:
    """What `{% csrf_token %}` writes."""
    token = context.get("csrf_token")
    if not token or token == "NOTPROVIDED":
        return ""
    return format_html('<input type="hidden" name="csrfmiddlewaretoken" value="{}">', token)
