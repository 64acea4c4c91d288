"""Renewing a fixed-term job: extended to a later planned end, or made permanent."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from clients.rules import birth_errors
from common.history import save_with_history

from ..models import FIXED_TERM, Contract, Job, JobRenewal
from ..validators import RENEWAL_DATES
from .shared import Errors, announce_work, day, refuse


def _choice_errors(new_planned_end_on: date | None, made_permanent: bool) -> Errors:
    if made_permanent and new_planned_end_on is not None:
        return {
            "new_planned_end_on": [
                _("Kies een nieuwe einddatum óf een vast contract, niet allebei.")
            ]
        }
    if not made_permanent and new_planned_end_on is None:
        return {
            "new_planned_end_on": [
                _("Geef de nieuwe geplande einddatum, of maak het contract vast.")
            ]
        }
    return {}


def _day_errors(job: Job, renewed_on: date) -> Errors:
    """Renewed within the job (from its start up to its last day worked), today or earlier,
    and not before the renewal recorded last."""
    last = job.renewals.order_by("-renewed_on", "-id").first()
    message = None
    if renewed_on < job.started_on:
        message = _("Het werk begon op %(date)s; een verlenging ligt niet eerder.") % {
            "date": day(job.started_on)
        }
    elif renewed_on > timezone.localdate():
        message = _("De verlengdatum kan niet in de toekomst liggen.")
    elif last is not None and renewed_on < last.renewed_on:
        message = _("De vorige verlenging was op %(date)s; een nieuwe ligt niet eerder.") % {
            "date": day(last.renewed_on)
        }
    elif job.ended_on is not None and renewed_on > job.ended_on:
        message = _("Het werk eindigde op %(date)s; een verlenging ligt niet later.") % {
            "date": day(job.ended_on)
        }
    return {"renewed_on": [message]} if message else {}


def _end_errors(job: Job, renewed_on: date, new_planned_end_on: date | None) -> Errors:
    """An extension ends later than the planned end it replaces, and not before the day of
    the renewal."""
    current = job.planned_end_on
    if new_planned_end_on is None or current is None:
        return {}
    if new_planned_end_on <= current:
        message = _("De nieuwe einddatum moet na de huidige geplande einddatum (%(date)s) liggen.")
        return {"new_planned_end_on": [message % {"date": day(current)}]}
    if new_planned_end_on < renewed_on:
        return {"new_planned_end_on": [_("De nieuwe einddatum ligt vóór de verlengdatum.")]}
    return {}


def renew_job(
    *,
    job: Job,
    renewed_on: date,
    by: User,
    new_planned_end_on: date | None = None,
    made_permanent: bool = False,
    change_reason: str = "",
) -> JobRenewal:
    """Renew a temporary or agency contract on `renewed_on`: extend it to
    `new_planned_end_on` (later than its planned end now), or make it permanent (its planned
    end is cleared). The renewal keeps the terms it replaced. Returns the renewal."""
    refuse(_choice_errors(new_planned_end_on, made_permanent))
    with transaction.atomic():
        locked = Job.objects.select_for_update().get(pk=job.pk)
        if locked.contract not in FIXED_TERM:
            raise ValidationError(
                _("Alleen een tijdelijk contract of uitzendcontract wordt verlengd of vast.")
            )
        dates = {"renewed_on": renewed_on, "new_planned_end_on": new_planned_end_on}
        refuse(
            birth_errors(locked.client, dates, RENEWAL_DATES)
            or _day_errors(locked, renewed_on)
            or _end_errors(locked, renewed_on, new_planned_end_on)
        )
        assert locked.planned_end_on is not None  # a fixed-term contract has one
        renewal = JobRenewal(
            job=locked,
            renewed_on=renewed_on,
            new_planned_end_on=new_planned_end_on,
            made_permanent=made_permanent,
            previous_contract=locked.contract,
            previous_planned_end_on=locked.planned_end_on,
            recorded_by=by,
        )
        if made_permanent:
            locked.contract, locked.planned_end_on = Contract.PERMANENT, None
            why = change_reason or _("Contract vast geworden")
        else:
            locked.planned_end_on = new_planned_end_on
            why = change_reason or _("Contract verlengd tot %(date)s") % {
                "date": day(new_planned_end_on)  # type: ignore[arg-type]
            }
        save_with_history(renewal, by=by, change_reason=why)
        save_with_history(locked, by=by, change_reason=why)
        announce_work(client_id=locked.client_id, since=renewed_on, by=by, change_reason=why)
    return renewal
