"""Conversations with a client, and the conversation form's one step (`record_contact`)."""

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from clients.models import Client
from clients.permissions import works_on_team
from clients.rules import birth_errors, refuse
from clients.services import lock_client
from common.events import Fact, announce_client_changed, announce_past_changed
from common.exceptions import EditConflict
from common.history import save_with_history
from norms.selectors import NoNormInForce, norm_in_force
from phases.services import transition_phase

from ..models import Agreement, Conversation
from ..validators import CONVERSATION_DATES, not_in_future
from .work_plans import set_agreement_status

# Statuses that say the conversation date has passed.
HAPPENED = {Conversation.Status.HELD, Conversation.Status.NO_SHOW}


def _with_norm_duration(conversation: Conversation) -> None:
    """Production counts minutes: a held conversation sent without them (an API client that
    does not know) gets the norm's duration for its kind, as the form proposes."""
    if conversation.status != Conversation.Status.HELD or conversation.duration_minutes:
        return
    if conversation.held_on is None:
        return  # full_clean names the missing date
    try:
        norm = norm_in_force(min(conversation.held_on, timezone.localdate()))
    except NoNormInForce:
        return  # before the first norms: no duration to propose
    conversation.duration_minutes = norm.minutes_for(conversation.kind)


def _check_conversation(conversation: Conversation) -> None:
    _with_norm_duration(conversation)
    conversation.full_clean()  # required fields and choices first, then the date rules
    refuse(birth_errors(conversation.client, {"held_on": conversation.held_on}, CONVERSATION_DATES))
    if conversation.status in HAPPENED:
        not_in_future(
            conversation.held_on,
            "held_on",
            _("Een gehouden gesprek kan niet in de toekomst liggen; plan het als gepland gesprek."),
        )
    if conversation.next_contact_on and conversation.next_contact_on <= conversation.held_on:
        raise ValidationError(
            {"next_contact_on": _("Het volgende contact moet na de gespreksdatum liggen.")}
        )


def log_conversation(
    *,
    client: Client,
    held_on: date,
    status: str,
    channel: str,
    by: User,
    caseworker: User | None = None,
    with_client: bool = True,
    kind: str = Conversation.Kind.MONITORING,
    duration_minutes: int | None = None,
    summary: str = "",
    next_contact_on: date | None = None,
    change_reason: str = "",
) -> Conversation:
    """Record a conversation with the client, held by `caseworker`: `by` (who records it) when
    not given, else a caseworker or team manager of the client's team."""
    if (
        caseworker is not None
        and caseworker != by
        and not works_on_team(caseworker, client.team_id)
    ):
        raise ValidationError(
            {
                "caseworker": _(
                    "Kies een casemanager of teammanager van het team van de cliënt, of laat "
                    "het veld leeg voor uzelf."
                )
            }
        )
    conversation = Conversation(
        client=client,
        caseworker=caseworker or by,
        held_on=held_on,
        status=status,
        channel=channel,
        with_client=with_client,
        kind=kind,
        duration_minutes=duration_minutes,
        summary=summary.strip(),
        next_contact_on=next_contact_on,
    )
    _check_conversation(conversation)
    with transaction.atomic():
        save_with_history(
            conversation, by=by, change_reason=change_reason or _("Gesprek vastgelegd")
        )
        announce_past_changed(held_on, clients=[client.pk])
        _recheck_contact(conversation, by=by)
    return conversation


def _recheck_contact(conversation: Conversation, *, by: User) -> None:
    """A held conversation may end the client's no-contact signal: announce it."""
    if conversation.status == Conversation.Status.HELD:
        announce_client_changed(
            client_id=conversation.client_id,
            fact=Fact.CONTACT,
            by=by,
            change_reason=_("Opgelost: gesprek vastgelegd"),
        )


CONVERSATION_EDITABLE = (
    "held_on",
    "status",
    "channel",
    "with_client",
    "kind",
    "duration_minutes",
    "summary",
    "next_contact_on",
)


def update_conversation(
    *, conversation: Conversation, changes: dict[str, Any], by: User, change_reason: str = ""
) -> Conversation:
    """Change a recorded conversation, e.g. a planned one that has now been held."""
    unknown = set(changes) - set(CONVERSATION_EDITABLE)
    if unknown:
        raise ValidationError(
            {field: _("Dit veld kan hier niet worden gewijzigd.") for field in sorted(unknown)}
        )
    with transaction.atomic():
        locked = Conversation.objects.select_for_update().get(pk=conversation.pk)
        held_before = locked.held_on
        for field, value in changes.items():
            setattr(locked, field, value)
        _check_conversation(locked)
        save_with_history(locked, by=by, change_reason=change_reason or _("Gesprek gewijzigd"))
        announce_past_changed(min(held_before, locked.held_on), clients=[locked.client_id])
        _recheck_contact(locked, by=by)
    return locked


def change_conversation(
    *, conversation: Conversation, changes: dict[str, Any], by: User, change_reason: str = ""
) -> Conversation:
    """Change a conversation along its life cycle (the API's PATCH). A planned one is recorded
    as held, no-show or cancelled on the day that happened (today or earlier), or moved to
    another day (today or later); its history keeps the old date. A recorded one keeps its
    outcome: its other details (date, report, duration, ...) can still be corrected. Changes
    that leave every value as it is save nothing."""
    with transaction.atomic():
        locked = Conversation.objects.select_for_update().get(pk=conversation.pk)
        changes = {
            field: value
            for field, value in changes.items()
            if field not in CONVERSATION_EDITABLE or getattr(locked, field) != value
        }
        if not changes:
            return locked
        _check_life_cycle(locked, changes)
        return update_conversation(
            conversation=locked,
            changes=changes,
            by=by,
            change_reason=change_reason or _life_cycle_reason(locked, changes),
        )


def _check_life_cycle(stored: Conversation, changes: dict[str, Any]) -> None:
    status = changes.get("status", stored.status)
    held_on = changes.get("held_on", stored.held_on)
    if stored.status != Conversation.Status.PLANNED and status != stored.status:
        raise ValidationError(
            {
                "status": _(
                    "Dit gesprek is al vastgelegd als %(status)s; die uitkomst blijft. Plan zo "
                    "nodig een nieuw gesprek."
                )
                % {"status": stored.get_status_display().lower()}
            }
        )
    if status == Conversation.Status.PLANNED:
        if "held_on" in changes and held_on < timezone.localdate():
            raise ValidationError({"held_on": _("Een gesprek verzet u naar vandaag of later.")})
        return
    if "status" in changes or "held_on" in changes:
        not_in_future(
            held_on,
            "held_on",
            _(
                "Leg de uitkomst vast op de dag waarop het gesprek was, werd afgezegd of werd "
                "gemist: vandaag of eerder."
            ),
        )


def _life_cycle_reason(stored: Conversation, changes: dict[str, Any]) -> str:
    """The history's reason when the user gives none: what happened to the plan."""
    if stored.status == Conversation.Status.PLANNED:
        if changes.get("status", stored.status) != Conversation.Status.PLANNED:
            return _("Gepland gesprek vastgelegd")
        if "held_on" in changes:
            return _("Gepland gesprek verzet")
    return _("Gesprek gewijzigd")


def record_contact(
    *,
    client: Client,
    expected_version: int,
    by: User,
    held_on: date,
    status: str,
    channel: str,
    kind: str = Conversation.Kind.MONITORING,
    with_client: bool = True,
    duration_minutes: int | None = None,
    summary: str = "",
    next_contact_on: date | None = None,
    agreement_statuses: dict[int, tuple[str, str]] | None = None,
    new_phase: str = "",
    phase_reason: str = "",
    fulfils: int | None = None,
    add_planned: bool = False,
) -> Conversation:
    """Log a conversation, plan the next contact, update agreements and optionally change the
    phase: all or nothing, refused with EditConflict if the client changed since it was read.

    `fulfils` names the planned conversation this one is: that record becomes the held (or
    missed, or cancelled) conversation instead of a new one being added. The next contact moves
    the client's next planned conversation there, unless `add_planned` asks for one more.
    """
    details: dict[str, Any] = {
        "held_on": held_on,
        "status": status,
        "channel": channel,
        "kind": kind,
        "with_client": with_client,
        "duration_minutes": duration_minutes,
        "summary": summary,
        "next_contact_on": next_contact_on,
    }
    with transaction.atomic():
        locked = lock_client(client=client, expected_version=expected_version)
        if fulfils is None:
            conversation = log_conversation(client=locked, by=by, **details)
        else:
            conversation = _fulfil_plan(locked, fulfils, details, by=by)
        if next_contact_on:
            _plan_next_contact(locked, on=next_contact_on, channel=channel, by=by, add=add_planned)
        _update_agreements(locked, agreement_statuses or {}, by=by)
        if new_phase:
            transition_phase(
                client=locked, phase=new_phase, started_on=held_on, reason=phase_reason, by=by
            )
    client.version = locked.version
    return conversation


def _fulfil_plan(
    client: Client, plan_id: int, details: dict[str, Any], *, by: User
) -> Conversation:
    """The planned conversation `plan_id` becomes what happened; one recorded meanwhile (by a
    colleague, or in another tab) is a conflict that says which."""
    plan = client.conversations.filter(pk=plan_id).first()
    if plan is None or plan.status != Conversation.Status.PLANNED:
        raise EditConflict(
            _("Het geplande gesprek is intussen al vastgelegd of verwijderd. Kies opnieuw.")
        )
    return update_conversation(
        conversation=plan,
        changes={**details, "summary": details["summary"].strip()},
        by=by,
        change_reason=_("Gepland gesprek vastgelegd"),
    )


def _plan_next_contact(client: Client, *, on: date, channel: str, by: User, add: bool) -> None:
    """Move the client's next planned conversation to `on`, or plan one if there is none (or
    `add` asks for another). Nothing changes when a conversation is planned that day already."""
    planned = client.conversations.filter(status=Conversation.Status.PLANNED)
    if planned.filter(held_on=on).exists():
        return
    existing = None if add else planned.order_by("held_on", "id").first()
    if existing is not None:
        update_conversation(
            conversation=existing,
            changes={"held_on": on},
            by=by,
            change_reason=_("Gepland gesprek verzet"),
        )
        return
    log_conversation(
        client=client,
        held_on=on,
        status=Conversation.Status.PLANNED,
        channel=channel,
        by=by,
        change_reason=_("Volgend contact gepland"),
    )


def _update_agreements(client: Client, statuses: dict[int, tuple[str, str]], *, by: User) -> None:
    """`statuses`: per agreement the status the user saw and the one they chose. Only the
    ones the user changed are written, and one that someone else changed meanwhile is a
    conflict rather than silently reset."""
    changed = {pk: pair for pk, pair in statuses.items() if pair[0] != pair[1]}
    agreements = Agreement.objects.filter(work_plan__client=client, pk__in=list(changed))
    for agreement in agreements.select_related("work_plan"):
        seen, wanted = changed[agreement.pk]
        try:
            set_agreement_status(agreement=agreement, status=wanted, expected_status=seen, by=by)
        except EditConflict as conflict:
            raise EditConflict(str(conflict), current_version=client.version) from conflict
