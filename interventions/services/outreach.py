"""Outreach: one planned conversation with each of many clients ("call everyone without contact
this year next week"), written set-based in one transaction, whatever the number of clients."""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from accounts.models import User
from clients.models import Client
from clients.querysets import active_on_q
from common.bulk import insert_history_from
from common.events import announce_past_changed

from ..models import Conversation

# A planned conversation lies at most this far ahead (as moving one in the work queue).
PLAN_AHEAD = timedelta(days=2 * 366)


@dataclass
class Outreach:
    """What planning an outreach did. `planned`: the clients who now have the conversation,
    `moved` among them those whose missed plan was moved to the day; skipped: `booked` (a
    conversation planned today or later already) and `inactive` (not active on the day)."""

    planned: list[Client] = field(default_factory=list)
    moved: list[Client] = field(default_factory=list)
    booked: list[Client] = field(default_factory=list)
    inactive: list[Client] = field(default_factory=list)


def plan_outreach(
    *,
    clients: Sequence[Client],
    on: date,
    kind: str,
    channel: str,
    by: User,
    change_reason: str = "",
) -> Outreach:
    """Plan a conversation on `on` with each client, held by `by`; the life cycle's rule of
    one plan per client holds:

    - a client with a conversation planned today or later is skipped (`booked`): that plan
      stands, and the client is not given a second one;
    - a client whose only plans lie in the past (missed, not yet recorded) has the earliest
      moved to `on`, with this kind and channel, as planning a next contact moves the plan
      (the history keeps the old date);
    - any other client active on `on` gets a new planned conversation; one who is not (no
      work capacity, not or no longer in service) is skipped (`inactive`).
    """
    _check(clients=clients, on=on, kind=kind, channel=channel, by=by)
    change_reason = change_reason or _("Gesprek gepland voor een groep cliënten")
    by_id = {client.pk: client for client in clients}
    ids = sorted(by_id)
    today = timezone.localdate()
    with transaction.atomic():
        # Lock the clients (in id order: two bulk writes never wait on each other in a ring);
        # the conversation form (which locks its client too) waits until this one is done.
        list(Client.objects.select_for_update().filter(pk__in=ids).order_by("pk").values("pk"))
        active = set(
            Client.objects.filter(pk__in=ids).filter(active_on_q(on)).values_list("pk", flat=True)
        )
        booked, missed = _plans(ids, today)
        result = Outreach(
            booked=[by_id[pk] for pk in ids if pk in booked],
            inactive=[by_id[pk] for pk in ids if pk not in booked and pk not in active],
        )
        moving = {pk: plan for pk, plan in missed.items() if pk in active and pk not in booked}
        fresh = [pk for pk in ids if pk in active and pk not in booked and pk not in moving]
        if moving:
            _move(moving, on=on, kind=kind, channel=channel, by=by, change_reason=change_reason)
        if fresh:
            _add(fresh, on=on, kind=kind, channel=channel, by=by, change_reason=change_reason)
        announce_past_changed(
            min([on, *(held_on for _plan, held_on in moving.values())]),
            clients=ids,
        )
    result.moved = [by_id[pk] for pk in ids if pk in moving]
    planned = set(fresh) | set(moving)
    result.planned = [by_id[pk] for pk in ids if pk in planned]
    return result


def _check(*, clients: Sequence[Client], on: date, kind: str, channel: str, by: User) -> None:
    """One set of rules for every client: the day, the kind and the channel; a sample
    conversation is validated as the model does, once."""
    if not clients:
        raise ValidationError({"clients": _("Kies ten minste één cliënt.")})
    today = timezone.localdate()
    if on < today:
        raise ValidationError({"on": _("Plan een gesprek op vandaag of later.")})
    if on > today + PLAN_AHEAD:
        raise ValidationError({"on": _("Plan een gesprek hoogstens twee jaar vooruit.")})
    if kind not in Conversation.Kind.values:
        raise ValidationError({"kind": _("Kies de soort gesprek.")})
    if channel not in Conversation.Channel.values:
        raise ValidationError({"channel": _("Kies hoe het gesprek gaat.")})
    sample = Conversation(
        client=clients[0],
        caseworker=by,
        held_on=on,
        status=Conversation.Status.PLANNED,
        channel=channel,
        kind=kind,
    )
    sample.full_clean(exclude=["client", "caseworker"], validate_constraints=False)


def _plans(ids: list[int], today: date) -> tuple[set[int], dict[int, tuple[int, date]]]:
    """In one query: the clients with a conversation planned today or later, and per other
    client the earliest missed plan (id, day)."""
    plans = (
        Conversation.objects.filter(client_id__in=ids, status=Conversation.Status.PLANNED)
        .order_by("held_on", "id")
        .values_list("client_id", "id", "held_on")
    )
    booked: set[int] = set()
    missed: dict[int, tuple[int, date]] = {}
    for client_id, plan_id, held_on in plans:
        if held_on >= today:
            booked.add(client_id)
        else:
            missed.setdefault(client_id, (plan_id, held_on))
    return booked, missed


def _add(
    client_ids: list[int], *, on: date, kind: str, channel: str, by: User, change_reason: str
) -> None:
    """New planned conversations, inserted together with their history rows."""
    new = [
        Conversation(
            client_id=pk,
            caseworker=by,
            held_on=on,
            status=Conversation.Status.PLANNED,
            channel=channel,
            kind=kind,
        )
        for pk in client_ids
    ]
    bulk_create_with_history(
        new, Conversation, default_user=by, default_change_reason=change_reason
    )


def _move(
    plans: dict[int, tuple[int, date]],
    *,
    on: date,
    kind: str,
    channel: str,
    by: User,
    change_reason: str,
) -> None:
    """Move missed plans to `on` in one update, with a history row for each."""
    moving = Conversation.objects.filter(pk__in=[plan_id for plan_id, _day in plans.values()])
    moving.update(held_on=on, kind=kind, channel=channel)
    insert_history_from(
        moving,
        history_type="~",
        change_reason=_("Gemist gesprek verzet: %(reason)s") % {"reason": change_reason},
        by_id=by.pk,
    )
