"""The merged change history of a client file: who changed what, when and why.

Every tracked record attached to a client keeps its own django-simple-history table. This reads
them all (one query per kind of record, plus one per kind of linked record for readable names)
and turns consecutive history rows of each record into field-level changes.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from typing import Any

from django.db import models
from django.db.models import QuerySet
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _

from accounts.models import Membership, Team, User
from clients.models import (
    CaseworkerAssignment,
    Client,
    Reassessment,
    TeamAssignment,
    WorkCapacityDecision,
    mask_bsn,
)
from common.templatetags.dutch import day_short, moment_short
from interventions.models import (
    Agreement,
    ContactExemption,
    Conversation,
    Provider,
    ServiceType,
    Trajectory,
    TrajectoryPause,
    WorkPlan,
    WorkPlanLetter,
)
from norms.models import NormVersion
from participation.models import RungAssessment
from phases.models import PhaseExemption, PhasePeriod
from referrals.models import Organisation, Referral
from signals.models import Signal
from work.models import Employer, Job, JobRenewal, Provision

from .models import AccessLog, UnusualReading

ACTIONS = {"+": "created", "~": "changed", "-": "deleted"}
# Bookkeeping columns that change with every save and tell an auditor nothing.
NOT_SHOWN = {"id", "version", "created_at", "updated_at"}


@dataclass(frozen=True)
class Kind:
    """A kind of record in a client file and how its rows lead to the client."""

    key: str
    model: type[models.Model]
    # The field on the record pointing to the client, or to a parent kind's record.
    link: str
    parent: str | None = None

    @property
    def label(self) -> str:
        return str(self.model._meta.verbose_name)


KINDS = [
    Kind("client", Client, link="id"),
    Kind("assignment", CaseworkerAssignment, link="client_id"),
    Kind("team_period", TeamAssignment, link="client_id"),
    Kind("capacity_decision", WorkCapacityDecision, link="client_id"),
    Kind("reassessment", Reassessment, link="client_id"),
    Kind("phase", PhasePeriod, link="client_id"),
    Kind("phase_exemption", PhaseExemption, link="client_id"),
    Kind("conversation", Conversation, link="client_id"),
    Kind("contact_exemption", ContactExemption, link="client_id"),
    Kind("work_plan", WorkPlan, link="client_id"),
    Kind("agreement", Agreement, link="work_plan_id", parent="work_plan"),
    Kind("work_plan_letter", WorkPlanLetter, link="work_plan_id", parent="work_plan"),
    Kind("trajectory", Trajectory, link="client_id"),
    Kind("trajectory_pause", TrajectoryPause, link="trajectory_id", parent="trajectory"),
    Kind("signal", Signal, link="client_id"),
    Kind("job", Job, link="client_id"),
    Kind("job_renewal", JobRenewal, link="job_id", parent="job"),
    Kind("provision", Provision, link="client_id"),
    Kind("rung_assessment", RungAssessment, link="client_id"),
    Kind("referral", Referral, link="client_id"),
]
KIND_CHOICES = [(kind.key, kind.model._meta.verbose_name_plural) for kind in KINDS]
# Records outside any client file, changed by functional administrators and services.
STAFF_KINDS = [
    Kind("team", Team, link=""),
    Kind("membership", Membership, link=""),
    Kind("user", User, link=""),
    Kind("provider", Provider, link=""),
    Kind("service_type", ServiceType, link=""),
    Kind("norm_version", NormVersion, link=""),
    Kind("employer", Employer, link=""),
    Kind("organisation", Organisation, link=""),
]
ALL_KINDS = KINDS + STAFF_KINDS
# Linked records whose name reads other records: fetched with them, not one query each.
NAMED_WITH = {
    Trajectory: ("service_type", "client"),
    Job: ("employer",),
    Referral: ("organisation", "client"),
}
ALL_KIND_CHOICES = [(kind.key, kind.model._meta.verbose_name_plural) for kind in ALL_KINDS]


@dataclass(frozen=True)
class Change:
    field: str
    label: str
    old: Any
    new: Any
    old_display: str
    new_display: str


@dataclass(frozen=True)
class HistoryEntry:
    at: datetime
    user: User | None
    kind: str
    kind_label: str
    model: str
    object_id: int
    action: str
    reason: str
    changes: list[Change] = field(default_factory=list)
    client_id: int | None = None  # the client the record belongs to, if any
    client_name: str = ""  # "Jansen, Piet", where a screen shows it


def client_history(
    client: Client,
    *,
    user: User | None = None,
    since: date | None = None,
    until: date | None = None,
    kinds: Iterable[str] = (),
) -> list[HistoryEntry]:
    """Every recorded change to `client` and its records, newest first.

    Filters narrow what is returned; changes are always computed against the record's previous
    history row, also when that row falls outside the filter.
    """
    wanted = set(kinds)
    rows_by_kind: dict[str, list[dict[str, Any]]] = {}
    ids_by_kind: dict[str, set[int]] = {}
    for kind in KINDS:  # parents come before their children in KINDS
        condition: dict[str, Any]
        if kind.parent is None:
            condition = {kind.link: client.pk}
        else:
            condition = {f"{kind.link}__in": ids_by_kind[kind.parent]}
        rows = list(
            kind.model.history.filter(**condition)  # type: ignore[attr-defined]
            .order_by("id", "history_date", "history_id")
            .values()
        )
        rows_by_kind[kind.key] = rows
        ids_by_kind[kind.key] = {row["id"] for row in rows}
    if not wanted:
        wanted = set(rows_by_kind)

    names = _linked_names(rows_by_kind)
    entries = []
    for kind in KINDS:
        if kind.key not in wanted:
            continue
        previous: dict[int, dict[str, Any]] = {}
        for row in rows_by_kind[kind.key]:
            before = previous.get(row["id"])
            previous[row["id"]] = row
            entry = _entry(kind, row, before, names)
            if _matches(entry, user=user, since=since, until=until):
                entries.append(entry)
    entries.sort(key=lambda e: (e.at, e.kind), reverse=True)
    return entries


def _matches(
    entry: HistoryEntry, *, user: User | None, since: date | None, until: date | None
) -> bool:
    day = localtime(entry.at).date()
    return (
        (user is None or (entry.user is not None and entry.user.pk == user.pk))
        and (since is None or day >= since)
        and (until is None or day <= until)
    )


def _shown_fields(kind: Kind) -> list[models.Field]:
    """The fields an auditor reads: those the history keeps (a user's password is not), less
    bookkeeping and the link to the client (or parent record), which is implied."""
    kept = {f.attname for f in kind.model.history.model._meta.concrete_fields}  # type: ignore[attr-defined]
    return [
        f
        for f in kind.model._meta.concrete_fields
        if f.attname in kept and f.name not in NOT_SHOWN and f.attname != kind.link
    ]


def _linked_names(
    rows_by_kind: dict[str, list[dict[str, Any]]], kinds: list[Kind] = KINDS
) -> dict[tuple[Any, Any], Any]:
    """The records the history rows point to (teams, caseworkers, providers, ...) and the
    history users: one query per linked model, whatever the number of rows."""
    wanted: dict[Any, set[Any]] = defaultdict(set)
    for kind in kinds:
        for f in _shown_fields(kind):
            if f.is_relation:
                wanted[f.related_model] |= {row[f.attname] for row in rows_by_kind[kind.key]}
        wanted[User] |= {row["history_user_id"] for row in rows_by_kind[kind.key]}
    names: dict[tuple[Any, Any], Any] = {}
    for model, ids in wanted.items():
        ids.discard(None)
        linked = model._default_manager.filter(pk__in=ids)
        for obj in linked.select_related(*NAMED_WITH.get(model, ())):
            names[(model, obj.pk)] = obj
    return names


def _display(f: models.Field, value: Any, names: dict[tuple[Any, Any], Any]) -> str:
    if value is None or value == "":
        return "–"
    if f.is_relation:
        return str(names.get((f.related_model, value), f"#{value}"))
    if f.choices:
        return str(dict(f.flatchoices).get(value, value))
    if isinstance(value, bool):
        return str(_("ja") if value else _("nee"))
    if isinstance(value, datetime):
        return moment_short(value)  # the site's one format: "12-12-2026 14:30"
    if isinstance(value, date):
        return day_short(value)  # "12-12-2026", as in every table
    return str(value)


def _masked(f: models.Field, value: Any) -> Any:
    """The BSN is shown in full only on an explicit, logged reveal; never in the history."""
    return mask_bsn(value) if f.name == "bsn" and value else value


def _entry(
    kind: Kind,
    row: dict[str, Any],
    before: dict[str, Any] | None,
    names: dict[tuple[Any, Any], Any],
) -> HistoryEntry:
    action = ACTIONS[row["history_type"]]
    changes = []
    if action != "deleted":
        for f in _shown_fields(kind):
            old = before[f.attname] if before is not None else None
            new = row[f.attname]
            if before is None and new in (None, ""):
                continue  # a new record: only the fields that were filled in
            if before is not None and old == new:
                continue
            old, new = _masked(f, old), _masked(f, new)
            changes.append(
                Change(
                    field=f.name,
                    label=str(f.verbose_name),
                    old=old,
                    new=new,
                    old_display=_display(f, old, names) if before is not None else "–",
                    new_display=_display(f, new, names),
                )
            )
    return HistoryEntry(
        at=row["history_date"],
        user=names.get((User, row["history_user_id"])),
        kind=kind.key,
        kind_label=kind.label,
        model=kind.model._meta.model_name or "",
        object_id=row["id"],
        action=action,
        reason=row["history_change_reason"] or "",
        changes=changes,
    )


def access_log(
    *,
    client_id: int | None = None,
    bsn: str = "",
    user: User | None = None,
    action: str = "",
    since: date | None = None,
    until: date | None = None,
) -> QuerySet[AccessLog]:
    """The read log, newest first, narrowed as asked."""
    entries = AccessLog.objects.select_related("user", "client").order_by("-at", "-id")
    if client_id:
        entries = entries.filter(client_id=client_id)
    if bsn:
        entries = entries.filter(client__bsn=bsn)
    if user is not None:
        entries = entries.filter(user=user)
    if action:
        entries = entries.filter(action=action)
    if since:
        entries = entries.filter(at__date__gte=since)
    if until:
        entries = entries.filter(at__date__lte=until)
    return entries


def changes_by(
    user: User, *, since: date, until: date, kinds: Iterable[str] = ()
) -> list[HistoryEntry]:
    """Every change `user` made from `since` up to and including `until`, across the whole
    system, newest first; each against the record's previous version, wherever that lies."""
    wanted = set(kinds) or {kind.key for kind in ALL_KINDS}
    chosen = [kind for kind in ALL_KINDS if kind.key in wanted]
    rows_by_kind: dict[str, list[dict[str, Any]]] = {}
    mine: dict[str, set[int]] = {}
    for kind in chosen:
        history = kind.model.history  # type: ignore[attr-defined]
        made = history.filter(
            history_user=user, history_date__date__range=(since, until)
        ).values_list("history_id", "id")
        mine[kind.key] = {history_id for history_id, _ in made}
        objects = {object_id for _, object_id in made}
        rows_by_kind[kind.key] = list(
            history.filter(id__in=objects).order_by("id", "history_date", "history_id").values()
        )
    names = _linked_names(rows_by_kind, chosen)
    clients = _clients_of(rows_by_kind)
    entries = []
    for kind in chosen:
        previous: dict[int, dict[str, Any]] = {}
        for row in rows_by_kind[kind.key]:
            before = previous.get(row["id"])
            previous[row["id"]] = row
            if row["history_id"] in mine[kind.key]:
                entry = _entry(kind, row, before, names)
                entries.append(replace(entry, client_id=clients.get((kind.key, row["id"]))))
    entries.sort(key=lambda e: (e.at, e.kind), reverse=True)
    return entries


def _clients_of(rows_by_kind: dict[str, list[dict[str, Any]]]) -> dict[tuple[str, int], int]:
    """(kind, record id) -> the client it belongs to, also through a plan or trajectory."""
    found: dict[tuple[str, int], int] = {}
    for key, rows in rows_by_kind.items():
        for row in rows:
            if key == "client":
                found[(key, row["id"])] = row["id"]
            elif row.get("client_id"):
                found[(key, row["id"])] = row["client_id"]
    parents = {
        "agreement": ("work_plan_id", WorkPlan),
        "trajectory_pause": ("trajectory_id", Trajectory),
    }
    for key, (link, parent) in parents.items():
        links = {row[link] for row in rows_by_kind.get(key, [])}
        if not links:
            continue
        owner = dict(
            parent.history.filter(id__in=links).values_list("id", "client_id").distinct()  # type: ignore[attr-defined]
        )
        for row in rows_by_kind[key]:
            if row[link] in owner:
                found[(key, row["id"])] = owner[row[link]]
    return found


def recent_unusual_reading(today: date, days: int = 30) -> QuerySet[UnusualReading]:
    """Who read an unusual number of files in the last `days` days, newest first."""
    return UnusualReading.objects.select_related("user").filter(
        day__gt=today - timedelta(days=days)
    )
