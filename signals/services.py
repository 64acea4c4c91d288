"""Raising, keeping and resolving signals for a date D, set-based, and dismissing one.

`run_signals(as_of=D)` computes every condition for the whole caseload in a few statements:
per kind one INSERT ... SELECT for new signals, one UPDATE for resolved ones, and their history
rows. Running it twice for the same D changes nothing the second time.
"""

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import (
    CharField,
    Count,
    DateField,
    IntegerField,
    Max,
    Q,
    QuerySet,
    TextField,
    Value,
)
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.models import User
from clients.models import Client, WorkCapacityDecision
from common.bulk import analyse_if_never_analysed, insert_from_select, insert_history_from
from common.events import announce_past_changed
from common.history import save_with_history
from interventions.models import ContactExemption, Conversation
from norms.models import NormVersion
from norms.selectors import norm_in_force
from phases.models import PhaseExemption, PhasePeriod
from work.models import Employer, Job, JobRenewal

from . import selectors, work_checks
from .models import Notification, Signal
from .unread import notifications_written

logger = logging.getLogger(__name__)

Kind = Signal.Kind
# kind -> (client_id, details) rows for which the condition holds on a date
CONDITIONS: dict[str, Callable[[date, NormVersion], QuerySet]] = {
    Kind.NO_CONTACT: selectors.no_contact_rows,
    Kind.STALLED_PHASE: selectors.stalled_phase_rows,
    Kind.CONTRACT_ENDING: work_checks.contract_ending_rows,
    Kind.JOB_ENDED: work_checks.job_ended_rows,
}
# The tables the conditions read, and the signals: each needs planner statistics (see
# common.bulk.analyse_if_never_analysed).
CONDITION_MODELS = (
    Client,
    WorkCapacityDecision,
    ContactExemption,
    Conversation,
    PhasePeriod,
    PhaseExemption,
    Job,
    JobRenewal,
    Employer,
    Signal,
)
ADVISORY_LOCK_ID = 4_151_2024  # serialises concurrent runs on PostgreSQL
IDS_PER_STATEMENT = 5_000  # stays well under SQLite's limit on query parameters


@dataclass
class SignalRun:
    as_of: date
    raised: dict[str, int] = field(default_factory=dict)
    resolved: dict[str, int] = field(default_factory=dict)
    open: dict[str, int] = field(default_factory=dict)

    def summary(self) -> str:
        parts = [
            f"{kind}: raised {self.raised.get(kind, 0)}, resolved {self.resolved.get(kind, 0)}, "
            f"open {self.open.get(kind, 0)}"
            for kind in Kind.values
        ]
        return f"signals {self.as_of.isoformat()}: " + "; ".join(parts)


def run_signals(*, as_of: date, kinds: Iterable[str] | None = None) -> SignalRun:
    """Bring the signals in line with every condition on `as_of` for the whole caseload
    (`kinds`: only these conditions; the benchmark times the run with and without some)."""
    norm = norm_in_force(as_of)
    run = SignalRun(as_of=as_of)
    change_reason = _("Nachtelijke controle %(date)s") % {"date": date_format(as_of, "j F Y")}
    with transaction.atomic():
        _serialise()
        if analysed := analyse_if_never_analysed(*CONDITION_MODELS):
            logger.info("no planner statistics yet, analysed: %s", ", ".join(analysed))
        for kind in CONDITIONS if kinds is None else kinds:
            run.resolved[kind], run.raised[kind] = _reconcile(
                kind, as_of, norm, change_reason=change_reason
            )
        if connection.vendor == "postgresql" and sum(run.raised.values()) > 1000:
            # Fresh statistics, so tomorrow's plans know the table grew (autovacuum may lag).
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE signals_signal")
        counts = Signal.objects.open().values("kind").annotate(n=Count("id")).order_by()
        run.open = {row["kind"]: row["n"] for row in counts}
        write_digests(day=as_of)
        # Any team's open signals may have changed (the figures of today count them).
        announce_past_changed(timezone.localdate())
    logger.info(run.summary())
    return run


def _serialise() -> None:
    """One writer of signals at a time (PostgreSQL; SQLite serialises write transactions)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [ADVISORY_LOCK_ID])


def _reconcile(
    kind: str,
    on: date,
    norm: NormVersion,
    *,
    change_reason: str,
    clients: list[int] | None = None,
    resolve_only: bool = False,
    by: User | None = None,
) -> tuple[int, int]:
    """Resolve the open signals whose condition no longer holds and raise the missing ones.

    The condition is evaluated once for the client ids; the bookkeeping against the open and
    set-aside signals is set arithmetic, and only for new ones the INSERT looks at the
    condition again. A first run (no signals of `kind` to keep) looks at it once, in the
    INSERT. Returns (resolved, raised).
    """
    rows = CONDITIONS[kind](on, norm)
    signals = Signal.objects.filter(kind=kind)
    if clients is not None:
        rows = rows.filter(signal_client__in=clients)
        signals = signals.filter(client_id__in=clients)
    # The open signals and those set aside on `on`, in one look (a query less per kind).
    kept = list(
        signals.filter(
            Q(status=Signal.Status.OPEN)
            | Q(status=Signal.Status.DISMISSED, dismissed_until__gte=on)
        ).values_list("client_id", "id", "raised_on", "status")
    )
    if not kept:
        # Nothing to resolve and nobody to pass over (a first run): raise for every row.
        raised = (
            0
            if resolve_only
            else _insert_signals(kind, on, norm, [rows], change_reason=change_reason)
        )
        return 0, raised
    holding = set(rows.order_by().values_list("signal_client", flat=True))
    open_now, set_aside = _open_and_set_aside(kept)
    stale = [
        signal_id
        for client, (signal_id, raised_on) in open_now.items()
        if client not in holding and raised_on <= on
    ]
    _resolve(stale, on, change_reason=change_reason, by=by)
    new = holding - open_now.keys() - set_aside
    if resolve_only or not new:
        return len(stale), 0
    # The condition again, for the new clients only: never against the signals table, which
    # this INSERT fills (a scan of it per client reads every row added so far: quadratic).
    ids = sorted(new)
    chunks = [
        rows.filter(signal_client__in=ids[start : start + IDS_PER_STATEMENT])
        for start in range(0, len(ids), IDS_PER_STATEMENT)
    ]
    return len(stale), _insert_signals(kind, on, norm, chunks, change_reason=change_reason)


def _open_and_set_aside(
    kept: list[tuple[int, int, date, str]],
) -> tuple[dict[int, tuple[int, date]], set[int]]:
    """Of the kept (client, signal, raised on, status) rows: per client its open signal and
    the day it was raised, and the clients whose signal is set aside."""
    open_now: dict[int, tuple[int, date]] = {}
    set_aside: set[int] = set()
    for client, signal_id, raised_on, status in kept:
        if status == Signal.Status.OPEN:
            open_now[client] = (signal_id, raised_on)
        else:
            set_aside.add(client)
    return open_now, set_aside


def _resolve(stale: list[int], on: date, *, change_reason: str, by: User | None) -> None:
    """Resolve the signals `stale` on `on`, with their history rows."""
    for start in range(0, len(stale), IDS_PER_STATEMENT):
        chunk = Signal.objects.filter(id__in=stale[start : start + IDS_PER_STATEMENT])
        chunk.update(status=Signal.Status.RESOLVED, resolved_on=on)
        insert_history_from(
            chunk, history_type="~", change_reason=change_reason, by_id=by.pk if by else None
        )


def _insert_signals(
    kind: str, on: date, norm: NormVersion, parts: list[QuerySet], *, change_reason: str
) -> int:
    """INSERT ... SELECT an open signal for each row of `parts` (a statement each), then one
    history row for each signal added."""
    constants = {
        "signal_kind": Value(kind, output_field=CharField()),
        "signal_status": Value(Signal.Status.OPEN, output_field=CharField()),
        "signal_raised_on": Value(on, output_field=DateField()),
        "signal_rule": Value(norm.pk, output_field=IntegerField()),
        "signal_no_text": Value("", output_field=TextField()),
    }
    columns = {
        "client_id": "signal_client",
        "details": "signal_details",
        "kind": "signal_kind",
        "status": "signal_status",
        "raised_on": "signal_raised_on",
        "rule_version_id": "signal_rule",
        "dismissed_reason": "signal_no_text",
    }
    # Runs are serialised, so the rows these INSERTs add are exactly those above the highest id.
    before = Signal.objects.aggregate(top=Max("id"))["top"] or 0
    raised = sum(
        insert_from_select(
            Signal, list(columns), rows.annotate(**constants).values_list(*columns.values())
        )
        for rows in parts
    )
    if raised:
        insert_history_from(
            Signal.objects.filter(id__gt=before), history_type="+", change_reason=change_reason
        )
    return raised


def resolve_for_client(
    *, client_id: int, kind: str, change_reason: str, by: User | None = None
) -> int:
    """Re-check one client today and resolve its open signal of `kind` if the condition no
    longer holds: the immediate path after a conversation or a phase transition."""
    today = timezone.localdate()
    if not Signal.objects.filter(client_id=client_id, kind=kind, status="open").exists():
        return 0
    with transaction.atomic():
        _serialise()
        resolved, _raised = _reconcile(
            kind,
            today,
            norm_in_force(today),
            change_reason=change_reason,
            clients=[client_id],
            resolve_only=True,
            by=by,
        )
        if resolved:
            announce_past_changed(today, clients=[client_id])
    return resolved


def dismiss_signal(
    *, signal: Signal, reason: str, until: date, by: User, change_reason: str = ""
) -> Signal:
    """Set an open signal aside until `until` (inclusive), for a recorded reason.

    The history records `change_reason` when given (an API client's X-Change-Reason), else
    the reason for setting it aside.
    """
    reason = (reason or "").strip()
    errors = {}
    if not reason:
        errors["reason"] = _("Geef een reden om het signaal terzijde te leggen.")
    if until < timezone.localdate():
        errors["until"] = _("De datum 'terzijde tot' kan niet in het verleden liggen.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        locked = Signal.objects.select_for_update().get(pk=signal.pk)
        if locked.status != Signal.Status.OPEN:
            raise ValidationError(
                {"status": _("Alleen een open signaal kan terzijde worden gelegd.")}
            )
        locked.status = Signal.Status.DISMISSED
        locked.dismissed_reason = reason
        locked.dismissed_until = until
        locked.dismissed_by = by
        save_with_history(locked, by=by, change_reason=change_reason.strip() or reason)
        # Open signals are counted on the dashboard.
        announce_past_changed(timezone.localdate(), clients=[locked.client_id])
        return locked


def write_digests(*, day: date) -> int:
    """One in-app notification per fixed contact person with signals raised on `day`.

    Re-running for the same day updates the count instead of adding a second message.
    """
    per_caseworker = (
        Signal.objects.filter(raised_on=day, client__caseworker__isnull=False)
        .values("client__caseworker")
        .annotate(n=Count("id"))
        .order_by()
    )
    notifications = [
        Notification(
            recipient_id=row["client__caseworker"],
            kind=Notification.Kind.SIGNAL_DIGEST,
            day=day,
            count=row["n"],
        )
        for row in per_caseworker
    ]
    Notification.objects.bulk_create(  # its batches in one transaction of its own
        notifications,
        update_conflicts=True,
        unique_fields=["recipient", "kind", "day"],
        update_fields=["count"],
    )
    notifications_written()
    return len(notifications)


def mark_notifications_read(*, user: User, ids: Iterable[int] | None = None) -> int:
    """Mark the user's unread notifications read: all of them, or those of `ids`."""
    unread = Notification.objects.filter(recipient=user).unread()
    if ids is not None:
        unread = unread.filter(id__in=list(ids))
    user.__dict__.pop("_unread_count", None)  # the header counts again (signals.selectors)
    notifications_written()
    return unread.update(read_at=timezone.now())  # one statement
