"""Work plans (one current version per client) and the agreements in them."""

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from clients.models import Client
from clients.rules import birth_errors, refuse
from clients.services import lock_client
from common.events import announce_past_changed
from common.exceptions import EditConflict
from common.history import required_change_reason, save_with_history

from ..models import Agreement, WorkPlan
from ..validators import AGREEMENT_DATES, WORK_PLAN_DATES, not_in_future

# The statuses an agreement can be reopened from (with a reason).
REOPENABLE = (Agreement.Status.DONE, Agreement.Status.CANCELLED)


def create_work_plan_version(
    *,
    client: Client,
    goal: str,
    by: User,
    agreements: list[dict[str, Any]] | None = None,
    carry_over_open_agreements: bool = True,
    based_on_version: int | None = None,
    change_reason: str = "",
) -> WorkPlan:
    """Start a new current work plan; the previous one is kept as superseded.

    Open agreements move along by default, so that they survive a new plan and a handover.
    `based_on_version` is the plan version the user edited (0 for none): if someone made a
    newer version meanwhile, EditConflict is raised and nothing is written.
    """
    if not goal.strip():
        raise ValidationError({"goal": _("Beschrijf het doel van het werkplan.")})
    change_reason = change_reason or _("Nieuwe versie van het werkplan")
    with transaction.atomic():
        locked = lock_client(client=client)  # one new version at a time per client
        previous = (
            WorkPlan.objects.filter(client=locked)
            .exclude(status=WorkPlan.Status.SUPERSEDED)
            .first()
        )
        last_version = WorkPlan.objects.filter(client=locked).aggregate(v=Max("version"))["v"]
        if based_on_version is not None and based_on_version != (last_version or 0):
            raise EditConflict(current_version=last_version or 0)
        carried: list[dict[str, Any]] = []
        if previous is not None:
            if carry_over_open_agreements:
                open_agreements = previous.agreements.filter(status=Agreement.Status.OPEN)
                carried = [
                    dict(row) for row in open_agreements.values("description", "owner", "due_on")
                ]
            previous.status = WorkPlan.Status.SUPERSEDED
            save_with_history(previous, by=by, change_reason=change_reason)
        plan = WorkPlan(
            client=locked, version=(last_version or 0) + 1, goal=goal.strip(), created_by=by
        )
        save_with_history(plan, by=by, change_reason=change_reason)
        for spec in carried + list(agreements or []):
            add_agreement(work_plan=plan, by=by, change_reason=change_reason, **spec)
        _announce(locked.pk)  # the superseded plan's agreements are no longer overdue
    return plan


def _announce(client_id: int) -> None:
    """Overdue agreements are counted on the dashboard: today's figures change."""
    announce_past_changed(timezone.localdate(), clients=[client_id])


def _lock_current_plan(plan: WorkPlan) -> WorkPlan:
    """The plan's row, locked; refused when a newer version has replaced it meanwhile."""
    locked = WorkPlan.objects.select_for_update().get(pk=plan.pk)
    if locked.status == WorkPlan.Status.SUPERSEDED:
        raise ValidationError(
            _("Dit werkplan is vervangen door een nieuwere versie en kan niet meer veranderen.")
        )
    return locked


def agree_work_plan(
    *, work_plan: WorkPlan, agreed_on: date, by: User, change_reason: str = ""
) -> WorkPlan:
    not_in_future(agreed_on, "agreed_on", _("De afspraakdatum kan niet in de toekomst liggen."))
    refuse(birth_errors(work_plan.client, {"agreed_on": agreed_on}, WORK_PLAN_DATES))
    with transaction.atomic():
        locked = _lock_current_plan(work_plan)
        locked.status = WorkPlan.Status.AGREED
        locked.agreed_on = agreed_on
        save_with_history(locked, by=by, change_reason=change_reason or _("Werkplan afgesproken"))
    work_plan.status, work_plan.agreed_on = locked.status, locked.agreed_on
    return locked


def add_agreement(
    *,
    work_plan: WorkPlan,
    description: str,
    owner: str,
    by: User,
    due_on: date | None = None,
    change_reason: str = "",
) -> Agreement:
    refuse(birth_errors(work_plan.client, {"due_on": due_on}, AGREEMENT_DATES))
    with transaction.atomic():
        locked = _lock_current_plan(work_plan)
        agreement = Agreement(
            work_plan=locked, description=description.strip(), owner=owner, due_on=due_on
        )
        save_with_history(agreement, by=by, change_reason=change_reason or _("Afspraak toegevoegd"))
        _announce(locked.client_id)
        return agreement


def _lock_agreement(agreement: Agreement, expected_status: str | None) -> Agreement:
    """The agreement's row, locked, in a plan that is still current; when it no longer has the
    status the user saw (`expected_status`), EditConflict."""
    _lock_current_plan(agreement.work_plan)
    locked = Agreement.objects.select_for_update().get(pk=agreement.pk)
    if expected_status is not None and locked.status != expected_status:
        raise EditConflict(
            _("Iemand anders heeft de afspraak '%(agreement)s' intussen op '%(status)s' gezet.")
            % {"agreement": locked.description, "status": locked.get_status_display()}
        )
    return locked


def set_agreement_status(
    *,
    agreement: Agreement,
    status: str,
    by: User,
    expected_status: str | None = None,
    change_reason: str = "",
) -> Agreement:
    """Change an agreement's status; with `expected_status` (what the user saw) a change made
    by someone else meanwhile raises EditConflict instead of being overwritten."""
    if status not in Agreement.Status.values:
        raise ValidationError({"status": _("Onbekende status.")})
    with transaction.atomic():
        locked = _lock_agreement(agreement, expected_status)
        locked.status = status
        save_with_history(
            locked, by=by, change_reason=change_reason or _("Status afspraak gewijzigd")
        )
        _announce(agreement.work_plan.client_id)
    agreement.status = status
    return locked


def reopen_agreement(
    *,
    agreement: Agreement,
    change_reason: str,
    by: User,
    expected_status: str | None = None,
) -> Agreement:
    """Open a done or cancelled agreement of the current plan again, for a reason (required,
    kept in the history). With `expected_status` (what the user saw) a change made by someone
    else meanwhile raises EditConflict instead of being overwritten."""
    change_reason = required_change_reason(
        change_reason, missing=_("Geef een reden om de afspraak te heropenen.")
    )
    with transaction.atomic():
        locked = _lock_agreement(agreement, expected_status)
        if locked.status not in REOPENABLE:
            raise ValidationError(
                {"status": _("Alleen een afgeronde of vervallen afspraak kan worden heropend.")}
            )
        locked.status = Agreement.Status.OPEN
        save_with_history(locked, by=by, change_reason=change_reason)
        _announce(agreement.work_plan.client_id)
    agreement.status = locked.status
    return locked
