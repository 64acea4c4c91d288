"""Writes to the client file. Every write validates, records who and why, and bumps `version`."""

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.models import Team, User
from common.events import announce_past_changed
from common.history import save_with_history

from . import rules
from .capacity import insert_decision
from .locking import lock_client, record_client_change
from .models import CaseworkerAssignment, Client, TeamAssignment, WorkCapacity

# What `update_client` changes: the client's own fields and its team.
EDITABLE_FIELDS = (*rules.OWN_FIELDS, "team")


# What decides in which month-end figures a client counts (reports.MonthEndFigure). A change of
# team or work capacity is dated (a team period, a decision): it announces its own day.
FIGURE_FIELDS = ("in_service_since", "out_of_service_on", "has_work_capacity", "team_id")
DATED_FIELDS = ("in_service_since", "out_of_service_on")


def _mark_figures(before: Client, after: Client) -> None:
    """A change to when the client was in service makes month-end figures from then stale."""
    changed = [f for f in DATED_FIELDS if getattr(before, f) != getattr(after, f)]
    dates = [getattr(c, f) for c in (before, after) for f in changed if getattr(c, f)]
    if dates:
        announce_past_changed(min(dates), clients=[after.pk])


def create_client(
    *,
    bsn: str,
    first_name: str,
    last_name: str,
    date_of_birth: date,
    regime: str,
    in_service_since: date,
    team: Team,
    has_work_capacity: bool = True,
    out_of_service_on: date | None = None,
    out_of_service_reason: str = "",
    caseworker: User | None = None,
    by: User | None,
    change_reason: str = "",
    phone: str = "",
    email: str = "",
    street_address: str = "",
    postcode: str = "",
    city: str = "",
    preferred_channel: str = "",
) -> Client:
    """Enrol a client, with how to reach them when known."""
    client = Client(
        phone=phone.strip(),
        email=email.strip(),
        street_address=street_address.strip(),
        postcode=postcode.strip(),
        city=city.strip(),
        preferred_channel=preferred_channel,
        bsn=bsn.strip(),
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        date_of_birth=date_of_birth,
        regime=regime,
        has_work_capacity=has_work_capacity,
        in_service_since=in_service_since,
        out_of_service_on=out_of_service_on,
        out_of_service_reason=out_of_service_reason,
        team=team,
        caseworker=caseworker,
    )
    rules.refuse(
        rules.client_errors({**rules.own_values(client), "team": team, "caseworker": caseworker})
    )
    with _refusing_a_taken_bsn(client.bsn):
        save_with_history(client, by=by, change_reason=change_reason or _("Cliënt ingeschreven"))
        announce_past_changed(in_service_since, clients=[client.pk])
        _open_dated_facts(client, by=by)
        if caseworker is not None:
            _open_assignment(
                client,
                caseworker,
                on=timezone.localdate(),
                note="",
                by=by,
                change_reason=_("Toegewezen"),
            )
    return client


def _open_dated_facts(client: Client, *, by: User | None) -> None:
    """A new client's first team period and work-capacity decision, from the day in service
    (the decision: today, for a client not yet in service)."""
    since = client.in_service_since
    _open_team_period(client, client.team, on=since, by=by, change_reason=_("Ingeschreven"))
    insert_decision(
        client=client,
        decided_on=min(since, timezone.localdate()),
        outcome=WorkCapacity.HAS if client.has_work_capacity else WorkCapacity.LASTING_NONE,
        basis="",
        by=by,
        change_reason=_("Ingeschreven"),
    )


@contextmanager
def _refusing_a_taken_bsn(bsn: str, *, other_than: int | None = None) -> Iterator[None]:
    """A transaction in which the database's unique BSN refuses `bsn` (for a client other than
    `other_than`) as the uniqueness check would have. Two requests with the same new BSN can
    both pass the check before either writes; the second then hits the constraint and gets
    the check's message."""
    try:
        with transaction.atomic():
            yield
    except IntegrityError:
        others = Client.objects.filter(bsn=bsn)
        if not (others.exclude(pk=other_than) if other_than else others).exists():
            raise
        # Not chained: the database's message holds the BSN, which no log may show.
        raise ValidationError(
            {"bsn": Client._meta.get_field("bsn").error_messages["unique"]}
        ) from None


def update_client(
    *,
    client: Client,
    expected_version: int,
    changes: dict[str, Any],
    by: User | None,
    change_reason: str = "",
    handover_note: str = "",
) -> Client:
    """Change the client's fields; refused with EditConflict if `expected_version` is stale.

    `changes` may name a new `caseworker` (a handover today, kept as an assignment), so that a
    move to another team and its new contact person are one change.
    """
    unknown = set(changes) - {*EDITABLE_FIELDS, "caseworker"}
    if unknown:
        raise ValidationError(
            {field: _("Dit veld kan hier niet worden gewijzigd.") for field in sorted(unknown)}
        )
    change_reason = change_reason or _("Cliëntgegevens gewijzigd")
    with _refusing_a_taken_bsn(str(changes.get("bsn", client.bsn)).strip(), other_than=client.pk):
        locked = lock_client(client=client, expected_version=expected_version)
        before = Client(**{f: getattr(locked, f) for f in FIGURE_FIELDS})
        for field, value in changes.items():
            if field != "caseworker":
                setattr(locked, field, value.strip() if isinstance(value, str) else value)
        if locked.out_of_service_on is None and "out_of_service_reason" not in changes:
            locked.out_of_service_reason = ""  # back in service: no reason for leaving
        values = rules.own_values(locked)
        rules.refuse(
            rules.field_errors(values),
            rules.date_errors(values),
            rules.leaving_errors(values) if _leaving_changed(changes) else {},
        )
        _mark_figures(before, locked)
        _record_dated_changes(locked, before, by=by, change_reason=change_reason)
        if "caseworker" in changes and changes["caseworker"] != locked.caseworker:
            _hand_over(
                locked,
                changes["caseworker"],
                on=timezone.localdate(),
                note=handover_note,
                by=by,
                change_reason=change_reason,
            )
        elif "team" in changes:
            rules.refuse(rules.caseworker_errors(locked.caseworker, locked.team))
        record_client_change(client=locked, by=by, change_reason=change_reason)
    for field in changes:
        setattr(client, field, getattr(locked, field))
    client.version = locked.version
    return locked


def _record_dated_changes(
    locked: Client, before: Client, *, by: User | None, change_reason: str
) -> None:
    """A new work capacity or team set in the client's data: a decision, a team period, both
    dated today."""
    if locked.has_work_capacity != before.has_work_capacity:
        insert_decision(
            client=locked,
            decided_on=timezone.localdate(),
            outcome=WorkCapacity.HAS if locked.has_work_capacity else WorkCapacity.LASTING_NONE,
            basis=_("Gewijzigd in de cliëntgegevens"),
            by=by,
            change_reason=change_reason,
            replace_same_day=True,
        )
    if locked.team_id != before.team_id:
        _move(locked, on=timezone.localdate(), by=by, change_reason=change_reason, strict=False)


def _leaving_changed(changes: dict[str, Any]) -> bool:
    """Whether a change touches leaving the benefit; only then is its reason required (older
    clients out of service may lack one)."""
    return bool({"out_of_service_on", "out_of_service_reason"} & set(changes))


def _open_team_period(
    client: Client, team: Team, *, on: date, by: User | None, change_reason: str
) -> TeamAssignment:
    period = TeamAssignment(client=client, team=team, started_on=on, assigned_by=by)
    return save_with_history(period, by=by, change_reason=change_reason)


def _move(
    locked: Client, *, on: date, by: User | None, change_reason: str, strict: bool = True
) -> TeamAssignment:
    """End the client's open team period on `on` and open one in `locked.team` from `on`. A
    period that starts on `on` (or later, unless `strict`) is given the new team instead."""
    if on > timezone.localdate():
        raise ValidationError({"on": _("Een teamwissel kan niet in de toekomst ingaan.")})
    current = locked.team_periods.filter(ended_on__isnull=True).first()
    # Figures before `on` keep the team the client was in then; today both teams change.
    former = [current.team_id] if current is not None else []
    announce_past_changed(on, clients=[locked.pk], teams=former)
    if current is None:
        return _open_team_period(locked, locked.team, on=on, by=by, change_reason=change_reason)
    if on < current.started_on and strict:
        raise ValidationError(
            {
                "on": _("De teamwissel ligt vóór het begin van de huidige teamperiode (%(date)s).")
                % {"date": date_format(current.started_on, "j F Y")}
            }
        )
    if on <= current.started_on:
        current.team = locked.team
        return save_with_history(current, by=by, change_reason=change_reason)
    current.ended_on = on
    save_with_history(current, by=by, change_reason=change_reason)
    return _open_team_period(locked, locked.team, on=on, by=by, change_reason=change_reason)


def move_to_team(
    *,
    client: Client,
    team: Team,
    on: date,
    by: User | None,
    change_reason: str = "",
    expected_version: int | None = None,
) -> TeamAssignment:
    """Move the client to `team` from `on` (today or earlier): the team period so far ends on
    `on`, a new one starts. Figures before `on` keep counting the client in its former team."""
    change_reason = change_reason or _("Naar een ander team")
    with transaction.atomic():
        locked = lock_client(client=client, expected_version=expected_version)
        if team.pk == locked.team_id:
            raise ValidationError({"team": _("De cliënt zit al in dit team.")})
        rules.refuse(rules.caseworker_errors(locked.caseworker, team))
        locked.team = team
        period = _move(locked, on=on, by=by, change_reason=change_reason)
        record_client_change(client=locked, by=by, change_reason=change_reason)
    client.team, client.version = locked.team, locked.version
    return period


def _open_assignment(
    client: Client, caseworker: User, *, on: date, note: str, by: User | None, change_reason: str
) -> CaseworkerAssignment:
    assignment = CaseworkerAssignment(
        client=client, caseworker=caseworker, started_on=on, handover_note=note, assigned_by=by
    )
    return save_with_history(assignment, by=by, change_reason=change_reason)


def _hand_over(
    locked: Client,
    caseworker: User | None,
    *,
    on: date,
    note: str,
    by: User | None,
    change_reason: str,
) -> CaseworkerAssignment | None:
    """End the current assignment on `on` and start one for `caseworker` (None: nobody)."""
    if on > timezone.localdate():
        raise ValidationError({"on": _("Een toewijzing kan niet in de toekomst ingaan.")})
    rules.refuse(rules.caseworker_errors(caseworker, locked.team))
    if caseworker == locked.caseworker:
        raise ValidationError({"caseworker": _("Deze casemanager is al de vaste contactpersoon.")})
    current = locked.assignments.filter(ended_on__isnull=True).first()
    if current is not None:
        if on < current.started_on:
            raise ValidationError(
                {
                    "on": _(
                        "De overdracht ligt vóór het begin van de huidige toewijzing (%(date)s)."
                    )
                    % {"date": date_format(current.started_on, "j F Y")}
                }
            )
        current.ended_on = on
        save_with_history(current, by=by, change_reason=change_reason)
    locked.caseworker = caseworker
    announce_past_changed(on, clients=[locked.pk])  # the caseworkers' caseloads
    if caseworker is None:
        return None
    return _open_assignment(
        locked, caseworker, on=on, note=note, by=by, change_reason=change_reason
    )


def assign_caseworker(
    *,
    client: Client,
    caseworker: User | None,
    on: date,
    handover_note: str = "",
    by: User | None,
    change_reason: str = "",
    expected_version: int | None = None,
) -> CaseworkerAssignment | None:
    """Make `caseworker` the fixed contact person from `on`; None leaves the client without one.

    The previous assignment ends on `on`, so who-was-responsible-when stays answerable.
    """
    change_reason = change_reason or _("Overgedragen")
    with transaction.atomic():
        locked = lock_client(client=client, expected_version=expected_version)
        assignment = _hand_over(
            locked, caseworker, on=on, note=handover_note, by=by, change_reason=change_reason
        )
        record_client_change(client=locked, by=by, change_reason=change_reason)
    client.caseworker, client.version = locked.caseworker, locked.version
    return assignment


def hand_over_clients(
    *, clients: list[Client], caseworker: User, on: date, handover_note: str, by: User
) -> tuple[list[Client], list[Client]]:
    """Make `caseworker` the fixed contact person of each client, all or nothing.

    A client whose contact person already is `caseworker` is skipped. Any other refusal
    (e.g. the caseworker does not work in the client's team) undoes the whole handover and is
    raised as one ValidationError on `caseworker` that names the client.
    Returns (handed over, skipped).
    """
    handover_note = (handover_note or "").strip()
    if not handover_note:
        raise ValidationError({"handover_note": _("Schrijf een overdrachtsnotitie.")})
    moved: list[Client] = []
    skipped: list[Client] = []
    with transaction.atomic():
        for client in clients:
            if client.caseworker_id == caseworker.pk:
                skipped.append(client)
                continue
            try:
                assign_caseworker(
                    client=client, caseworker=caseworker, on=on, handover_note=handover_note, by=by
                )
            except ValidationError as error:
                problems = " ".join(m for ms in error.message_dict.values() for m in ms)
                raise ValidationError(
                    {
                        "caseworker": _(
                            "Niets overgedragen: %(client)s kan niet worden overgedragen. "
                            "%(problem)s"
                        )
                        % {"client": client, "problem": problems}
                    }
                ) from error
            moved.append(client)
    return moved, skipped
