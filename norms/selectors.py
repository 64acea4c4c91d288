from datetime import date

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from .models import NormVersion


class NoNormInForce(LookupError):
    pass


def norm_in_force(on: date) -> NormVersion:
    """The norm version whose effective date is the latest on or before `on`."""
    norm = NormVersion.objects.filter(effective_from__lte=on).order_by("-effective_from").first()
    if norm is None:
        raise NoNormInForce(
            _("Er is geen normversie geldig op %(date)s.") % {"date": date_format(on, "j F Y")}
        )
    return norm
