"""Writes to the client's work capacity: dated decisions, and reassessments that end in one.

The decision in force on a day is the latest one decided on or before it; each decision keeps
the day the next one took over (`superseded_on`), so a figure for a past day reads it in one
join. `Client.has_work_capacity` follows the decision in force today.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from common.events import announce_past_changed
from common.history import save_with_history

from .locking import lock_client, record_client_change
from .models import Client, Reassessment, WorkCapacity, WorkCapacityDecision
from .rules import CAPACITY_DATES, birth_errors, refuse


def _refuse_a_day(client: Client, field: str, day: date) -> None:
    """Not in the future, not before the client's birth."""
    if day > timezone.localdate():
        raise ValidationError(
            {
                field: _("%(what)s kan niet in de toekomst liggen.")
                % {"what": CAPACITY_DATES[field].what}
            }
        )
    refuse(birth_errors(client, {field: day}, CAPACITY_DATES))


def insert_decision(
    *,
    client: Client,
    decided_on: date,
    outcome: str,
    basis: str,
    by: User | None,
    change_reason: str,
    replace_same_day: bool = False,
) -> WorkCapacityDecision:
    """Put a decision into the client's row of decisions, where its date belongs; inside the
    transaction that locked `client` (`lock_client`), which the caller saves. A decision dated
    after every other one sets the client's current `has_work_capacity`. With
    `replace_same_day`, a decision already taken that day gets this outcome instead."""
    if outcome not in WorkCapacity.values:
        raise ValidationError({"outcome": _("Kies een uitkomst van het besluit.")})
    _refuse_a_day(client, "decided_on", decided_on)
    decisions = WorkCapacityDecision.objects.select_for_update().filter(client=client)
    same_day = decisions.filter(decided_on=decided_on).first()
    if same_day is not None and replace_same_day:
        same_day.outcome = outcome
        save_with_history(same_day, by=by, change_reason=change_reason)
        if same_day.superseded_on is None:
            client.has_work_capacity = outcome == WorkCapacity.HAS
        announce_past_changed(decided_on, clients=[client.pk])
        return same_day
    if same_day is not None:
        raise ValidationError(
            {"decided_on": _("Op deze dag is al een besluit over het arbeidsvermogen vastgelegd.")}
        )
    earlier = decisions.filter(decided_on__lt=decided_on).order_by("-decided_on").first()
    later = decisions.filter(decided_on__gt=decided_on).order_by("decided_on").first()
    if earlier is not None:
        earlier.superseded_on = decided_on
        save_with_history(earlier, by=by, change_reason=change_reason)
    decision = WorkCapacityDecision(
        client=client,
        decided_on=decided_on,
        outcome=outcome,
        basis=basis.strip(),
        superseded_on=later.decided_on if later is not None else None,
        decided_by=by,
    )
    save_with_history(decision, by=by, change_reason=change_reason)
    if later is None:
        client.has_work_capacity = outcome == WorkCapacity.HAS
    announce_past_changed(decided_on, clients=[client.pk])
    return decision


def record_capacity_decision(
    *,
    client: Client,
    decided_on: date,
    outcome: str,
    basis: str = "",
    by: User | None,
    change_reason: str = "",
    expected_version: int | None = None,
) -> WorkCapacityDecision:
    """Record a decision on the client's work capacity, in force from `decided_on` (today or
    earlier) until a later decision."""
    change_reason = change_reason or _("Besluit arbeidsvermogen vastgelegd")
    with transaction.atomic():
        locked = lock_client(client=client, expected_version=expected_version)
        decision = insert_decision(
            client=locked,
            decided_on=decided_on,
            outcome=outcome,
            basis=basis,
            by=by,
            change_reason=change_reason,
        )
        record_client_change(client=locked, by=by, change_reason=change_reason)
    client.has_work_capacity, client.version = locked.has_work_capacity, locked.version
    return decision


def request_reassessment(
    *,
    client: Client,
    requested_on: date,
    reason: str,
    practical_assessment: str = "",
    by: User | None,
    change_reason: str = "",
) -> Reassessment:
    """Ask for the client's work capacity to be assessed again, for `reason`."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Geef een reden voor de herbeoordeling.")})
    _refuse_a_day(client, "requested_on", requested_on)
    with transaction.atomic():
        if Reassessment.objects.filter(client=client, decision__isnull=True).exists():
            raise ValidationError(
                {"requested_on": _("Er loopt al een herbeoordeling voor deze cliënt.")}
            )
        reassessment = Reassessment(
            client=client,
            requested_on=requested_on,
            reason=reason,
            practical_assessment=practical_assessment.strip(),
            requested_by=by,
        )
        return save_with_history(
            reassessment, by=by, change_reason=change_reason or _("Herbeoordeling aangevraagd")
        )


def decide_reassessment(
    *,
    reassessment: Reassessment,
    decided_on: date,
    outcome: str,
    basis: str = "",
    by: User | None,
    change_reason: str = "",
) -> WorkCapacityDecision:
    """Record the reassessment's outcome as a work-capacity decision from `decided_on`: on or
    after the request, today or earlier."""
    change_reason = change_reason or _("Herbeoordeling besloten")
    with transaction.atomic():
        locked = lock_client(client=reassessment.client)
        request = Reassessment.objects.select_for_update().get(pk=reassessment.pk)
        if request.decision_id is not None:
            raise ValidationError({"decided_on": _("Over deze herbeoordeling is al besloten.")})
        if decided_on < request.requested_on:
            raise ValidationError(
                {"decided_on": _("Het besluit ligt vóór de aanvraag van de herbeoordeling.")}
            )
        decision = insert_decision(
            client=locked,
            decided_on=decided_on,
            outcome=outcome,
            basis=basis,
            by=by,
            change_reason=change_reason,
        )
        request.decision = decision
        save_with_history(request, by=by, change_reason=change_reason)
        record_client_change(client=locked, by=by, change_reason=change_reason)
    reassessment.decision = decision
    return decision
