"""A caseworker's conversations by day: the week on screen, and the calendar feed that puts
the planned ones in Outlook with nothing in it that names the client."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from accounts.models import User
from clients.models import Client
from interventions.models import Conversation

# The feed covers recent weeks (a moved or missed plan stays findable) and the year ahead.
FEED_PAST = timedelta(days=30)
FEED_AHEAD = timedelta(days=366)


@dataclass(frozen=True)
class Day:
    on: date
    conversations: list[Conversation]


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _conversations_of(caseworker: User, **wanted: object) -> QuerySet[Conversation]:
    """Conversations the caseworker holds, and plans for their clients held by a colleague,
    that match `wanted`. Two index lookups joined by UNION: an OR across the join to the
    client would read every conversation there is."""
    held = Conversation.objects.filter(caseworker=caseworker, **wanted)
    planned = Conversation.objects.filter(
        client__caseworker=caseworker, status=Conversation.Status.PLANNED
    ).filter(**wanted)
    ids = held.order_by().values("pk").union(planned.order_by().values("pk"))
    return Conversation.objects.filter(pk__in=ids)


def week(*, caseworker: User, viewer: User, monday: date) -> list[Day]:
    """The seven days from `monday`, each with its conversations (planned first)."""
    rows = (
        _conversations_of(caseworker, held_on__range=(monday, monday + timedelta(days=6)))
        .filter(client__in=Client.objects.visible_to(viewer))
        .select_related("client")
        .order_by("held_on", "-status", "client__last_name", "id")
    )
    by_day: dict[date, list[Conversation]] = {monday + timedelta(days=n): [] for n in range(7)}
    for conversation in rows:
        by_day[conversation.held_on].append(conversation)
    return [Day(on, conversations) for on, conversations in by_day.items()]


def calendar_feed(*, caseworker: User, file_url: str) -> bytes:
    """The caseworker's planned conversations as iCalendar all-day events. Each names only the
    kind and channel and a file number; `file_url` (with `{id}`) links to the file, which asks
    for a sign-in."""
    today = timezone.localdate()
    plans = _conversations_of(
        caseworker,
        status=Conversation.Status.PLANNED,
        held_on__range=(today - FEED_PAST, today + FEED_AHEAD),
    )
    calendar = Calendar()
    calendar.add("prodid", "-//UWV Wajong casework//agenda//NL")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", _("Wajong-gesprekken"))
    stamp = datetime.now(tz=timezone.get_current_timezone())
    for plan in plans.only("id", "client_id", "held_on", "kind", "channel").order_by("held_on"):
        event = Event()
        event.add("uid", f"conversation-{plan.pk}@wajong")
        event.add("dtstamp", stamp)
        event.add("dtstart", plan.held_on)
        event.add("dtend", plan.held_on + timedelta(days=1))
        event.add(
            "summary",
            _("%(kind)s (%(channel)s), dossier %(file)s")
            % {
                "kind": plan.get_kind_display(),
                "channel": plan.get_channel_display().lower(),
                "file": plan.client_id,
            },
        )
        event.add("url", file_url.format(id=plan.client_id))
        event.add("transp", "TRANSPARENT")  # a day's reminder, not a busy block
        calendar.add_component(event)
    return calendar.to_ical()
