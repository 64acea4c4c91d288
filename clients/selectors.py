"""Reads for the caseworker screens: the caseload list with what a caseworker scans for.

Every figure is a correlated subquery on an indexed column, so a page of the caseload costs the
same few queries whatever its size.
"""

from datetime import date

from django.db.models import Count, IntegerField, Max, Min, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from accounts.models import User
from interventions.models import Agreement, Conversation, WorkPlan
from signals.models import Signal
from signals.selectors import qualifying_contacts

from .models import Client
from .querysets import ClientQuerySet


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
        Conversation.objects.filter(
            client=per_client, status=Conversation.Status.PLANNED, held_on__gte=today
        )
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
    return clients.with_current_phase().annotate(
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


def caseload(
    *,
    user: User,
    today: date,
    whole_team: bool = False,
    phase: str = "",
    signal: str = "",
    no_contact_since: date | None = None,
    overdue_only: bool = False,
    search: str = "",
) -> ClientQuerySet:
    """The clients on a caseworker's list (or their teams' lists), filtered as asked."""
    clients = Client.objects.visible_to(user).select_related("caseworker", "team")
    if not whole_team:
        clients = clients.filter(caseworker=user)
    if search := search.strip():
        digits = search.replace(" ", "")
        if digits.isascii() and digits.isdigit() and len(digits) == 9:
            clients = clients.filter(bsn=digits)  # full BSN only: no fishing on fragments
        else:
            for word in search.split():
                clients = clients.filter(
                    Q(first_name__icontains=word) | Q(last_name__icontains=word)
                )
    clients = with_caseload_figures(clients, today=today)
    if phase:
        clients = clients.filter(current_phase=phase)
    if signal:
        clients = clients.filter(signals__status=Signal.Status.OPEN, signals__kind=signal)
    if no_contact_since:
        clients = clients.filter(
            Q(last_contact_on__lt=no_contact_since) | Q(last_contact_on__isnull=True)
        )
    if overdue_only:
        clients = clients.filter(overdue_agreements__gt=0)
    return clients
