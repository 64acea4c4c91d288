"""The only writes of the social map and the referrals: keeping an organisation, referring a
client, changing a referral's status, moving its follow-up, correcting it."""

from datetime import date, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from clients.models import Client
from clients.rules import birth_errors
from common.history import required_change_reason, save_with_history
from common.plausible import long_date

from .models import Organisation, Referral
from .validators import REFERRAL_DATES

Errors = dict[str, list[str]]
Status = Referral.Status
FOLLOW_UP_AFTER = timedelta(weeks=6)  # when no follow-up date is given
FINAL = {Status.FINISHED, Status.DROPPED_OUT}
# Where a referral may go from each status; leaving a final status is a reopening.
NEXT = {
    Status.REFERRED: {Status.WAITING, Status.IN_CARE, *FINAL},
    Status.WAITING: {Status.IN_CARE, *FINAL},
    Status.IN_CARE: set(FINAL),
    Status.FINISHED: {Status.REFERRED, Status.WAITING, Status.IN_CARE},
    Status.DROPPED_OUT: {Status.REFERRED, Status.WAITING, Status.IN_CARE},
}
CHANGEABLE = ("organisation", "referred_on", "consent_on", "status", "follow_up_on", "note")


def save_organisation(
    *, organisation: Organisation, by: User | None, change_reason: str = ""
) -> Organisation:
    """Add an organisation to the social map or change one (functional administrators)."""
    with transaction.atomic():
        return save_with_history(
            organisation, by=by, change_reason=change_reason or _("Sociale kaart bijgewerkt")
        )


def _refuse(errors: Errors) -> None:
    if errors:
        raise ValidationError(errors)


def _date_errors(referral: Referral) -> Errors:
    """Referred and consented today or earlier, consent on or before the referral (data are
    shared when referring), both after the client's birth; the follow-up after the referral."""
    errors: Errors = birth_errors(
        referral.client,
        {"referred_on": referral.referred_on, "consent_on": referral.consent_on},
        REFERRAL_DATES,
    )
    for field, rule in REFERRAL_DATES.items():
        value = getattr(referral, field)
        message = rule.refusal(value) if value is not None else None
        if message is not None:
            errors.setdefault(field, [message])
    if "consent_on" not in errors and referral.consent_on > referral.referred_on:
        errors["consent_on"] = [
            _("De cliënt geeft toestemming om gegevens te delen vóór of op de verwijsdatum.")
        ]
    follow_up = referral.follow_up_on
    if follow_up is not None and follow_up < referral.referred_on:
        errors["follow_up_on"] = [_("De datum om na te gaan ligt vóór de verwijsdatum.")]
    return errors


def _status_errors(referral: Referral) -> Errors:
    """An open referral comes back on a follow-up date; a closed one does not."""
    if referral.is_open and referral.follow_up_on is None:
        return {"follow_up_on": [_("Geef de datum om de verwijzing na te gaan.")]}
    if not referral.is_open and referral.follow_up_on is not None:
        return {"follow_up_on": [_("Een afgesloten verwijzing heeft geen datum om na te gaan.")]}
    return {}


def _check(referral: Referral, *, new_organisation: bool) -> None:
    referral.clean_fields(exclude=["client", "referred_by"])
    errors = _date_errors(referral)
    for field, messages in _status_errors(referral).items():
        errors.setdefault(field, messages)
    if new_organisation and not referral.organisation.active:
        errors.setdefault("organisation", [_("Deze organisatie staat niet meer op de kaart.")])
    _refuse(errors)


def refer_client(
    *,
    client: Client,
    organisation: Organisation,
    referred_on: date,
    consent_on: date,
    by: User,
    status: str = Status.REFERRED,
    follow_up_on: date | None = None,
    note: str = "",
    change_reason: str = "",
) -> Referral:
    """Refer a client to an organisation on the social map. An open referral without a
    follow-up date comes back six weeks after the referral; a past one may be recorded
    whole, closed."""
    referral = Referral(
        client=client,
        organisation=organisation,
        referred_on=referred_on,
        consent_on=consent_on,
        status=status,
        follow_up_on=follow_up_on,
        note=note,
        referred_by=by,
    )
    if referral.is_open and follow_up_on is None:
        referral.follow_up_on = referred_on + FOLLOW_UP_AFTER
    _check(referral, new_organisation=True)
    with transaction.atomic():
        return save_with_history(
            referral, by=by, change_reason=change_reason or _("Cliënt doorverwezen")
        )


def _status_change(
    locked: Referral, status: str, changes: dict[str, Any], why: str, default_reason: str
) -> str:
    """Move `locked` to `status` (a transition that makes sense), its follow-up with it;
    answers the history reason. Reopening a closed referral needs a reason."""
    if status not in NEXT[Status(locked.status)]:
        raise ValidationError(
            {
                "status": _("Een verwijzing met status %(old)s kan niet naar %(new)s.")
                % {
                    "old": locked.get_status_display().lower(),
                    "new": Status(status).label.lower(),
                }
            }
        )
    reopening = locked.status in FINAL
    if reopening:
        why = required_change_reason(
            why, missing=_("Geef de reden om deze afgesloten verwijzing te heropenen.")
        )
    if status in FINAL:
        changes.setdefault("follow_up_on", None)
    elif "follow_up_on" not in changes and locked.follow_up_on is None:
        changes["follow_up_on"] = timezone.localdate() + FOLLOW_UP_AFTER
    return why or default_reason or _("Status van de verwijzing gewijzigd")


def _follow_up_errors(locked: Referral, changes: dict[str, Any]) -> Errors:
    """A new follow-up date is today or later."""
    follow_up = changes.get("follow_up_on")
    if follow_up is None or follow_up == locked.follow_up_on:
        return {}
    if follow_up < timezone.localdate():
        return {"follow_up_on": [_("Kies vandaag of een latere dag om na te gaan.")]}
    return {}


def change_referral(
    *, referral: Referral, changes: dict[str, Any], by: User, change_reason: str = ""
) -> Referral:
    """Change a referral: its status (with its follow-up), its next follow-up date, or a
    correction. Changes that leave every value as it is save nothing."""
    return _change(referral, changes, by=by, change_reason=change_reason)


def _change(
    referral: Referral,
    changes: dict[str, Any],
    *,
    by: User,
    change_reason: str,
    default_reason: str = "",
) -> Referral:
    unknown = set(changes) - set(CHANGEABLE)
    _refuse({field: [_("Dit veld kan hier niet worden gewijzigd.")] for field in unknown})
    with transaction.atomic():
        locked = Referral.objects.select_for_update().select_related("client").get(pk=referral.pk)
        changes = {f: v for f, v in changes.items() if getattr(locked, f) != v}
        if not changes:
            return locked
        why = change_reason
        if "status" in changes:
            why = _status_change(locked, changes["status"], changes, why, default_reason)
        elif changes.get("follow_up_on") and not why:
            why = default_reason or _("Nagaan verzet naar %(date)s") % {
                "date": long_date(changes["follow_up_on"])
            }
        _refuse(_follow_up_errors(locked, changes))
        new_organisation = "organisation" in changes
        for field, value in changes.items():
            setattr(locked, field, value)
        _check(locked, new_organisation=new_organisation)
        return save_with_history(locked, by=by, change_reason=why or _("Verwijzing gecorrigeerd"))


def change_referral_status(
    *,
    referral: Referral,
    status: str,
    by: User,
    follow_up_on: date | None = None,
    change_reason: str = "",
) -> Referral:
    """Record how a referral goes on (waiting, in care, finished, dropped out), with the next
    follow-up date for an open one (today or later); reopening a closed one needs a reason."""
    changes: dict[str, Any] = {"status": status}
    if follow_up_on is not None:
        changes["follow_up_on"] = follow_up_on
    return change_referral(referral=referral, changes=changes, by=by, change_reason=change_reason)


def record_follow_up(
    *, referral: Referral, status: str, follow_up_on: date | None, by: User, change_reason: str = ""
) -> Referral:
    """The caseworker followed the referral up: its status now (it may stay as it is) and,
    while it runs, the next follow-up date after today; reopening a closed one needs a
    reason."""
    if status not in FINAL and (follow_up_on is None or follow_up_on <= timezone.localdate()):
        raise ValidationError(
            {"follow_up_on": _("Kies een latere dag dan vandaag om opnieuw na te gaan.")}
        )
    return _change(
        referral,
        {"status": status, "follow_up_on": None if status in FINAL else follow_up_on},
        by=by,
        change_reason=change_reason,
        default_reason=_("Verwijzing nagegaan"),
    )


def move_follow_up(
    *, referral: Referral, follow_up_on: date, by: User, change_reason: str = ""
) -> Referral:
    """Come back to an open referral on another day, today or later."""
    if not referral.is_open:
        raise ValidationError(
            {"follow_up_on": _("Een afgesloten verwijzing heeft geen datum om na te gaan.")}
        )
    return change_referral(
        referral=referral,
        changes={"follow_up_on": follow_up_on},
        by=by,
        change_reason=change_reason,
    )
