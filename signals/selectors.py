"""The two signal conditions (no contact within the contact norm, a phase stalled past its norm)
as querysets for a date D, and counts for screens.

Each condition is one SQL query over the whole caseload; nothing loops over clients.
"""

from datetime import date

from django.db.models import (
    Case,
    Count,
    DateField,
    Exists,
    F,
    IntegerField,
    Max,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, JSONObject

from accounts.models import User
from clients.models import Client
from clients.querysets import ClientQuerySet, active_on_q
from common.dates import months_before
from interventions.models import Agreement, ContactExemption, Conversation, WorkPlan
from norms.models import NormVersion
from phases.models import PhaseExemption, PhasePeriod
from phases.querysets import with_current_phase

from .models import Notification, Signal
from .unread import kept_unread

# Only these count as contact: the client took part in a real conversation.
QUALIFYING_CHANNELS = (
    Conversation.Channel.IN_PERSON,
    Conversation.Channel.VIDEO,
    Conversation.Channel.PHONE,
)
STALLING_PHASES = ("1", "2", "3")  # phase 4 never stalls


def qualifying_contacts() -> QuerySet[Conversation]:
    return Conversation.objects.filter(
        status=Conversation.Status.HELD, with_client=True, channel__in=QUALIFYING_CHANNELS
    )


def contact_window_start(on: date, norm: NormVersion) -> date:
    """The first day of the window in which a contact counts (inclusive)."""
    return months_before(on, norm.contact_window_months)


def under_contact_norm_q(on: date, norm: NormVersion) -> Q:
    """An active client falls under the contact norm on `on`: in service at least the whole
    window, and no contact exemption covering `on`."""
    exempt = ContactExemption.objects.filter(
        client=OuterRef("pk"), valid_from__lte=on, valid_until__gte=on
    )
    return Q(in_service_since__lte=contact_window_start(on, norm)) & ~Q(Exists(exempt))


def contact_norm_population(
    on: date, norm: NormVersion, clients: QuerySet[Client] | None = None
) -> QuerySet[Client]:
    """The clients (of `clients`; default all) the contact norm applies to on `on`."""
    base = Client.objects.all() if clients is None else clients
    return base.filter(active_on_q(on), under_contact_norm_q(on, norm))


def spoken_within_norm(on: date, norm: NormVersion) -> Exists:
    """Whether the client (the outer row) had a qualifying contact in the window up to `on`."""
    since = contact_window_start(on, norm)
    return Exists(qualifying_contacts().filter(client=OuterRef("pk"), held_on__range=(since, on)))


def last_contact_on(on: date) -> Subquery:
    """The day of the outer client's last qualifying contact on or before `on` (None: none)."""
    last = qualifying_contacts().filter(client=OuterRef("pk"), held_on__lte=on)
    return Subquery(last.order_by("-held_on").values("held_on")[:1], output_field=DateField())


def no_contact_clients(on: date, norm: NormVersion) -> QuerySet[Client]:
    """Clients the contact norm applies to with no qualifying contact in the window: their last
    contact up to `on` (if any) lies before it.

    Written as one lookup per client in the conversations' (client, day) index, not as NOT
    EXISTS: the planner turns that into an anti-join, and without statistics (a restore) it
    estimated one conversation in the window and rescanned them all for every client.
    """
    since = contact_window_start(on, norm)
    last = Coalesce(last_contact_on(on), Value(date.min), output_field=DateField())
    return contact_norm_population(on, norm).alias(last_contact=last).filter(last_contact__lt=since)


def no_contact_rows(on: date, norm: NormVersion) -> QuerySet:
    """Every client the no-contact condition holds for, as `signal_client`, `signal_details`."""
    return no_contact_clients(on, norm).annotate(
        signal_client=F("pk"),
        signal_details=JSONObject(
            last_contact_on=last_contact_on(on),
            window_start=Value(contact_window_start(on, norm), output_field=DateField()),
        ),
    )


def stalled_phase_periods(on: date, norm: NormVersion) -> QuerySet[PhasePeriod]:
    """The phase period covering `on` of each active client whose phase 1-3 began on or before
    `on` minus the phase's threshold, unless a phase exemption for that phase covers `on`."""
    overdue = Q()
    for phase in STALLING_PHASES:
        months = norm.stalled_after_months(phase)
        assert months is not None
        overdue |= Q(phase=phase, started_on__lte=months_before(on, months))
    return (
        PhasePeriod.objects.filter(overdue, active_on_q(on, prefix="client__"))
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gt=on), started_on__lte=on)
        .exclude(
            Exists(
                PhaseExemption.objects.filter(
                    client=OuterRef("client_id"),
                    phase=OuterRef("phase"),
                    valid_from__lte=on,
                    review_on__gte=on,
                )
            )
        )
    )


def stalled_phase_rows(on: date, norm: NormVersion) -> QuerySet:
    """Every client whose phase progress stalled on `on`, as `signal_client`, `signal_details`."""
    threshold = Case(
        *[When(phase=p, then=Value(norm.stalled_after_months(p))) for p in STALLING_PHASES],
        output_field=IntegerField(),
    )
    return stalled_phase_periods(on, norm).annotate(
        signal_client=F("client_id"),
        signal_details=JSONObject(
            phase=F("phase"), phase_since=F("started_on"), threshold_months=threshold
        ),
    )


def _count(rows: QuerySet, outer: str = "pk") -> Coalesce:
    counted = rows.filter(client=OuterRef(outer)).order_by().values("client")
    return Coalesce(
        Subquery(counted.annotate(n=Count("id")).values("n"), output_field=IntegerField()), 0
    )


def with_caseload_figures(clients: ClientQuerySet, *, today: date) -> ClientQuerySet:
    """Annotate phase and since when, last spoken contact, next planned contact, open signals
    and overdue agreements of the current work plan."""
    per_client = OuterRef("pk")
    last_contact = (
        qualifying_contacts()
        .filter(client=per_client)
        .order_by()
        .values("client")
        .annotate(last=Max("held_on"))
        .values("last")
    )
    next_contact = (
        # A plan whose day passed unrecorded stays: it shows as missed until it is recorded.
        Conversation.objects.filter(client=per_client, status=Conversation.Status.PLANNED)
        .order_by()
        .values("client")
        .annotate(first=Min("held_on"))
        .values("first")
    )
    overdue = Agreement.objects.filter(
        work_plan__client=per_client,
        status=Agreement.Status.OPEN,
        due_on__lt=today,
    ).exclude(work_plan__status=WorkPlan.Status.SUPERSEDED)
    return with_current_phase(clients).annotate(
        last_contact_on=Subquery(last_contact),
        next_contact_on=Subquery(next_contact),
        open_signals=_count(Signal.objects.open()),
        overdue_agreements=Coalesce(
            Subquery(
                overdue.order_by().values("work_plan__client").annotate(n=Count("id")).values("n"),
                output_field=IntegerField(),
            ),
            0,
        ),
    )


def unread_count(user: User) -> int:
    """How many of the user's notifications are unread: the header's badge. Counted once per
    user object (a request's), which both a kept page's key and the header ask for, and kept
    between requests (`signals.unread`)."""
    cached: int | None = getattr(user, "_unread_count", None)
    if cached is None:
        unread = Notification.objects.filter(recipient=user).unread()
        cached = kept_unread(user.pk, unread.count)
        setattr(user, "_unread_count", cached)  # noqa: B010 - a per-request cache on the object
    return cached
