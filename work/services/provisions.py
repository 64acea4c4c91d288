"""Provisions: recording an application (a past one whole, with its decision), deciding on a
pending one, and correcting one."""

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from clients.models import Client
from common.history import save_with_history

from ..models import Job, Provision
from ..validators import PROVISION_DATES
from .shared import Errors, announce_work, before_birth, day, earliest, field_errors, merge, refuse

CORRECTABLE = (
    "job",
    "kind",
    "applicant",
    "applied_on",
    "decided_on",
    "decision",
    "valid_from",
    "valid_until",
    "wage_value_percent",
    "review_on",
)
TEXT_FIELDS = {"kind", "applicant", "decision"}  # empty as "", the others as None
GRANTED = Provision.Decision.GRANTED


def _decision_errors(provision: Provision) -> Errors:
    """A decision has its date and a date its decision: on or after the application, today or
    earlier. The application is today or earlier too."""
    errors: Errors = {}
    today = timezone.localdate()
    if provision.applied_on > today:
        errors["applied_on"] = [_("De aanvraagdatum kan niet in de toekomst liggen.")]
    decided_on = provision.decided_on
    if provision.decision and decided_on is None:
        errors["decided_on"] = [_("Geef de datum van het besluit.")]
    elif decided_on is not None and not provision.decision:
        errors["decision"] = [_("Kies het besluit bij de besluitdatum.")]
    elif decided_on is not None and decided_on < provision.applied_on:
        errors["decided_on"] = [_("Het besluit kan niet vóór de aanvraag liggen.")]
    elif decided_on is not None and decided_on > today:
        errors["decided_on"] = [_("De besluitdatum kan niet in de toekomst liggen.")]
    return errors


def _validity_errors(provision: Provision) -> Errors:
    """A granted provision is valid from a date (up to an end, or open); others are not."""
    errors: Errors = {}
    if provision.decision == GRANTED:
        if provision.valid_from is None:
            errors["valid_from"] = [_("Geef de ingangsdatum van de toegekende voorziening.")]
        elif provision.valid_until is not None and provision.valid_until < provision.valid_from:
            errors["valid_until"] = [_("De einddatum ligt vóór de ingangsdatum.")]
    else:
        message = [_("Alleen een toegekende voorziening heeft een geldigheid.")]
        for field in ("valid_from", "valid_until"):
            if getattr(provision, field) is not None:
                errors[field] = message
    return errors


def _detail_errors(provision: Provision) -> Errors:
    """The wage value belongs to wage dispensation; granted, a wage dispensation has its wage
    value and its review date (DOMAIN.md). The review lies after the application; the job is
    the client's."""
    errors: Errors = {}
    dispensation = provision.kind == Provision.Kind.WAGE_DISPENSATION
    granted_dispensation = dispensation and provision.decision == GRANTED
    if provision.wage_value_percent is not None and not dispensation:
        errors["wage_value_percent"] = [_("Alleen bij loondispensatie geeft u een loonwaarde.")]
    elif granted_dispensation and provision.wage_value_percent is None:
        errors["wage_value_percent"] = [_("Geef de vastgestelde loonwaarde in procenten.")]
    if granted_dispensation and provision.review_on is None:
        errors["review_on"] = [_("Geef de datum waarop de loondispensatie wordt herbeoordeeld.")]
    elif provision.review_on is not None and provision.review_on < provision.applied_on:
        errors["review_on"] = [_("De herbeoordeling ligt vóór de aanvraag.")]
    job = provision.job
    if job is not None and job.client_id != provision.client_id:
        errors["job"] = [_("Dit werk hoort bij een andere cliënt.")]
    return errors


def _check_provision(provision: Provision, written: Iterable[str] = tuple(PROVISION_DATES)) -> None:
    """Refuse `provision` with a message per field for every rule it breaks; of its dates,
    those `written` now lie on or after the client's birth."""
    field_errors(provision)
    errors = merge(
        _decision_errors(provision),
        _validity_errors(provision),
        _detail_errors(provision),
        before_birth(provision.client, provision, PROVISION_DATES, written),
    )
    refuse(errors)


def _dates(provision: Provision) -> list[date | None]:
    return [provision.applied_on, provision.decided_on, provision.valid_from]


def record_provision(
    *,
    client: Client,
    kind: str,
    applicant: str,
    applied_on: date,
    by: User,
    job: Job | None = None,
    decided_on: date | None = None,
    decision: str = "",
    valid_from: date | None = None,
    valid_until: date | None = None,
    wage_value_percent: int | None = None,
    review_on: date | None = None,
    change_reason: str = "",
) -> Provision:
    """Record an application for a provision: pending, or (a past one) with its decision."""
    provision = Provision(
        client=client,
        job=job,
        kind=kind,
        applicant=applicant,
        applied_on=applied_on,
        decided_on=decided_on,
        decision=decision or "",
        valid_from=valid_from,
        valid_until=valid_until,
        wage_value_percent=wage_value_percent,
        review_on=review_on,
        recorded_by=by,
    )
    _check_provision(provision)
    why = change_reason or _("Voorziening aangevraagd")
    with transaction.atomic():
        save_with_history(provision, by=by, change_reason=why)
        since = earliest(*_dates(provision))
        announce_work(client_id=client.pk, since=since, by=by, change_reason=why)
    return provision


def decide_provision(
    *,
    provision: Provision,
    decision: str,
    decided_on: date,
    by: User,
    valid_from: date | None = None,
    valid_until: date | None = None,
    wage_value_percent: int | None = None,
    review_on: date | None = None,
    change_reason: str = "",
) -> Provision:
    """Decide on a pending application: granted (valid from `valid_from`; wage dispensation
    with its wage value and review date), refused or withdrawn."""
    with transaction.atomic():
        locked = Provision.objects.select_for_update().get(pk=provision.pk)
        if locked.decision:
            raise ValidationError(
                {
                    "decision": _("Op deze aanvraag is al besloten (%(decision)s, %(date)s).")
                    % {
                        "decision": locked.get_decision_display().lower(),
                        "date": day(locked.decided_on) if locked.decided_on else "",
                    }
                }
            )
        changes = {
            "decision": decision,
            "decided_on": decided_on,
            "valid_from": valid_from,
            "valid_until": valid_until,
            "wage_value_percent": wage_value_percent,
        }
        if review_on is not None:
            changes["review_on"] = review_on
        return _change(locked, changes, by=by, change_reason=change_reason)


def change_provision(
    *, provision: Provision, changes: dict[str, Any], by: User, change_reason: str = ""
) -> Provision:
    """Change fields of a provision: decide on it, or correct it. Changes that leave every
    value as it is save nothing."""
    unknown = sorted(set(changes) - set(CORRECTABLE))
    refuse({field: [_("Dit veld kan hier niet worden gewijzigd.")] for field in unknown})
    with transaction.atomic():
        locked = Provision.objects.select_for_update().get(pk=provision.pk)
        return _change(locked, changes, by=by, change_reason=change_reason)


def _change(
    locked: Provision, changes: dict[str, Any], *, by: User, change_reason: str
) -> Provision:
    changes = {
        field: "" if value is None and field in TEXT_FIELDS else value
        for field, value in changes.items()
    }
    changes = {f: v for f, v in changes.items() if getattr(locked, f) != v}
    if not changes:
        return locked
    before = _dates(locked)
    decided = not locked.decision and bool(changes.get("decision"))
    for field, value in changes.items():
        setattr(locked, field, value)
    _check_provision(locked, written=changes)
    why = change_reason or (
        _("Besluit op voorziening vastgelegd") if decided else _("Voorziening gecorrigeerd")
    )
    save_with_history(locked, by=by, change_reason=why)
    since = earliest(*before, *_dates(locked))
    announce_work(client_id=locked.client_id, since=since, by=by, change_reason=why)
    return locked
