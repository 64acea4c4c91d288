"""Contact exemptions: periods in which no no-contact signal is raised for a client."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from clients.models import Client
from common.events import Fact, announce_client_changed, announce_past_changed
from common.history import save_with_history

from ..models import ContactExemption


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
        announce_past_changed(valid_from)
        announce_client_changed(
            client_id=client.pk,
            fact=Fact.CONTACT,
            by=by,
            change_reason=_("Opgelost: contactvrijstelling"),
        )
    return exemption
