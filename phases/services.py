"""Writes for phases: transitions between the four client phases and phase exemptions."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from clients.models import Client
from clients.rules import birth_errors, refuse
from clients.services import lock_client, record_client_change
from common.events import Fact, announce_client_changed, announce_past_changed
from common.history import end_earlier, required_change_reason, save_with_history
from common.plausible import long_date

from .models import Phase, PhaseExemption, PhasePeriod
from .validators import PHASE_EXEMPTION_DATES, PHASE_TRANSITION_DATES


def transition_phase(
    *,
    client: Client,
    phase: str,
    started_on: date,
    reason: str,
    by: User | None,
    expected_version: int | None = None,
) -> PhasePeriod:
    """Close the current phase period on `started_on` and open one for `phase`.

    Skips and regressions are allowed (phases are not a ladder); the first transition opens
    the client's first period. The client row is locked so concurrent transitions queue up.
    """
    reason = (reason or "").strip()
    phase = str(phase)
    errors = {}
    if phase not in Phase.values:
        errors["phase"] = _("Onbekende fase %(phase)s; kies 1, 2, 3 of 4.") % {"phase": phase}
    if not reason:
        errors["reason"] = _("Geef een reden voor de fasewijziging.")
    if started_on > timezone.localdate():
        errors["started_on"] = _("Een fasewijziging kan niet in de toekomst ingaan.")
    if errors:
        raise ValidationError(errors)
    refuse(birth_errors(client, {"started_on": started_on}, PHASE_TRANSITION_DATES))

    with transaction.atomic():
        locked = lock_client(client=client, expected_version=expected_version)
        current = PhasePeriod.objects.filter(client=locked, ended_on__isnull=True).first()
        if current is not None:
            if current.phase == phase:
                raise ValidationError(
                    {"phase": _("De cliënt zit al in fase %(phase)s.") % {"phase": phase}}
                )
            if started_on < current.started_on:
                raise ValidationError(
                    {
                        "started_on": _(
                            "De nieuwe fase kan niet ingaan vóór het begin van de huidige "
                            "fase (%(date)s)."
                        )
                        % {"date": long_date(current.started_on)}
                    }
                )
            current.ended_on = started_on
            save_with_history(current, by=by, change_reason=reason)
        elif PhasePeriod.objects.filter(client=locked, ended_on__gt=started_on).exists():
            raise ValidationError(
                {"started_on": _("Deze datum overlapt met een eerdere faseperiode.")}
            )
        period = PhasePeriod(
            client=locked, phase=phase, started_on=started_on, reason=reason, recorded_by=by
        )
        save_with_history(period, by=by, change_reason=reason)
        record_client_change(client=locked, by=by, change_reason=reason)
        announce_past_changed(started_on, clients=[locked.pk])
        announce_client_changed(client_id=locked.pk, fact=Fact.PHASE, by=by, change_reason=reason)
    client.version = locked.version
    return period


def record_phase_exemption(
    *,
    client: Client,
    phase: str,
    reason: str,
    valid_from: date,
    review_on: date,
    note: str = "",
    by: User | None,
    change_reason: str = "",
) -> PhaseExemption:
    """No stalled-phase signal for `phase` from `valid_from` up to and including `review_on`."""
    if review_on < valid_from:
        raise ValidationError(
            {"review_on": _("De herbeoordelingsdatum ligt vóór de ingangsdatum.")}
        )
    refuse(birth_errors(client, {"valid_from": valid_from}, PHASE_EXEMPTION_DATES))
    exemption = PhaseExemption(
        client=client,
        phase=str(phase),
        reason=reason,
        note=note.strip(),
        valid_from=valid_from,
        review_on=review_on,
        recorded_by=by,
    )
    why = change_reason.strip() or note.strip() or _("Fasevrijstelling")
    # Its own transaction: a task or command has no request around it, and the signal is
    # resolved only once the exemption is stored.
    with transaction.atomic():
        save_with_history(exemption, by=by, change_reason=why)
        announce_client_changed(
            client_id=client.pk,
            fact=Fact.PHASE,
            by=by,
            change_reason=_("Opgelost: fasevrijstelling"),
        )
    return exemption


def end_phase_exemption_early(
    *, exemption: PhaseExemption, review_on: date, change_reason: str, by: User | None
) -> PhaseExemption:
    """Let the exemption end on `review_on`: not before it starts, and before its current
    review date. From the next day on the client can get a stalled-phase signal again (the
    nightly check raises it); the change is announced as recording one is."""
    change_reason = required_change_reason(
        change_reason, missing=_("Geef een reden om de vrijstelling eerder te beëindigen.")
    )
    with transaction.atomic():
        locked = end_earlier(
            exemption, end_field="review_on", on=review_on, by=by, change_reason=change_reason
        )
        announce_client_changed(
            client_id=locked.client_id, fact=Fact.PHASE, by=by, change_reason=change_reason
        )
    exemption.review_on = review_on
    return locked
