"""The work-plan letter: recording that a version of the plan was given or sent to the client."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.models import User
from common.history import save_with_history

from ..models import WorkPlan, WorkPlanLetter
from ..validators import not_in_future


def record_letter(
    *,
    work_plan: WorkPlan,
    handed_on: date,
    channel: str,
    by: User,
    client_agreed: bool = False,
    note: str = "",
    change_reason: str = "",
) -> WorkPlanLetter:
    """Record that the letter with `work_plan` was given in person or sent on `handed_on`,
    and whether the client said they agreed. Any version may be recorded, an earlier one too:
    the letter is a fact about that version."""
    not_in_future(
        handed_on, "handed_on", _("De datum van de brief kan niet in de toekomst liggen.")
    )
    made_on = timezone.localdate(work_plan.created_at)
    if handed_on < made_on:
        raise ValidationError(
            {
                "handed_on": _(
                    "De brief kan niet eerder zijn meegegeven of verstuurd dan deze versie van "
                    "het werkplan is gemaakt (%(day)s)."
                )
                % {"day": date_format(made_on, "j F Y")}
            }
        )
    letter = WorkPlanLetter(
        work_plan=work_plan,
        handed_on=handed_on,
        channel=channel,
        client_agreed=client_agreed,
        note=note.strip(),
        recorded_by=by,
    )
    with transaction.atomic():
        return save_with_history(
            letter, by=by, change_reason=change_reason or _("Brief met het werkplan vastgelegd")
        )
