"""The catalogues: providers and the service types that can be bought from them."""

from django.utils.translation import gettext as _

from accounts.models import User
from common.history import save_with_history

from ..models import Provider, ServiceType


def save_catalogue_entry(
    *, entry: Provider | ServiceType, by: User | None, reason: str = ""
) -> Provider | ServiceType:
    """Create or change a provider or service type (functional administrators)."""
    return save_with_history(entry, by=by, reason=reason or _("Catalogus bijgewerkt"))
