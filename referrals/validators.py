"""The days a referral's dates take, for the API, the forms and the admin alike."""

from django.utils.translation import gettext_lazy

from common.plausible import Plausible

REFERRAL_DATES = {
    "referred_on": Plausible(gettext_lazy("De verwijsdatum")),
    "consent_on": Plausible(gettext_lazy("De datum van toestemming")),
    "follow_up_on": Plausible(gettext_lazy("De datum om na te gaan"), future_years=2),
}
# The next follow-up, set from the file or the work queue: today or later.
NEXT_FOLLOW_UP_DATES = {
    "follow_up_on": Plausible(
        gettext_lazy("De datum om na te gaan"),
        future_years=2,
        from_today=True,
        past_message=gettext_lazy("Kies vandaag of een latere dag om na te gaan."),
    ),
}
