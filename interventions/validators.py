from datetime import date

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from common.plausible import Plausible


def validate_phase_codes(value: str) -> None:
    """Phase codes as a sorted string without repeats, e.g. "23" for phases 2 and 3."""
    if not value or any(c not in "1234" for c in value) or "".join(sorted(set(value))) != value:
        raise ValidationError(
            _("Geef de fasen op als oplopende cijfers 1 tot en met 4, bijvoorbeeld 23."),
            code="phase_codes",
        )


def not_in_future(day: date | None, field: str, message: str) -> None:
    """Refuse `day` on `field` with `message` when it lies after today."""
    if day is not None and day > timezone.localdate():
        raise ValidationError({field: message})


# The dates each record takes, by field: its API serializer and its web forms read these.
CONVERSATION_DATES = {
    "held_on": Plausible(gettext_lazy("De gespreksdatum"), future_years=2),
    "next_contact_on": Plausible(gettext_lazy("Het volgende contact"), future_years=5),
}
# A planned conversation moved to another day (from the work queue): today or later.
MOVED_PLAN_DATES = {
    "on": Plausible(
        gettext_lazy("De nieuwe datum"),
        future_years=2,
        from_today=True,
        past_message=gettext_lazy("Een gesprek verzet u naar vandaag of later."),
    )
}
CONTACT_EXEMPTION_DATES = {
    "valid_from": Plausible(gettext_lazy("De ingangsdatum"), future_years=2),
    "valid_until": Plausible(gettext_lazy("De einddatum"), future_years=10),
}
WORK_PLAN_DATES = {"agreed_on": Plausible(gettext_lazy("De afspraakdatum"))}
AGREEMENT_DATES = {"due_on": Plausible(gettext_lazy("De uiterste datum"), future_years=10)}
LETTER_DATES = {"handed_on": Plausible(gettext_lazy("De datum van de brief"))}
TRAJECTORY_DATES = {
    "purchased_on": Plausible(gettext_lazy("De inkoopdatum")),
    "started_on": Plausible(gettext_lazy("De startdatum"), future_years=2),
    "planned_end_on": Plausible(gettext_lazy("De geplande einddatum"), future_years=10),
}
# The day a trajectory starts, pauses, resumes or ends after its purchase: never after today.
STATUS_CHANGE_DATES = {"on": Plausible(gettext_lazy("De datum"))}
