"""The dates a phase record takes, by field: its API serializer and its web forms read these."""

from django.utils.translation import gettext_lazy as _

from common.plausible import Plausible

PHASE_TRANSITION_DATES = {
    "started_on": Plausible(
        _("De ingangsdatum"),
        future_message=_("Een fasewijziging kan niet in de toekomst ingaan."),
    )
}
PHASE_EXEMPTION_DATES = {
    "valid_from": Plausible(_("De ingangsdatum"), future_years=2),
    "review_on": Plausible(_("De herbeoordelingsdatum"), future_years=10),
}
