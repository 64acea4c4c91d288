"""The catalogues: providers and the service types that can be bought from them."""

from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from common.history import save_with_history

from ..models import Provider, ServiceType


def save_catalogue_entry(
    *, entry: Provider | ServiceType, by: User | None, change_reason: str = ""
) -> Provider | ServiceType:
    """Create or change a provider or service type (functional administrators)."""
    with transaction.atomic():
        return save_with_history(
            entry, by=by, change_reason=change_reason or _("Catalogus bijgewerkt")
        )
