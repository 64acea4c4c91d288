"""The dates a signal's actions take: the API and the web forms read these."""

from django.utils.translation import gettext_lazy as _

from common.plausible import Plausible

# Set aside until a day from today on.
DISMISS_DATES = {
    "until": Plausible(
        _("De datum 'terzijde tot'"),
        future_years=10,
        from_today=True,
        past_message=_("De datum 'terzijde tot' kan niet in het verleden liggen."),
    )
}
