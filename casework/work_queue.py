"""What a caseworker has to do between two dates: the work queue behind the start page and
GET /api/v1/work-queue/. One query per kind of item, whatever the caseload's size."""

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

from django.db import models
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from accounts.roles import Role
from accounts.selectors import roles_of, teams_of, viewer_key
from clients.models import CaseworkerAssignment, Client
from clients.querysets import visible_clients_q
from clients.stamps import kept
from interventions.models import Agreement, ContactExemption, Conversation, Trajectory, WorkPlan
from phases.models import PhaseExemption
from referrals.models import Referral
from signals.models import Signal

# A handover stays in the queue until the new contact person has spoken the client, for this
# many days at most (after that it is just a client of theirs).
HANDOVER_DAYS = 30
# A trajectory's planned end shows this many days ahead, so a follow-up can be arranged.
TRAJECTORY_END_DAYS = 14


class Kind(models.TextChoices):
    MISSED = "missed", _("Gemist gesprek")
    PLANNED = "planned", _("Gepland gesprek")
    SIGNAL = "signal", _("Signaal")
    CONTRACT_ENDING = "contract_ending", _("Contract loopt af")
    AGREEMENT_DUE = "agreement_due", _("Afspraak verloopt")
    REFERRAL_FOLLOW_UP = "referral_follow_up", _("Verwijzing nagaan")
    EXEMPTION_REVIEW = "exemption_review", _("Fasevrijstelling herbeoordelen")
    EXEMPTION_ENDING = "exemption_ending", _("Contactvrijstelling eindigt")
    TRAJECTORY_ENDING = "trajectory_ending", _("Traject eindigt")
    HANDOVER = "handover", _("Overgedragen cliënt")


@dataclass(frozen=True)
class Item:
    """One thing to do: `ref` is the id of the record it is about (conversation, signal, …)."""

    kind: str
    client_id: int
    client_name: str
    due_on: date
    ref: int
    detail: str = ""
    status: str = ""  # the record's status now, where an action starts from it (a referral)

    @property
    def label(self) -> str:
        return str(Kind(self.kind).label)


def queue_owners(viewer: User) -> QuerySet[User]:
    """Whose queue the viewer may open: their own, or as team manager their teams'."""
    mine = Q(pk=viewer.pk)
    if _opens_others(viewer):
        theirs = User.objects.caseworkers(teams=teams_of(viewer)).order_by().values("pk")
        mine |= Q(pk__in=theirs)
    return User.objects.filter(mine)


def queue_owners_by_name(viewer: User) -> list[User]:
    """`queue_owners`, by name; a caseworker's is only their own, known without a query."""
    if not _opens_others(viewer):
        return [viewer]
    return list(queue_owners(viewer).order_by("last_name", "first_name"))


def _opens_others(viewer: User) -> bool:
    return viewer.is_superuser or Role.TEAM_MANAGER in roles_of(viewer)


def work_queue(*, caseworker: User, viewer: User, start: date, end: date) -> list[Item]:
    """The items of `caseworker`'s clients (and conversations they hold) between `start` and
    `end`, oldest first, limited to the clients `viewer` may see. Missed conversations, open
    signals and overdue agreements from before `start` are included: they are still to do.
    Kept in the cache until one of the clients they may be about changes."""
    scope = queue_scope(caseworker=caseworker, viewer=viewer, start=start, end=end)
    return kept(scope.clients, f"items|{scope.key}", scope.items) if scope else []


@dataclass(frozen=True)
class QueueScope:
    """What a work queue depends on: the clients it may be about (`concerned`), and the rest
    as a key; with the way to find its items."""

    clients: list[QuerySet[Client]]
    key: str
    items: Callable[[], list[Item]]


def queue_scope(*, caseworker: User, viewer: User, start: date, end: date) -> QueueScope | None:
    """The scope of `work_queue`; None when the viewer may see no clients at all."""
    if visible_clients_q(viewer) is None:
        return None
    clients = _Clients(viewer, caseworker, start)
    return QueueScope(
        clients=clients.concerned(end),
        key=f"work-queue-v3|{viewer_key(viewer)}|{caseworker.pk}|{start}|{end}",
        items=lambda: _items(clients, caseworker, start, end),
    )


def _items(clients: "_Clients", caseworker: User, start: date, end: date) -> list[Item]:
    items = [
        *_conversations(clients, caseworker, start, end),
        *_signals(clients),
        *_agreements(clients, end),
        *_referrals(clients, end),
        *_exemptions(clients, start, end),
        *_trajectories(clients, start, end),
        *_handovers(clients, caseworker, end),
    ]
    order = list(Kind.values)
    return sorted(items, key=lambda item: (item.due_on, order.index(item.kind), item.client_name))


@dataclass(frozen=True)
class _Clients:
    """The clients a queue is about, as conditions on a record's relation to its client: each
    kind's query joins the client once (for the name it shows too), where a subquery of client
    ids made the database find the caseload again and join the client a second time."""

    viewer: User
    caseworker: User
    start: date

    def seen(self, prefix: str = "client__") -> Q:
        """Clients the viewer may see that are still in service on the first day."""
        seen = visible_clients_q(self.viewer, prefix)
        assert seen is not None  # checked by work_queue
        gone = {f"{prefix}out_of_service_on__isnull": True}
        later = {f"{prefix}out_of_service_on__gt": self.start}
        return seen & (Q(**gone) | Q(**later))

    def mine(self, prefix: str = "client__") -> Q:
        """Of those, the caseworker's."""
        return self.seen(prefix) & Q(**{f"{prefix}caseworker": self.caseworker})

    def concerned(self, end: date) -> list[QuerySet[Client]]:
        """Every client an item until `end` may be about, for the queue kept in the cache
        (`kept`): the caseworker's, and those of the conversations they hold planned until
        `end` (a plan made, moved or recorded stamps its client, who joins or leaves them).

        Also kept: the names of organisations and services in the items, until the cache
        time runs out (catalogue entries are renamed rarely, and never stamp a client)."""
        held = Conversation.objects.filter(
            caseworker=self.caseworker, status=Conversation.Status.PLANNED, held_on__lte=end
        )
        seen = Client.objects.filter(self.seen(prefix=""))
        return [
            seen.filter(caseworker=self.caseworker),
            seen.filter(pk__in=held.values("client_id")),
        ]


def _item(kind: str, row: Mapping[str, Any], due: str, detail: object = "") -> Item:
    name = f"{row['client__last_name']}, {row['client__first_name']}"
    return Item(kind, row["client_id"], name, row[due], row["id"], str(detail))


def _rows(records: models.QuerySet, *fields: str) -> "models.QuerySet[Any, dict[str, Any]]":
    # No ORDER BY: the items of all kinds are sorted together afterwards.
    return records.order_by().values(
        "id", "client_id", "client__last_name", "client__first_name", *fields
    )


def _conversations(clients: _Clients, caseworker: User, start: date, end: date) -> Iterator[Item]:
    """Planned conversations in the range, and earlier ones still planned: missed. Those with
    the caseworker's clients and those the caseworker holds, as two index lookups in one
    UNION (an OR across the join to the client reads every conversation there is)."""
    planned = Conversation.objects.filter(status=Conversation.Status.PLANNED, held_on__lte=end)
    with_mine = planned.filter(clients.mine())
    held_by = planned.filter(clients.seen(), caseworker=caseworker)
    plans = _rows(with_mine, "held_on", "channel").union(_rows(held_by, "held_on", "channel"))
    for row in plans:
        kind = Kind.MISSED if row["held_on"] < start else Kind.PLANNED
        yield _item(kind, row, "held_on", Conversation.Channel(row["channel"]).label)


def _signals(clients: _Clients) -> Iterator[Item]:
    """Open signals, since the day raised. An ending contract is its own kind of item, due on
    its planned end, named by its employer: time for a job-retention conversation before it."""
    for row in _rows(Signal.objects.open().filter(clients.mine()), "raised_on", "kind", "details"):
        if row["kind"] == Signal.Kind.CONTRACT_ENDING:
            details = row["details"] or {}
            planned_end = details.get("planned_end_on")
            row["due_on"] = date.fromisoformat(planned_end) if planned_end else row["raised_on"]
            yield _item(Kind.CONTRACT_ENDING, row, "due_on", details.get("employer", ""))
        else:
            yield _item(Kind.SIGNAL, row, "raised_on", Signal.Kind(row["kind"]).label)


def _agreements(clients: _Clients, end: date) -> Iterator[Item]:
    """Open agreements of a plan still in force, due by `end` (overdue ones included)."""
    due = Agreement.objects.filter(
        clients.mine("work_plan__client__"), status=Agreement.Status.OPEN, due_on__lte=end
    ).exclude(work_plan__status=WorkPlan.Status.SUPERSEDED)
    rows = due.order_by().values(
        "id",
        "due_on",
        "description",
        client_id=models.F("work_plan__client_id"),
        client__last_name=models.F("work_plan__client__last_name"),
        client__first_name=models.F("work_plan__client__first_name"),
    )
    for row in rows:
        yield _item(Kind.AGREEMENT_DUE, row, "due_on", row["description"])


def _referrals(clients: _Clients, end: date) -> Iterator[Item]:
    """Open referrals to follow up by `end` (overdue ones included), named by organisation."""
    due = Referral.objects.open().filter(clients.mine(), follow_up_on__lte=end)
    for row in _rows(due, "follow_up_on", "organisation__name", "status"):
        item = _item(Kind.REFERRAL_FOLLOW_UP, row, "follow_up_on", row["organisation__name"])
        yield replace(item, status=row["status"])


def _exemptions(clients: _Clients, start: date, end: date) -> Iterator[Item]:
    reviews = PhaseExemption.objects.filter(clients.mine(), review_on__range=(start, end))
    for row in _rows(reviews, "review_on", "phase"):
        detail = _("Fase %(phase)s") % {"phase": row["phase"]}
        yield _item(Kind.EXEMPTION_REVIEW, row, "review_on", detail)
    ending = ContactExemption.objects.filter(clients.mine(), valid_until__range=(start, end))
    for row in _rows(ending, "valid_until", "reason"):
        reason = ContactExemption.Reason(row["reason"]).label
        yield _item(Kind.EXEMPTION_ENDING, row, "valid_until", reason)


def _trajectories(clients: _Clients, start: date, end: date) -> Iterator[Item]:
    running = (Trajectory.Status.RUNNING, Trajectory.Status.PAUSED)
    ending = Trajectory.objects.filter(
        clients.mine(),
        status__in=running,
        planned_end_on__range=(start, end + timedelta(days=TRAJECTORY_END_DAYS)),
    )
    for row in _rows(ending, "planned_end_on", "service_type__name"):
        yield _item(Kind.TRAJECTORY_ENDING, row, "planned_end_on", row["service_type__name"])


def _handovers(clients: _Clients, caseworker: User, end: date) -> Iterator[Item]:
    """Clients handed to `caseworker` by someone else, not yet spoken since."""
    spoken_since = Conversation.objects.filter(
        client=OuterRef("client"),
        status=Conversation.Status.HELD,
        held_on__gte=OuterRef("started_on"),
    )
    received = (
        CaseworkerAssignment.objects.filter(
            clients.mine(),
            caseworker=caseworker,
            ended_on__isnull=True,
            started_on__range=(end - timedelta(days=HANDOVER_DAYS), end),
        )
        .exclude(assigned_by=caseworker)
        .exclude(Exists(spoken_since))
    )
    for row in _rows(received, "started_on", "handover_note"):
        yield _item(Kind.HANDOVER, row, "started_on", row["handover_note"][:200])
