"""Purchased trajectories: buying one, and its status from requested to completed."""

from collections import defaultdict
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from clients.models import Client
from clients.services import lock_client
from common.exceptions import EditConflict
from common.history import save_with_history
from phases.models import PhasePeriod

from ..models import Provider, ServiceType, Trajectory, TrajectoryPause
from ..validators import not_in_future


def had_service_before(client: Client, service_type: ServiceType) -> bool:
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
    reason: str = "",
) -> Trajectory:
    # Its own transaction, the client locked: two purchases at once cannot both pass the
    # repeat check, and the row and its history row are stored together.
    with transaction.atomic():
        lock_client(client)
        errors: dict[str, list[str]] = defaultdict(list)
        if purchased_on > timezone.localdate():
            errors["purchased_on"].append(_("De inkoopdatum kan niet in de toekomst liggen."))
        if not service_type.active:
            errors["service_type"].append(_("Deze dienst wordt niet meer ingekocht."))
        if not provider.active:
            errors["provider"].append(_("Bij deze aanbieder wordt niet meer ingekocht."))
        current = PhasePeriod.objects.filter(client=client, ended_on__isnull=True).first()
        if current is not None and not service_type.serves(current.phase):
            errors["service_type"].append(
                _("Deze dienst is niet bedoeld voor cliënten in fase %(phase)s.")
                % {"phase": current.phase}
            )
        if started_on and started_on < purchased_on:
            errors["started_on"].append(_("Het traject kan niet starten vóór de inkoopdatum."))
        if planned_end_on and planned_end_on < (started_on or purchased_on):
            errors["planned_end_on"].append(_("De geplande einddatum ligt vóór de start."))
        if had_service_before(client, service_type) and not repeat_justification.strip():
            errors["repeat_justification"].append(
                _(
                    "Deze cliënt kreeg deze dienst al eerder; motiveer waarom hij opnieuw wordt "
                    "ingekocht."
                )
            )
        if errors:
            raise ValidationError(dict(errors))
        running = started_on is not None and started_on <= timezone.localdate()
        trajectory = Trajectory(
            client=client,
            service_type=service_type,
            provider=provider,
            purpose=purpose.strip(),
            purchased_on=purchased_on,
            started_on=started_on,
            planned_end_on=planned_end_on,
            cost=cost,
            status=Trajectory.Status.RUNNING if running else Trajectory.Status.REQUESTED,
            repeat_justification=repeat_justification.strip(),
            purchased_by=by,
        )
        return save_with_history(trajectory, by=by, reason=reason or _("Traject ingekocht"))


def _lock_trajectory(
    trajectory: Trajectory, *allowed: str, expected_status: str | None = None
) -> Trajectory:
    """The trajectory's row, locked. `expected_status` is the status the user saw: if someone
    else changed it meanwhile, EditConflict, so that their change is not silently undone."""
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


def start_trajectory(
    *, trajectory: Trajectory, started_on: date, by: User, reason: str = ""
) -> Trajectory:
    not_in_future(started_on, "started_on", _("De startdatum kan niet in de toekomst liggen."))
    with transaction.atomic():
        locked = _lock_trajectory(trajectory, Trajectory.Status.REQUESTED)
        if started_on < locked.purchased_on:
            raise ValidationError(
                {"started_on": _("Het traject kan niet starten vóór de inkoopdatum.")}
            )
        locked.started_on = started_on
        locked.status = Trajectory.Status.RUNNING
        return save_with_history(locked, by=by, reason=reason or _("Traject gestart"))


def pause_trajectory(
    *,
    trajectory: Trajectory,
    from_date: date,
    reason: str,
    by: User,
    expected_status: str | None = None,
) -> TrajectoryPause:
    if not reason.strip():
        raise ValidationError({"reason": _("Geef een reden voor de pauze.")})
    not_in_future(from_date, "from_date", _("Een pauze kan niet in de toekomst ingaan."))
    with transaction.atomic():
        locked = _lock_trajectory(
            trajectory, Trajectory.Status.RUNNING, expected_status=expected_status
        )
        last_resume = locked.pauses.aggregate(d=Max("to_date"))["d"]
        earliest = max(d for d in (locked.started_on, last_resume) if d is not None)
        if from_date < earliest:
            raise ValidationError(
                {"from_date": _("De pauze kan niet ingaan vóór %(date)s.") % {"date": earliest}}
            )
        pause = TrajectoryPause(trajectory=locked, from_date=from_date, reason=reason.strip())
        save_with_history(pause, by=by, reason=reason)
        locked.status = Trajectory.Status.PAUSED
        save_with_history(locked, by=by, reason=reason)
    return pause


def _end_open_pause(
    trajectory: Trajectory, on: date, *, by: User, reason: str, field: str = "on"
) -> None:
    pause = trajectory.pauses.get(to_date__isnull=True)
    if on < pause.from_date:
        raise ValidationError(
            {
                field: _("Deze datum ligt vóór het begin van de pauze (%(date)s).")
                % {"date": pause.from_date}
            }
        )
    pause.to_date = on
    save_with_history(pause, by=by, reason=reason)


def resume_trajectory(
    *,
    trajectory: Trajectory,
    on: date,
    by: User,
    expected_status: str | None = None,
    reason: str = "",
) -> Trajectory:
    not_in_future(on, "on", _("Hervatten kan niet in de toekomst."))
    reason = reason or _("Traject hervat")
    with transaction.atomic():
        locked = _lock_trajectory(
            trajectory, Trajectory.Status.PAUSED, expected_status=expected_status
        )
        _end_open_pause(locked, on, by=by, reason=reason)
        locked.status = Trajectory.Status.RUNNING
        return save_with_history(locked, by=by, reason=reason)


def close_trajectory(
    *,
    trajectory: Trajectory,
    status: str,
    ended_on: date,
    by: User,
    outcome: str = "",
    outcome_note: str = "",
    expected_status: str | None = None,
    reason: str = "",
) -> Trajectory:
    """Complete (with an outcome) or cancel a trajectory; an open pause ends with it."""
    if status not in (Trajectory.Status.COMPLETED, Trajectory.Status.CANCELLED):
        raise ValidationError({"status": _("Sluit af als afgerond of geannuleerd.")})
    if status == Trajectory.Status.COMPLETED and not outcome:
        raise ValidationError({"outcome": _("Geef het resultaat van het traject.")})
    not_in_future(ended_on, "ended_on", _("De einddatum kan niet in de toekomst liggen."))
    reason = reason or _("Traject afgesloten")
    with transaction.atomic():
        locked = _lock_trajectory(
            trajectory,
            Trajectory.Status.REQUESTED,
            Trajectory.Status.RUNNING,
            Trajectory.Status.PAUSED,
            expected_status=expected_status,
        )
        if ended_on < (locked.started_on or locked.purchased_on):
            raise ValidationError({"ended_on": _("De einddatum ligt vóór de start.")})
        last_resume = locked.pauses.aggregate(d=Max("to_date"))["d"]
        if last_resume and ended_on < last_resume:
            raise ValidationError(
                {
                    "ended_on": _("Het traject liep nog na de laatste pauze (tot %(date)s).")
                    % {"date": last_resume}
                }
            )
        if locked.status == Trajectory.Status.PAUSED:
            _end_open_pause(locked, ended_on, by=by, reason=reason, field="ended_on")
        locked.status = status
        locked.ended_on = ended_on
        locked.outcome = outcome
        locked.outcome_note = outcome_note.strip()
        return save_with_history(locked, by=by, reason=reason)
