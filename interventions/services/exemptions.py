"""Contact exemptions: periods in which no no-contact signal is raised for a client."""

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from clients.models import Client
from clients.rules import birth_errors, refuse
from common.events import Fact, announce_client_changed, announce_past_changed
from common.history import end_earlier, required_change_reason, save_with_history

from ..models import ContactExemption
from ..validators import CONTACT_EXEMPTION_DATES


def record_contact_exemption(
    *,
    client: Client,
    reason: str,
    valid_from: date,
    valid_until: date,
    note: str = "",
    by: User,
    change_reason: str = "",
) -> ContactExemption:
    """No no-contact signal from `valid_from` up to and including `valid_until`."""
    if valid_until < valid_from:
        raise ValidationError({"valid_until": _("De einddatum ligt vóór de ingangsdatum.")})
    refuse(birth_errors(client, {"valid_from": valid_from}, CONTACT_EXEMPTION_DATES))
    exemption = ContactExemption(
        client=client,
        reason=reason,
        note=note.strip(),
        valid_from=valid_from,
        valid_until=valid_until,
        recorded_by=by,
    )
    with transaction.atomic():
        why = change_reason.strip() or note.strip() or _("Contactvrijstelling")
        save_with_history(exemption, by=by, change_reason=why)
        announce_past_changed(valid_from, clients=[client.pk])
        announce_client_changed(
            client_id=client.pk,
            fact=Fact.CONTACT,
            by=by,
            change_reason=_("Opgelost: contactvrijstelling"),
        )
    return exemption


def end_contact_exemption_early(
    *, exemption: ContactExemption, valid_until: date, change_reason: str, by: User
) -> ContactExemption:
    """Let the exemption end on `valid_until`: not before it starts, and before its current
    end. From the next day on the client can get a no-contact signal again (the nightly check
    raises it); the change is announced as recording one is."""
    change_reason = required_change_reason(
        change_reason, missing=_("Geef een reden om de vrijstelling eerder te beëindigen.")
    )
    with transaction.atomic():
        locked = end_earlier(
            exemption, end_field="valid_until", on=valid_until, by=by, change_reason=change_reason
        )
        announce_past_changed(valid_until + timedelta(days=1), clients=[locked.client_id])
        announce_client_changed(
            client_id=locked.client_id, fact=Fact.CONTACT, by=by, change_reason=change_reason
        )
    exemption.valid_until = valid_until
    return locked
