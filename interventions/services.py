"""Writes for conversations, contact exemptions, work plans and purchased trajectories."""

from collections import defaultdict
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from clients.models import Client
from clients.permissions import works_on_team
from clients.services import lock_client
from common.events import Fact, announce_client_changed, announce_past_changed
from common.exceptions import EditConflict
from common.history import save_with_history
from phases.models import PhasePeriod

from .models import (
    Agreement,
    ContactExemption,
    Conversation,
    Provider,
    ServiceType,
    Trajectory,
    TrajectoryPause,
    WorkPlan,
)

# Statuses that say the conversation date has passed.
HAPPENED = {Conversation.Status.HELD, Conversation.Status.NO_SHOW}


def _not_in_future(day: date | None, field: str, message: str) -> None:
    if day is not None and day > timezone.localdate():
        raise ValidationError({field: message})


# Conversations ---------------------------------------------------------------------------


def _check_conversation(conversation: Conversation) -> None:
    conversation.full_clean()  # required fields and choices first, then the date rules
    if conversation.status in HAPPENED:
        _not_in_future(
            conversation.held_on,
            "held_on",
            _("Een gehouden gesprek kan niet in de toekomst liggen; plan het als gepland gesprek."),
        )
    if conversation.next_contact_on and conversation.next_contact_on <= conversation.held_on:
        raise ValidationError(
            {"next_contact_on": _("Het volgende contact moet na de gespreksdatum liggen.")}
        )


def log_conversation(
    *,
    client: Client,
    held_on: date,
    status: str,
    channel: str,
    by: User,
    caseworker: User | None = None,
    with_client: bool = True,
    kind: str = Conversation.Kind.MONITORING,
    duration_minutes: int | None = None,
    summary: str = "",
    next_contact_on: date | None = None,
    reason: str = "",
) -> Conversation:
    """Record a conversation with the client, held by `caseworker`: `by` (who records it) when
    not given, else a caseworker or team manager of the client's team."""
    if (
        caseworker is not None
        and caseworker != by
        and not works_on_team(caseworker, client.team_id)
    ):
        raise ValidationError(
            {
                "caseworker": _(
                    "Kies een casemanager of teammanager van het team van de cliënt, of laat "
                    "het veld leeg voor uzelf."
                )
            }
        )
    conversation = Conversation(
        client=client,
        caseworker=caseworker or by,
        held_on=held_on,
        status=status,
        channel=channel,
        with_client=with_client,
        kind=kind,
        duration_minutes=duration_minutes,
        summary=summary.strip(),
        next_contact_on=next_contact_on,
    )
    _check_conversation(conversation)
    with transaction.atomic():
        save_with_history(conversation, by=by, reason=reason or _("Gesprek vastgelegd"))
        announce_past_changed(held_on)
        _recheck_contact(conversation, by=by)
    return conversation


def _recheck_contact(conversation: Conversation, *, by: User) -> None:
    """A held conversation may end the client's no-contact signal: announce it."""
    if conversation.status == Conversation.Status.HELD:
        announce_client_changed(
            client_id=conversation.client_id,
            fact=Fact.CONTACT,
            by=by,
            change_reason=_("Opgelost: gesprek vastgelegd"),
        )


CONVERSATION_EDITABLE = (
    "held_on",
    "status",
    "channel",
    "with_client",
    "kind",
    "duration_minutes",
    "summary",
    "next_contact_on",
)


def update_conversation(
    *, conversation: Conversation, changes: dict[str, Any], by: User, reason: str = ""
) -> Conversation:
    """Change a recorded conversation, e.g. a planned one that has now been held."""
    unknown = set(changes) - set(CONVERSATION_EDITABLE)
    if unknown:
        raise ValidationError(
            {field: _("Dit veld kan hier niet worden gewijzigd.") for field in sorted(unknown)}
        )
    with transaction.atomic():
        locked = Conversation.objects.select_for_update().get(pk=conversation.pk)
        held_before = locked.held_on
        for field, value in changes.items():
            setattr(locked, field, value)
        _check_conversation(locked)
        save_with_history(locked, by=by, reason=reason or _("Gesprek gewijzigd"))
        announce_past_changed(min(held_before, locked.held_on))
        _recheck_contact(locked, by=by)
    return locked


def record_contact_exemption(
    *,
    client: Client,
    reason: str,
    valid_from: date,
    valid_until: date,
    note: str = "",
    by: User,
    change_reason: str = "",
) -> ContactExemption:
    """No no-contact signal from `valid_from` up to and including `valid_until`."""
    if valid_until < valid_from:
        raise ValidationError({"valid_until": _("De einddatum ligt vóór de ingangsdatum.")})
    exemption = ContactExemption(
        client=client,
        reason=reason,
        note=note.strip(),
        valid_from=valid_from,
        valid_until=valid_until,
        recorded_by=by,
    )
    with transaction.atomic():
        why = change_reason.strip() or note.strip() or _("Contactvrijstelling")
        save_with_history(exemption, by=by, reason=why)
        announce_past_changed(valid_from)
        announce_client_changed(
            client_id=client.pk,
            fact=Fact.CONTACT,
            by=by,
            change_reason=_("Opgelost: contactvrijstelling"),
        )
    return exemption


# Work plans and agreements ---------------------------------------------------------------


def create_work_plan_version(
    *,
    client: Client,
    goal: str,
    by: User,
    agreements: list[dict[str, Any]] | None = None,
    carry_over_open_agreements: bool = True,
    based_on_version: int | None = None,
    reason: str = "",
) -> WorkPlan:
    """Start a new current work plan; the previous one is kept as superseded.

    Open agreements move along by default, so that they survive a new plan and a handover.
    `based_on_version` is the plan version the user edited (0 for none): if someone made a
    newer version meanwhile, EditConflict is raised and nothing is written.
    """
    if not goal.strip():
        raise ValidationError({"goal": _("Beschrijf het doel van het werkplan.")})
    reason = reason or _("Nieuwe versie van het werkplan")
    with transaction.atomic():
        locked = lock_client(client)  # one new version at a time per client
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
            save_with_history(previous, by=by, reason=reason)
        plan = WorkPlan(
            client=locked, version=(last_version or 0) + 1, goal=goal.strip(), created_by=by
        )
        save_with_history(plan, by=by, reason=reason)
        for spec in carried + list(agreements or []):
            add_agreement(work_plan=plan, by=by, reason=reason, **spec)
    return plan


def _lock_current_plan(plan: WorkPlan) -> WorkPlan:
    """The plan's row, locked; refused when a newer version has replaced it meanwhile."""
    locked = WorkPlan.objects.select_for_update().get(pk=plan.pk)
    if locked.status == WorkPlan.Status.SUPERSEDED:
        raise ValidationError(
            _("Dit werkplan is vervangen door een nieuwere versie en kan niet meer veranderen.")
        )
    return locked


def agree_work_plan(
    *, work_plan: WorkPlan, agreed_on: date, by: User, reason: str = ""
) -> WorkPlan:
    _not_in_future(agreed_on, "agreed_on", _("De afspraakdatum kan niet in de toekomst liggen."))
    with transaction.atomic():
        locked = _lock_current_plan(work_plan)
        locked.status = WorkPlan.Status.AGREED
        locked.agreed_on = agreed_on
        save_with_history(locked, by=by, reason=reason or _("Werkplan afgesproken"))
    work_plan.status, work_plan.agreed_on = locked.status, locked.agreed_on
    return locked


def add_agreement(
    *,
    work_plan: WorkPlan,
    description: str,
    owner: str,
    by: User,
    due_on: date | None = None,
    reason: str = "",
) -> Agreement:
    with transaction.atomic():
        locked = _lock_current_plan(work_plan)
        agreement = Agreement(
            work_plan=locked, description=description.strip(), owner=owner, due_on=due_on
        )
        return save_with_history(agreement, by=by, reason=reason or _("Afspraak toegevoegd"))


def set_agreement_status(
    *,
    agreement: Agreement,
    status: str,
    by: User,
    expected_status: str | None = None,
    reason: str = "",
) -> Agreement:
    """Change an agreement's status; with `expected_status` (what the user saw) a change made
    by someone else meanwhile raises EditConflict instead of being overwritten."""
    if status not in Agreement.Status.values:
        raise ValidationError({"status": _("Onbekende status.")})
    with transaction.atomic():
        _lock_current_plan(agreement.work_plan)
        locked = Agreement.objects.select_for_update().get(pk=agreement.pk)
        if expected_status is not None and locked.status != expected_status:
            raise EditConflict(
                _(
                    "Iemand anders heeft de status van deze afspraak intussen gewijzigd in "
                    "'%(status)s'."
                )
                % {"status": locked.get_status_display()}
            )
        locked.status = status
        save_with_history(locked, by=by, reason=reason or _("Status afspraak gewijzigd"))
    agreement.status = status
    return locked


# Catalogues ------------------------------------------------------------------------------


def save_catalogue_entry(
    *, entry: Provider | ServiceType, by: User | None, reason: str = ""
) -> Provider | ServiceType:
    """Create or change a provider or service type (functional administrators)."""
    return save_with_history(entry, by=by, reason=reason or _("Catalogus bijgewerkt"))


# Trajectories ----------------------------------------------------------------------------


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
    _not_in_future(started_on, "started_on", _("De startdatum kan niet in de toekomst liggen."))
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
    _not_in_future(from_date, "from_date", _("Een pauze kan niet in de toekomst ingaan."))
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
    _not_in_future(on, "on", _("Hervatten kan niet in de toekomst."))
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
    _not_in_future(ended_on, "ended_on", _("De einddatum kan niet in de toekomst liggen."))
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


# The conversation form: one step for what a caseworker records after talking to a client --


def record_contact(
    *,
    client: Client,
    expected_version: int,
    by: User,
    held_on: date,
    status: str,
    channel: str,
    kind: str = Conversation.Kind.MONITORING,
    with_client: bool = True,
    duration_minutes: int | None = None,
    summary: str = "",
    next_contact_on: date | None = None,
    agreement_statuses: dict[int, str] | None = None,
    new_phase: str = "",
    phase_reason: str = "",
) -> Conversation:
    """Log a conversation, plan the next contact, update agreements and optionally change the
    phase: all or nothing, refused with EditConflict if the client changed since it was read."""
    from phases.services import transition_phase

    with transaction.atomic():
        locked = lock_client(client, expected_version=expected_version)
        conversation = log_conversation(
            client=locked,
            held_on=held_on,
            status=status,
            channel=channel,
            kind=kind,
            with_client=with_client,
            duration_minutes=duration_minutes,
            summary=summary,
            next_contact_on=next_contact_on,
            by=by,
        )
        if (
            next_contact_on
            and not locked.conversations.filter(
                status=Conversation.Status.PLANNED, held_on=next_contact_on
            ).exists()
        ):
            log_conversation(
                client=locked,
                held_on=next_contact_on,
                status=Conversation.Status.PLANNED,
                channel=channel,
                by=by,
                reason=_("Volgend contact gepland"),
            )
        # The form shows open agreements; only the ones the user changed are written, and one
        # that someone else changed meanwhile is a conflict rather than silently reset.
        changed = {
            pk: wanted for pk, wanted in (agreement_statuses or {}).items() if wanted != "open"
        }
        for agreement in Agreement.objects.filter(
            work_plan__client=locked, pk__in=list(changed)
        ).select_related("work_plan"):
            try:
                set_agreement_status(
                    agreement=agreement,
                    status=changed[agreement.pk],
                    expected_status=Agreement.Status.OPEN,
                    by=by,
                )
            except EditConflict as conflict:
                raise EditConflict(str(conflict), current_version=locked.version) from conflict
        if new_phase:
            transition_phase(
                client=locked, phase=new_phase, started_on=held_on, reason=phase_reason, by=by
            )
    client.version = locked.version
    return conversation
