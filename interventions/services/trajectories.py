"""Purchased trajectories: buying one, and its status from requested to completed."""

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum
from functools import partial

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from clients.models import Client
from clients.rules import birth_errors
from clients.services import lock_client
from common.exceptions import EditConflict
from common.history import save_with_history
from common.plausible import long_date
from phases.models import PhasePeriod

from ..models import Provider, ServiceType, Trajectory, TrajectoryPause
from ..validators import TRAJECTORY_DATES, not_in_future


def _had_service_before(client: Client, service_type: ServiceType) -> bool:
    """Whether a repeat purchase needs a justification: an earlier, not cancelled purchase."""
    return (
        Trajectory.objects.filter(client=client, service_type=service_type)
        .exclude(status=Trajectory.Status.CANCELLED)
        .exists()
    )


def purchase_trajectory(
    *,
    client: Client,
    service_type: ServiceType,
    provider: Provider,
    purpose: str,
    purchased_on: date,
    cost: Decimal,
    by: User,
    started_on: date | None = None,
    planned_end_on: date | None = None,
    repeat_justification: str = "",
    change_reason: str = "",
) -> Trajectory:
    """Buy `service_type` from `provider` for the client: requested, or running once started."""
    # Its own transaction, the client locked: two purchases at once cannot both pass the
    # repeat check, and the row and its history row are stored together.
    with transaction.atomic():
        lock_client(client=client)
        trajectory = Trajectory(
            client=client,
            service_type=service_type,
            provider=provider,
            purpose=purpose.strip(),
            purchased_on=purchased_on,
            started_on=started_on,
            planned_end_on=planned_end_on,
            cost=cost,
            repeat_justification=repeat_justification.strip(),
            purchased_by=by,
        )
        errors = _catalogue_errors(trajectory) | _purchase_date_errors(trajectory)
        if _had_service_before(client, service_type) and not trajectory.repeat_justification:
            errors["repeat_justification"] = [
                _(
                    "Deze cliënt kreeg deze dienst al eerder; motiveer waarom hij opnieuw wordt "
                    "ingekocht."
                )
            ]
        if errors:
            raise ValidationError(errors)
        running = started_on is not None and started_on <= timezone.localdate()
        trajectory.status = Trajectory.Status.RUNNING if running else Trajectory.Status.REQUESTED
        return save_with_history(
            trajectory, by=by, change_reason=change_reason or _("Traject ingekocht")
        )


def _catalogue_errors(trajectory: Trajectory) -> dict[str, list[str]]:
    """The service and provider must still be bought, the service for the client's phase."""
    errors: dict[str, list[str]] = defaultdict(list)
    service_type = trajectory.service_type
    if not service_type.active:
        errors["service_type"].append(_("Deze dienst wordt niet meer ingekocht."))
    if not trajectory.provider.active:
        errors["provider"].append(_("Bij deze aanbieder wordt niet meer ingekocht."))
    current = PhasePeriod.objects.filter(client=trajectory.client, ended_on__isnull=True).first()
    if current is not None and not service_type.serves(current.phase):
        errors["service_type"].append(
            _("Deze dienst is niet bedoeld voor cliënten in fase %(phase)s.")
            % {"phase": current.phase}
        )
    return dict(errors)


def _purchase_date_errors(trajectory: Trajectory) -> dict[str, list[str]]:
    """Bought today or earlier; started on or after the purchase; planned to end after that."""
    errors: dict[str, list[str]] = {}
    purchased_on, started_on = trajectory.purchased_on, trajectory.started_on
    if purchased_on > timezone.localdate():
        errors["purchased_on"] = [_("De inkoopdatum kan niet in de toekomst liggen.")]
    errors |= birth_errors(trajectory.client, {"purchased_on": purchased_on}, TRAJECTORY_DATES)
    if started_on and started_on < purchased_on:
        errors["started_on"] = [_("Het traject kan niet starten vóór de inkoopdatum.")]
    planned_end_on = trajectory.planned_end_on
    if planned_end_on and planned_end_on < (started_on or purchased_on):
        errors["planned_end_on"] = [_("De geplande einddatum ligt vóór de start.")]
    return errors


class TrajectoryAction(StrEnum):
    """The changes of a trajectory's status after its purchase."""

    START = "start"  # requested -> running
    PAUSE = "pause"  # running -> paused
    RESUME = "resume"  # paused -> running
    COMPLETE = "complete"  # requested, running or paused -> completed (with an outcome)
    CANCEL = "cancel"  # requested, running or paused -> cancelled


def action_towards(*, trajectory: Trajectory, status: str) -> TrajectoryAction:
    """The action that brings `trajectory` to `status`: `running` starts a requested trajectory
    and resumes any other (the service refuses what its status does not allow)."""
    if status == Trajectory.Status.RUNNING:
        if trajectory.status == Trajectory.Status.REQUESTED:
            return TrajectoryAction.START
        return TrajectoryAction.RESUME
    towards = {
        Trajectory.Status.PAUSED: TrajectoryAction.PAUSE,
        Trajectory.Status.COMPLETED: TrajectoryAction.COMPLETE,
        Trajectory.Status.CANCELLED: TrajectoryAction.CANCEL,
    }
    if status not in towards:
        raise ValidationError({"status": _("Sluit af als afgerond of geannuleerd.")})
    return towards[Trajectory.Status(status)]


@dataclass(frozen=True)
class _Change:
    """One status change as asked: the day it takes effect and what goes with it."""

    on: date
    by: User
    change_reason: str
    reason: str
    outcome: str
    outcome_note: str
    expected_status: str | None


def change_trajectory_status(
    *,
    trajectory: Trajectory,
    action: TrajectoryAction | str,
    on: date,
    by: User,
    change_reason: str = "",
    reason: str = "",
    outcome: str = "",
    outcome_note: str = "",
    expected_status: str | None = None,
) -> Trajectory:
    """Start, pause, resume, complete or cancel `trajectory` from the day `on`: the one way its
    status changes, on the screen and over the API.

    `reason` is a pause's reason (required to pause; the history's reason unless
    `change_reason` is given); `outcome` is required to complete. `expected_status` is the
    status the user saw: if someone else changed it meanwhile, EditConflict, so that their
    change is not silently undone. Returns the changed trajectory.
    """
    try:
        step = _STEPS[TrajectoryAction(action)]
    except ValueError:
        raise ValidationError({"action": _("Onbekende wijziging van het traject.")}) from None
    change = _Change(
        on=on,
        by=by,
        change_reason=change_reason.strip(),
        reason=reason.strip(),
        outcome=outcome,
        outcome_note=outcome_note.strip(),
        expected_status=expected_status,
    )
    with transaction.atomic():
        return step(trajectory, change)


def _lock_trajectory(
    trajectory: Trajectory, *allowed: str, expected_status: str | None = None
) -> Trajectory:
    """The trajectory's row, locked, if its status is one of `allowed` and (when given) still
    `expected_status`."""
    locked = Trajectory.objects.select_for_update().get(pk=trajectory.pk)
    if expected_status is not None and locked.status != expected_status:
        raise EditConflict(
            _("Iemand anders heeft dit traject intussen gewijzigd (status nu '%(status)s').")
            % {"status": locked.get_status_display()}
        )
    if locked.status not in allowed:
        raise ValidationError(
            {
                "status": _("Dat kan niet bij een traject met status '%(status)s'.")
                % {"status": locked.get_status_display()}
            }
        )
    return locked


def _start(trajectory: Trajectory, change: _Change) -> Trajectory:
    not_in_future(change.on, "started_on", _("De startdatum kan niet in de toekomst liggen."))
    locked = _lock_trajectory(
        trajectory, Trajectory.Status.REQUESTED, expected_status=change.expected_status
    )
    if change.on < locked.purchased_on:
        raise ValidationError(
            {"started_on": _("Het traject kan niet starten vóór de inkoopdatum.")}
        )
    locked.started_on = change.on
    locked.status = Trajectory.Status.RUNNING
    why = change.change_reason or _("Traject gestart")
    return save_with_history(locked, by=change.by, change_reason=why)


def _pause(trajectory: Trajectory, change: _Change) -> Trajectory:
    if not change.reason:
        raise ValidationError({"reason": _("Geef een reden voor de pauze.")})
    not_in_future(change.on, "from_date", _("Een pauze kan niet in de toekomst ingaan."))
    locked = _lock_trajectory(
        trajectory, Trajectory.Status.RUNNING, expected_status=change.expected_status
    )
    last_resume = locked.pauses.aggregate(d=Max("to_date"))["d"]
    earliest = max(d for d in (locked.started_on, last_resume) if d is not None)
    if change.on < earliest:
        raise ValidationError(
            {
                "from_date": _("De pauze kan niet ingaan vóór %(date)s.")
                % {"date": long_date(earliest)}
            }
        )
    why = change.change_reason or change.reason
    pause = TrajectoryPause(trajectory=locked, from_date=change.on, reason=change.reason)
    save_with_history(pause, by=change.by, change_reason=why)
    locked.status = Trajectory.Status.PAUSED
    return save_with_history(locked, by=change.by, change_reason=why)


def _end_open_pause(
    trajectory: Trajectory, on: date, *, by: User, change_reason: str, field: str
) -> None:
    pause = trajectory.pauses.get(to_date__isnull=True)
    if on < pause.from_date:
        raise ValidationError(
            {
                field: _("Deze datum ligt vóór het begin van de pauze (%(date)s).")
                % {"date": long_date(pause.from_date)}
            }
        )
    pause.to_date = on
    save_with_history(pause, by=by, change_reason=change_reason)


def _resume(trajectory: Trajectory, change: _Change) -> Trajectory:
    not_in_future(change.on, "on", _("Hervatten kan niet in de toekomst."))
    why = change.change_reason or _("Traject hervat")
    locked = _lock_trajectory(
        trajectory, Trajectory.Status.PAUSED, expected_status=change.expected_status
    )
    _end_open_pause(locked, change.on, by=change.by, change_reason=why, field="on")
    locked.status = Trajectory.Status.RUNNING
    return save_with_history(locked, by=change.by, change_reason=why)


def _close(trajectory: Trajectory, change: _Change, status: Trajectory.Status) -> Trajectory:
    """Complete (with an outcome) or cancel; an open pause ends with it."""
    if status == Trajectory.Status.COMPLETED and not change.outcome:
        raise ValidationError({"outcome": _("Geef het resultaat van het traject.")})
    not_in_future(change.on, "ended_on", _("De einddatum kan niet in de toekomst liggen."))
    why = change.change_reason or _("Traject afgesloten")
    locked = _lock_trajectory(
        trajectory,
        Trajectory.Status.REQUESTED,
        Trajectory.Status.RUNNING,
        Trajectory.Status.PAUSED,
        expected_status=change.expected_status,
    )
    # A requested trajectory has not started: its started_on is the planned start, and it may
    # end (be cancelled) any day from its purchase.
    began = locked.purchased_on if locked.status == Trajectory.Status.REQUESTED else None
    if change.on < (began or locked.started_on or locked.purchased_on):
        raise ValidationError({"ended_on": _("De einddatum ligt vóór de start.")})
    last_resume = locked.pauses.aggregate(d=Max("to_date"))["d"]
    if last_resume and change.on < last_resume:
        raise ValidationError(
            {
                "ended_on": _("Het traject liep nog na de laatste pauze (tot %(date)s).")
                % {"date": long_date(last_resume)}
            }
        )
    if locked.status == Trajectory.Status.PAUSED:
        _end_open_pause(locked, change.on, by=change.by, change_reason=why, field="ended_on")
    locked.status = status
    locked.ended_on = change.on
    locked.outcome = change.outcome
    locked.outcome_note = change.outcome_note
    return save_with_history(locked, by=change.by, change_reason=why)


_STEPS: dict[TrajectoryAction, Callable[[Trajectory, _Change], Trajectory]] = {
    TrajectoryAction.START: _start,
    TrajectoryAction.PAUSE: _pause,
    TrajectoryAction.RESUME: _resume,
    TrajectoryAction.COMPLETE: partial(_close, status=Trajectory.Status.COMPLETED),
    TrajectoryAction.CANCEL: partial(_close, status=Trajectory.Status.CANCELLED),
}
