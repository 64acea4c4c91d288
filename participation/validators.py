"""The dates a rung assessment takes, by field: its API serializer and its web forms read these."""

from django.utils.translation import gettext_lazy as _

from common.plausible import Plausible

LADDER_DATES = {
    "assessed_on": Plausible(
        _("De datum van de beoordeling"),
        future_message=_("Een beoordeling op de ladder kan niet in de toekomst liggen."),
    )
}
