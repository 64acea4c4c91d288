"""The dashboard figures, each as a `Table` with the drill-down filters of every figure.

Each figure is a few grouped queries over the scope's clients (never a loop over clients), so a
report costs the same number of queries for a team of 2,000 as for 110,000 clients.
"""

from calendar import monthrange
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db import connection
from django.db.models import (
    Aggregate,
    Case,
    Count,
    Exists,
    F,
    FilteredRelation,
    FloatField,
    Func,
    OuterRef,
    Q,
    QuerySet,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce, ExtractMonth
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.roles import Role
from clients.models import Client
from clients.querysets import ClientQuerySet, active_on_q
from common.dates import months_before
from common.tables import Cell, Column, Table
from interventions.models import Agreement, WorkPlan
from norms.selectors import NoNormInForce, norm_in_force
from phases.models import Phase, PhasePeriod
from signals.models import Signal
from signals.selectors import (
    contact_norm_population,
    qualifying_contacts,
    spoken_within_norm,
    under_contact_norm_q,
    with_caseload_figures,
)

from .permissions import ReportScope

NO_CASEWORKER = "none"
PHASES: list[str] = list(Phase.values)


def month_ends(first: date, last: date) -> list[date]:
    """Every last day of a month from `first` up to and including `last`."""
    ends: list[date] = []
    year, month = first.year, first.month
    while True:
        end = date(year, month, monthrange(year, month)[1])
        if end > last:
            return ends
        if end >= first:
            ends.append(end)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


def months_back(on: date, count: int) -> list[date]:
    """The last `count` month-ends on or before `on`, oldest first."""
    year, month = on.year, on.month
    ends: list[date] = []
    while len(ends) < count:
        end = date(year, month, monthrange(year, month)[1])
        if end <= on:
            ends.append(end)
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    return ends[::-1]


def round_half_up(value: float | Decimal) -> int:
    return int(Decimal(str(value)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


class _Groups:
    """Rows of a caseload table: caseworkers of one team, or teams when the scope spans more.

    A caseworker sees only their own row.
    """

    def __init__(self, scope: ReportScope):
        self.scope = scope
        self.by_caseworker = scope.caseworker is not None or len(scope.team_ids) == 1
        self.key = "caseworker" if self.by_caseworker else "team"

    def members(self) -> list[Any]:
        if not self.by_caseworker:
            return list(self.scope.teams())
        if self.scope.caseworker is not None:
            return [self.scope.caseworker]
        return list(
            User.objects.filter(
                groups__name=Role.CASEWORKER.value,
                memberships__team__in=self.scope.team_ids,
            )
            .distinct()
            .order_by("last_name", "first_name", "username")
        )

    def filters(self, member: Any) -> dict[str, str]:
        if member is None:
            return {"caseworker": NO_CASEWORKER}
        return {self.key: str(member.pk)}


def _scope_filters(scope: ReportScope) -> dict[str, str]:
    return {"team": str(scope.team.pk)} if scope.team is not None else {}


def caseload_per_caseworker(scope: ReportScope, *, today: date) -> Table:
    """Active clients per caseworker (or per team) by phase, against the guideline per fte,
    with open signals by kind and overdue agreements."""
    groups = _Groups(scope)
    norm = norm_in_force(today)
    clients = scope.clients().filter(active_on_q(today))
    current = FilteredRelation("phase_periods", condition=Q(phase_periods__ended_on__isnull=True))
    per_phase = {f"phase_{code}": Count("id", filter=Q(current__phase=code)) for code in PHASES}
    counts = {
        row[groups.key]: row
        for row in clients.annotate(current=current)
        .values(groups.key)
        .annotate(
            total=Count("id"),
            no_phase=Count("id", filter=Q(current__isnull=True)),
            without_caseworker=Count("id", filter=Q(caseworker__isnull=True)),
            **per_phase,
        )
        .order_by()
    }
    signals: dict[tuple[Any, str], int] = {
        (row[f"client__{groups.key}"], row["kind"]): row["n"]
        for row in Signal.objects.open()
        .filter(scope.over("client__"), active_on_q(today, prefix="client__"))
        .values(f"client__{groups.key}", "kind")
        .annotate(n=Count("id"))
        .order_by()
    }
    overdue = {
        row[f"work_plan__client__{groups.key}"]: row["n"]
        for row in Agreement.objects.filter(
            scope.over("work_plan__client__"),
            active_on_q(today, prefix="work_plan__client__"),
            status=Agreement.Status.OPEN,
            due_on__lt=today,
        )
        .exclude(work_plan__status=WorkPlan.Status.SUPERSEDED)
        .values(f"work_plan__client__{groups.key}")
        .annotate(n=Count("id"))
        .order_by()
    }

    columns = [Column("name", _("Casemanager") if groups.by_caseworker else _("Team"), "text")]
    if groups.by_caseworker:
        columns.append(Column("fte", _("Fte"), "decimal"))
    columns += [Column("clients", _("Cliënten"))]
    columns += [Column(f"phase_{code}", _("Fase %(phase)s") % {"phase": code}) for code in PHASES]
    columns.append(Column("no_phase", _("Geen fase")))
    if groups.by_caseworker:
        columns += [
            Column("per_fte", _("Cliënten per fte"), "decimal"),
            Column("above_guideline", _("Boven richtlijn"), "text"),
        ]
    else:
        columns.append(Column("without_caseworker", _("Zonder vaste contactpersoon")))
    columns += [
        Column("no_contact", _("Signaal geen contact")),
        Column("stalled", _("Signaal vastgelopen")),
        Column("overdue", _("Verlopen afspraken")),
    ]
    table = Table(
        "caseload",
        _("Caseload per casemanager") if groups.by_caseworker else _("Caseload per team"),
        columns,
        note=_("Actieve cliënten op %(day)s; richtlijn %(norm)s cliënten per fte.")
        % {"day": today.strftime("%d-%m-%Y"), "norm": norm.clients_per_fte},
    )
    members: list[Any] = groups.members()
    if groups.by_caseworker and scope.caseworker is None:
        members.append(None)  # the clients without a fixed contact person
    base = _scope_filters(scope)
    for member in members:
        key = member.pk if member is not None else None
        row = counts.get(key, {})
        drill = base | groups.filters(member)
        cells: list[Cell] = [
            Cell(str(member) if member is not None else _("Zonder vaste contactpersoon"))
        ]
        if groups.by_caseworker:
            cells.append(Cell(member.fte if member is not None else None))
        cells.append(Cell(row.get("total", 0), drill))
        cells += [Cell(row.get(f"phase_{code}", 0), drill | {"phase": code}) for code in PHASES]
        cells.append(Cell(row.get("no_phase", 0), drill | {"phase": "none"}))
        if groups.by_caseworker:
            per_fte = (
                round(row.get("total", 0) / float(member.fte), 1)
                if member is not None and member.fte
                else None
            )
            above = per_fte is not None and per_fte > norm.clients_per_fte
            cells += [
                Cell(per_fte),
                Cell(_("ja") if above else ("–" if per_fte is None else _("nee"))),
            ]
        else:
            cells.append(
                Cell(row.get("without_caseworker", 0), drill | {"caseworker": NO_CASEWORKER})
            )
        cells += [
            Cell(signals.get((key, "no_contact"), 0), drill | {"signal": "no_contact"}),
            Cell(signals.get((key, "stalled_phase"), 0), drill | {"signal": "stalled_phase"}),
            Cell(overdue.get(key, 0), drill | {"overdue": "1"}),
        ]
        table.rows.append(cells)
    table.totals = _totals(table, base)
    return table


def _totals(table: Table, drill: dict[str, str]) -> list[Cell]:
    """A totals row: sums of the count columns, drilling down to the whole scope."""
    cells = [Cell(_("Totaal"))]
    for index, column in enumerate(table.columns[1:], start=1):
        if column.kind != "int":
            cells.append(Cell(None))
            continue
        total = sum(row[index].value or 0 for row in table.rows)
        filters = table.rows[0][index].filters if table.rows else None
        extra = {k: v for k, v in (filters or {}).items() if k not in ("caseworker", "team")}
        cells.append(Cell(total, drill | extra if filters is not None else None))
    return cells


def contact_norm(scope: ReportScope, *, on: date) -> Table:
    """Per caseworker (or team): the clients the contact norm applies to on `on`, how many were
    spoken in the window up to `on`, and the share."""
    groups = _Groups(scope)
    norm = norm_in_force(on)
    population = contact_norm_population(on, norm, clients=scope.clients())
    counts = {
        row[groups.key]: row
        for row in population.annotate(spoken=spoken_within_norm(on, norm))
        .values(groups.key)
        .annotate(population=Count("id"), spoken_count=Count("id", filter=Q(spoken=True)))
        .order_by()
    }
    table = Table(
        "contact_norm",
        _("Contactnorm: cliënten gesproken in het afgelopen jaar"),
        [
            Column("name", _("Casemanager") if groups.by_caseworker else _("Team"), "text"),
            Column("population", _("Cliënten onder de norm")),
            Column("spoken", _("Gesproken")),
            Column("not_spoken", _("Niet gesproken")),
            Column("share", _("Aandeel gesproken"), "percent"),
        ],
        note=_(
            "Stand op %(day)s. Telt mee: actief, minstens het hele venster in zorg en zonder "
            "contactvrijstelling. Gesproken: een gehouden gesprek met de cliënt, niet "
            "schriftelijk."
        )
        % {"day": on.strftime("%d-%m-%Y")},
    )
    members: list[Any] = groups.members()
    if groups.by_caseworker and scope.caseworker is None:
        members.append(None)
    base = _scope_filters(scope) | {"on": on.isoformat()}
    for member in members:
        row = counts.get(member.pk if member is not None else None, {})
        drill = base | groups.filters(member)
        total, spoken = row.get("population", 0), row.get("spoken_count", 0)
        table.rows.append(
            [
                Cell(str(member) if member is not None else _("Zonder vaste contactpersoon")),
                Cell(total, drill | {"norm": "population"}),
                Cell(spoken, drill | {"norm": "spoken"}),
                Cell(total - spoken, drill | {"norm": "not_spoken"}),
                Cell(spoken / total if total else None),
            ]
        )
    total = sum(r[1].value for r in table.rows)
    spoken = sum(r[2].value for r in table.rows)
    table.totals = [
        Cell(_("Totaal")),
        Cell(total, base | {"norm": "population"}),
        Cell(spoken, base | {"norm": "spoken"}),
        Cell(total - spoken, base | {"norm": "not_spoken"}),
        Cell(spoken / total if total else None),
    ]
    return table


def _summed(rows: list[dict[str, Any]], key: str, **where: Any) -> int:
    return sum(
        row[key] for row in rows if all(row[field] == value for field, value in where.items())
    )


def contact_norm_trend(scope: ReportScope, *, on: date, months: int = 24) -> Table:
    """The share spoken at each of the last `months` month-ends up to `on`."""
    table = Table(
        "contact_norm_trend",
        _("Contactnorm per maand"),
        [
            Column("month", _("Maand (einde)"), "text"),
            Column("population", _("Cliënten onder de norm")),
            Column("spoken", _("Gesproken")),
            Column("share", _("Aandeel gesproken"), "percent"),
        ],
        note=_("Cliënten van het team zoals het nu is, teruggekeken per maandeinde."),
    )
    base = _scope_filters(scope)
    if scope.caseworker is not None:
        base |= {"caseworker": str(scope.caseworker.pk)}
    figures = figures_on(scope, months_back(on, months))
    for end, rows in figures.items():
        total, spoken = _summed(rows, "norm_population"), _summed(rows, "spoken")
        day = {"on": end.isoformat()}
        table.rows.append(
            [
                Cell(end.isoformat()),
                Cell(total, base | day | {"norm": "population"}),
                Cell(spoken, base | day | {"norm": "spoken"}),
                Cell(spoken / total if total else None),
            ]
        )
    return table


def phase_distribution(scope: ReportScope, *, year: int, today: date) -> dict[str, Any]:
    """The method of table 3.1: on each month-end of `year` up to `today`, the active clients in
    each phase; averaged over those month-ends and rounded half up to whole clients.

    The total is the rounded average of the monthly totals (as in table 3.1), so it may differ
    by a few from the sum of the rounded phase averages. Clients without a phase on a month-end
    are left out, as the study leaves out its undetermined group.
    """
    ends = month_ends(date(year, 1, 1), min(date(year, 12, 31), today))
    figures = figures_on(scope, ends)
    monthly = [
        {code: _summed(figures[end], "active", phase=code) for code in PHASES} for end in ends
    ]
    count = len(monthly)
    rows = [
        {
            "phase": code,
            "average": round_half_up(sum(m[code] for m in monthly) / count) if count else None,
        }
        for code in PHASES
    ]
    total = round_half_up(sum(sum(m.values()) for m in monthly) / count) if count else None
    return {
        "year": year,
        "months": count,
        "month_ends": ends,
        "monthly": [{"month_end": end, **m} for end, m in zip(ends, monthly, strict=True)],
        "rows": rows,
        "total": total,
    }


def phase_distribution_table(scope: ReportScope, *, years: list[int], today: date) -> Table:
    """Table 3.1: per phase the average per month, one column per year."""
    results = [phase_distribution(scope, year=year, today=today) for year in years]
    table = Table(
        "phase_distribution",
        _("Cliënten per fase (gemiddeld per maand)"),
        [Column("phase", _("Fase"), "text")]
        + [Column(str(r["year"]), str(r["year"])) for r in results],
        note=_(
            "Per maandeinde de actieve cliënten in elke fase, gemiddeld over de maanden van het "
            "jaar tot vandaag en afgerond (methode van tabel 3.1)."
        ),
    )
    base = _scope_filters(scope)
    for index, code in enumerate(PHASES):
        cells = [Cell(_("Fase %(phase)s") % {"phase": code})]
        for result in results:
            last = result["month_ends"][-1] if result["month_ends"] else None
            drill = base | {"phase": code, "on": last.isoformat()} if last else None
            cells.append(Cell(result["rows"][index]["average"], drill))
        table.rows.append(cells)
    table.totals = [Cell(_("Totaal"))] + [Cell(r["total"]) for r in results]
    return table


def drilldown_clients(
    scope: ReportScope,
    *,
    user: User,
    today: date,
    caseworker: str = "",
    phase: str = "",
    signal: str = "",
    overdue: bool = False,
    norm: str = "",
    on: date | None = None,
    start: date | None = None,
    end: date | None = None,
    event: "Event | None" = None,
) -> ClientQuerySet:
    """The clients behind one figure, within the scope and what `user` may open.

    Without `on` the figure is about today (active clients, current phase); with `on` it is
    about that day: the contact norm population (`norm`) or the phase on that day. An `event`
    in [start, end] lists its clients whether they are active or not.
    """
    clients = scope.clients().visible_to(user)
    if caseworker == NO_CASEWORKER:
        clients = clients.filter(caseworker__isnull=True)
    elif caseworker:
        clients = clients.filter(caseworker_id=int(caseworker))
    if event and start is not None and end is not None:
        return with_caseload_figures(event.clients(clients, start, end), today=today)
    if norm and on is not None:
        rules = norm_in_force(on)
        clients = clients.filter(active_on_q(on), under_contact_norm_q(on, rules))
        if norm == "spoken":
            clients = clients.filter(spoken_within_norm(on, rules))
        elif norm == "not_spoken":
            clients = clients.exclude(spoken_within_norm(on, rules))
    elif on is not None:
        clients = clients.filter(active_on_q(on))
        covering = PhasePeriod.objects.filter(client=OuterRef("pk"), started_on__lte=on).filter(
            Q(ended_on__isnull=True) | Q(ended_on__gt=on)
        )
        if phase == "none":
            clients = clients.exclude(Exists(covering))
        elif phase:
            clients = clients.filter(Exists(covering.filter(phase=phase)))
    else:
        clients = clients.filter(active_on_q(today))
    clients = with_caseload_figures(clients, today=today)
    if phase and on is None:
        clients = (
            clients.filter(current_phase__isnull=True)
            if phase == "none"
            else clients.filter(current_phase=phase)
        )
    if signal:
        clients = clients.filter(
            Exists(Signal.objects.open().filter(client=OuterRef("pk"), kind=signal))
        )
    if overdue:
        clients = clients.filter(overdue_agreements__gt=0)
    return clients


@dataclass(frozen=True)
class Event:
    """Something that happened to clients in a period, behind a count in a report."""

    transition: str = ""  # "2-3", or "start-1" for a first phase
    ended_phase: str = ""  # a period in this phase ended
    service_type: int | None = None  # a trajectory bought, perhaps from `provider`
    provider: int | None = None
    trajectory_status: str = ""
    outcome: str = ""
    spoken_by: int | None = None  # a conversation held by this caseworker

    def __bool__(self) -> bool:
        return bool(self.transition or self.ended_phase or self.service_type or self.spoken_by)

    def clients(self, clients: ClientQuerySet, start: date, end: date) -> ClientQuerySet:
        from interventions.models import Conversation, Trajectory

        if self.transition:
            origin, phase = self.transition.split("-")
            moved = PhasePeriod.objects.filter(
                client=OuterRef("pk"), phase=phase, started_on__range=(start, end)
            )
            before = PhasePeriod.objects.filter(
                client=OuterRef("client"), ended_on=OuterRef("started_on")
            )
            moved = (
                moved.exclude(Exists(before))
                if origin == START
                else moved.filter(Exists(before.filter(phase=origin)))
            )
            clients = clients.filter(Exists(moved))
        if self.ended_phase:
            ended = PhasePeriod.objects.filter(
                client=OuterRef("pk"), phase=self.ended_phase, ended_on__range=(start, end)
            )
            clients = clients.filter(Exists(ended))
        if self.service_type:
            bought = Trajectory.objects.filter(
                client=OuterRef("pk"),
                service_type=self.service_type,
                purchased_on__range=(start, end),
            )
            if self.provider:
                bought = bought.filter(provider=self.provider)
            if self.trajectory_status:
                bought = bought.filter(status=self.trajectory_status)
            if self.outcome:
                bought = bought.filter(outcome=self.outcome)
            clients = clients.filter(Exists(bought))
        if self.spoken_by:
            held = Conversation.objects.filter(
                client=OuterRef("pk"),
                caseworker=self.spoken_by,
                status=Conversation.Status.HELD,
                held_on__range=(start, end),
            )
            clients = clients.filter(Exists(held))
        return clients


def month_end_counts(clients: ClientQuerySet, on: date) -> list[dict[str, Any]]:
    """For clients active on month-end `on`, grouped by team, phase that day and whether they
    were in it for at most two years: active, under the contact norm, spoken within the norm,
    and spoken in that month. One grouped query; stored by the nightly refresh."""
    first_of_month = on.replace(day=1)
    covering = FilteredRelation(
        "phase_periods",
        condition=Q(phase_periods__started_on__lte=on)
        & (Q(phase_periods__ended_on__isnull=True) | Q(phase_periods__ended_on__gt=on)),
    )
    try:
        rules = norm_in_force(on)
    except NoNormInForce:  # before the contact norm existed nobody falls under it
        in_population, spoken = Q(pk__in=[]), Exists(Client.objects.none())
    else:
        in_population = under_contact_norm_q(on, rules)
        spoken = spoken_within_norm(on, rules)
    rows = (
        clients.filter(active_on_q(on))
        .annotate(
            period=covering,
            spoken=spoken,
            conversed=Exists(
                qualifying_contacts().filter(
                    client=OuterRef("pk"), held_on__range=(first_of_month, on)
                )
            ),
        )
        .values("team", phase=Coalesce("period__phase", Value("")))
        .annotate(
            early_in_phase=Case(
                When(period__started_on__gt=months_before(on, 24), then=Value(True)),
                default=Value(False),
            ),
        )
        .values("team", "phase", "early_in_phase")
        .annotate(
            active=Count("id"),
            norm_population=Count("id", filter=in_population),
            spoken_count=Count("id", filter=in_population & Q(spoken=True)),
            conversed_in_month=Count("id", filter=Q(conversed=True)),
        )
        .order_by()
    )
    return [
        {
            "team_id": row["team"],
            "phase": row["phase"],
            "early_in_phase": row["early_in_phase"],
            "active": row["active"],
            "norm_population": row["norm_population"],
            "spoken": row["spoken_count"],
            "conversed_in_month": row["conversed_in_month"],
        }
        for row in rows
    ]


def figures_on(scope: ReportScope, ends: list[date]) -> dict[date, list[dict[str, Any]]]:
    """`month_end_counts` rows of the scope's clients per month-end: read from the stored
    figures where they are current, counted live where not (or for one caseworker's clients).
    """
    from .models import FigureState, MonthEndFigure

    state = FigureState.objects.filter(pk=1).first()
    stored = (
        [end for end in ends if state.holds(end)]
        if state is not None and scope.caseworker is None
        else []
    )
    result: dict[date, list[dict[str, Any]]] = {end: [] for end in ends}
    if stored:
        rows = MonthEndFigure.objects.filter(month_end__in=stored)
        if not scope.all_teams:
            rows = rows.filter(team_id__in=scope.team_ids)
        for row in rows.values(
            "month_end",
            "team_id",
            "phase",
            "early_in_phase",
            "active",
            "norm_population",
            "spoken",
            "conversed_in_month",
        ):
            values: dict[str, Any] = dict(row)
            result[values.pop("month_end")].append(values)
    clients = scope.clients()
    for end in ends:
        if end not in stored:
            result[end] = month_end_counts(clients, end)
    return result


# Figure 3.2, transitions, trajectories and production -------------------------------------


def conversations_per_phase(scope: ReportScope, *, years: list[int], today: date) -> Table:
    """Figure 3.2 of the study: per phase and year, the months in which a client in that phase
    was spoken, per client-year in the phase; split by up to two years in the phase or longer.

    (months in phase X with a conversation in year Y) / (months in phase X in year Y / 12); the
    phase of a month is the phase on its last day.
    """
    ends = {y: month_ends(date(y, 1, 1), min(date(y, 12, 31), today)) for y in years}
    figures = figures_on(scope, [end for y in years for end in ends[y]])
    table = Table(
        "conversations_per_phase",
        _("Gesprekken per cliënt per jaar, per fase"),
        [Column("phase", _("Fase"), "text"), Column("stay", _("Tijd in de fase"), "text")]
        + [Column(str(y), str(y), "decimal") for y in years],
        note=_(
            "Maanden met een gesprek gedeeld door cliëntjaren in de fase (methode van figuur "
            "3.2). Gesprek: gehouden, met de cliënt, niet schriftelijk."
        ),
    )
    for code in PHASES:
        for early, label in ((True, _("eerste twee jaar")), (False, _("langer dan twee jaar"))):
            cells = [Cell(_("Fase %(phase)s") % {"phase": code}), Cell(label)]
            for year in years:
                rows = [r for end in ends[year] for r in figures[end]]
                months = _summed(rows, "active", phase=code, early_in_phase=early)
                spoken = _summed(rows, "conversed_in_month", phase=code, early_in_phase=early)
                cells.append(Cell(round(spoken / (months / 12), 1) if months else None))
            table.rows.append(cells)
    return table


def _percentile(values: list[int], share: float) -> float | None:
    """Linear interpolation between the closest ranks, as PostgreSQL's percentile_cont."""
    if not values:
        return None
    ordered = sorted(values)
    position = share * (len(ordered) - 1)
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


class DaysPercentile(Aggregate):
    """PostgreSQL's percentile_cont over the days between two date columns."""

    function = "percentile_cont"
    template = "%(function)s(%(share)s) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = FloatField()

    def __init__(self, later: str, earlier: str, share: float):
        days = Func(F(later), F(earlier), template="(%(expressions)s)", arg_joiner=" - ")
        super().__init__(days, share=float(share))


def _quartiles_in_database(periods: QuerySet) -> dict[str, tuple[int, Any, Any]]:
    """Per phase: (periods, median days, 75th percentile days), counted by PostgreSQL."""
    rows = (
        periods.values("phase")
        .annotate(
            n=Count("id"),
            median=DaysPercentile("ended_on", "started_on", 0.5),
            p75=DaysPercentile("ended_on", "started_on", 0.75),
        )
        .order_by()
    )
    return {row["phase"]: (row["n"], row["median"], row["p75"]) for row in rows}


DAYS_PER_MONTH = 365.25 / 12
START = "start"  # the "from" of a client's first phase


def phase_transitions(scope: ReportScope, *, start: date, end: date) -> Table:
    """From which phase to which the clients moved in [start, end], a first phase included;
    regressions are moves to a lower phase, skips moves up by more than one."""
    # The period before: the client's period that ended on the day this one started.
    previous = FilteredRelation(
        "client__phase_periods", condition=Q(client__phase_periods__ended_on=F("started_on"))
    )
    counts = {
        (row["previous__phase"] or START, row["phase"]): row["n"]
        for row in PhasePeriod.objects.filter(scope.over(), started_on__range=(start, end))
        .annotate(previous=previous)
        .values("previous__phase", "phase")
        .annotate(n=Count("id"))
        .order_by()
    }
    table = Table(
        "phase_transitions",
        _("Faseovergangen"),
        [Column("from", _("Van"), "text")]
        + [Column(f"to_{code}", _("Naar fase %(phase)s") % {"phase": code}) for code in PHASES]
        + [
            Column("total", _("Totaal")),
            Column("down", _("Terugval")),
            Column("skip", _("Fase overgeslagen")),
        ],
        note=_("Overgangen met een ingangsdatum van %(start)s tot en met %(end)s.")
        % {"start": start.strftime("%d-%m-%Y"), "end": end.strftime("%d-%m-%Y")},
    )
    base = _scope_filters(scope) | {"start": start.isoformat(), "end": end.isoformat()}
    for origin in [START, *PHASES]:
        label = _("Eerste fase") if origin == START else _("Fase %(phase)s") % {"phase": origin}
        moves = [counts.get((origin, code), 0) for code in PHASES]
        pairs = list(zip(PHASES, moves, strict=True)) if origin != START else []
        down = sum(n for code, n in pairs if code < origin)
        skip = sum(n for code, n in pairs if int(code) > int(origin) + 1)
        table.rows.append(
            [Cell(label)]
            + [
                Cell(n, base | {"transition": f"{origin}-{code}"})
                for code, n in zip(PHASES, moves, strict=True)
            ]
            + [Cell(sum(moves)), Cell(down), Cell(skip)]
        )
    table.totals = [Cell(_("Totaal"))] + [
        Cell(sum(row[i].value for row in table.rows)) for i in range(1, len(table.columns))
    ]
    return table


def time_in_phase(scope: ReportScope, *, start: date, end: date) -> Table:
    """Median and 75th percentile of the time spent in each phase, over the phase periods
    that ended in [start, end]."""
    ended = PhasePeriod.objects.filter(scope.over(), ended_on__range=(start, end))
    quartiles = _quartiles_in_database(ended) if connection.vendor == "postgresql" else None
    if quartiles is None:
        durations: dict[str, list[int]] = {code: [] for code in PHASES}
        for phase, started, ended_on in ended.values_list("phase", "started_on", "ended_on"):
            if ended_on is not None:  # always, by the filter; says so to the type checker
                durations[phase].append((ended_on - started).days)
        quartiles = {
            code: (len(days), _percentile(days, 0.5), _percentile(days, 0.75))
            for code, days in durations.items()
        }
    table = Table(
        "time_in_phase",
        _("Tijd in een fase (afgesloten perioden)"),
        [
            Column("phase", _("Fase"), "text"),
            Column("ended", _("Afgesloten perioden")),
            Column("median", _("Mediaan (maanden)"), "decimal"),
            Column("p75", _("75e percentiel (maanden)"), "decimal"),
        ],
        note=_("Fasen die eindigden van %(start)s tot en met %(end)s.")
        % {"start": start.strftime("%d-%m-%Y"), "end": end.strftime("%d-%m-%Y")},
    )
    base = _scope_filters(scope) | {"start": start.isoformat(), "end": end.isoformat()}
    for code in PHASES:
        count, median, p75 = quartiles.get(code, (0, None, None))
        table.rows.append(
            [
                Cell(_("Fase %(phase)s") % {"phase": code}),
                Cell(count, base | {"ended_phase": code}),
                Cell(None if median is None else round(median / DAYS_PER_MONTH, 1)),
                Cell(None if p75 is None else round(p75 / DAYS_PER_MONTH, 1)),
            ]
        )
    return table


def trajectories_report(scope: ReportScope, *, start: date, end: date) -> Table:
    """Trajectories bought in [start, end] per service type and provider: how they stand, their
    outcomes, cost and repeat purchases."""
    from interventions.models import Trajectory

    statuses = Trajectory.Status
    outcomes = Trajectory.Outcome
    rows = (
        Trajectory.objects.filter(scope.over(), purchased_on__range=(start, end))
        .values(
            "service_type", "service_type__code", "service_type__name", "provider", "provider__name"
        )
        .annotate(
            bought=Count("id"),
            **{f"status_{s}": Count("id", filter=Q(status=s)) for s in statuses.values},
            **{f"outcome_{o}": Count("id", filter=Q(outcome=o)) for o in outcomes.values},
            cost=Sum("cost"),
            repeats=Count("id", filter=~Q(repeat_justification="")),
        )
        .order_by("service_type__code", "provider__name")
    )
    table = Table(
        "trajectories",
        _("Ingekochte trajecten"),
        [Column("service", _("Dienst"), "text"), Column("provider", _("Aanbieder"), "text")]
        + [Column("bought", _("Ingekocht"))]
        + [Column(f"status_{s}", str(label)) for s, label in statuses.choices]
        + [Column(f"outcome_{o}", str(label)) for o, label in outcomes.choices]
        + [
            Column("cost", _("Kosten totaal (€)"), "decimal"),
            Column("average", _("Gemiddeld (€)"), "decimal"),
            Column("repeats", _("Herhaalde inkoop")),
        ],
        note=_("Ingekocht van %(start)s tot en met %(end)s.")
        % {"start": start.strftime("%d-%m-%Y"), "end": end.strftime("%d-%m-%Y")},
    )
    base = _scope_filters(scope) | {"start": start.isoformat(), "end": end.isoformat()}
    for found in rows:
        row: dict[str, Any] = dict(found)
        drill = base | {
            "service_type": str(row["service_type"]),
            "provider": str(row["provider"]),
        }
        table.rows.append(
            [
                Cell(f"{row['service_type__code']} {row['service_type__name']}"),
                Cell(row["provider__name"]),
                Cell(row["bought"], drill),
            ]
            + [Cell(row[f"status_{s}"], drill | {"trajectory_status": s}) for s in statuses.values]
            + [Cell(row[f"outcome_{o}"], drill | {"outcome": o}) for o in outcomes.values]
            + [
                Cell(row["cost"] or Decimal(0)),
                Cell((row["cost"] or Decimal(0)) / row["bought"]),
                Cell(row["repeats"]),
            ]
        )
    bought = sum(r[2].value for r in table.rows)
    total_cost = sum((r[-3].value for r in table.rows), Decimal(0))
    table.totals = (
        [Cell(_("Totaal")), Cell("")]
        + [Cell(sum(r[i].value for r in table.rows)) for i in range(2, len(table.columns) - 3)]
        + [
            Cell(total_cost),
            Cell(total_cost / bought if bought else None),
            Cell(sum(r[-1].value for r in table.rows)),
        ]
    )
    return table


def production(scope: ReportScope, *, year: int, today: date) -> Table:
    """Conversation minutes as conversation equivalents (GE) per caseworker (or team) and month,
    against the target per fte for the months so far."""
    from interventions.models import Conversation

    last = min(date(year, 12, 31), today)
    months = list(range(1, last.month + 1))
    norm = norm_in_force(last)
    per_ge = norm.minutes_per_conversation_equivalent
    groups = _Groups(scope)
    key = "caseworker" if groups.by_caseworker else "caseworker__memberships__team"
    held = Conversation.objects.filter(
        status=Conversation.Status.HELD, held_on__range=(date(year, 1, 1), last)
    )
    if groups.by_caseworker:
        members = groups.members()
        held = held.filter(caseworker__in=[m.pk for m in members])
    else:
        members = groups.members()
        held = held.filter(caseworker__memberships__team__in=[m.pk for m in members])
    minutes = {
        (row[key], row["month"]): row["minutes"] or 0
        for row in held.annotate(month=ExtractMonth("held_on"))
        .values(key, "month")
        .annotate(minutes=Sum("duration_minutes"))
        .order_by()
    }
    fte = _fte_per_member(groups, members)
    table = Table(
        "production",
        _("Productie in gespreksequivalenten (GE)"),
        [Column("name", _("Casemanager") if groups.by_caseworker else _("Team"), "text")]
        + [Column(f"m{m}", date(year, m, 1).strftime("%m-%Y"), "decimal") for m in months]
        + [
            Column("total", _("Totaal GE"), "decimal"),
            Column("target", _("Target GE"), "decimal"),
            Column("share", _("Van target"), "percent"),
        ],
        note=_(
            "1 GE = %(minutes)s minuten gesprek; target %(target)s GE per fte per jaar, naar rato "
            "van de maanden tot nu. Gesprekken zonder duur tellen niet mee."
        )
        % {"minutes": per_ge, "target": norm.production_target_per_fte},
    )
    base = _scope_filters(scope)
    for member in members:
        cells = [Cell(str(member))]
        total = Decimal(0)
        for month in months:
            ge = Decimal(minutes.get((member.pk, month), 0)) / per_ge
            total += ge
            first = date(year, month, 1)
            drill = base | {
                "spoken_by": str(member.pk),
                "start": first.isoformat(),
                "end": month_ends(first, date(year, month, 28) + timedelta(days=4))[0].isoformat(),
            }
            cells.append(Cell(round(ge, 1), drill if groups.by_caseworker else None))
        target = Decimal(fte[member.pk]) * norm.production_target_per_fte * len(months) / 12
        cells += [
            Cell(round(total, 1)),
            Cell(round(target, 1)),
            Cell(float(total / target) if target else None),
        ]
        table.rows.append(cells)
    return table


def _fte_per_member(groups: "_Groups", members: list[Any]) -> dict[int, Decimal]:
    if groups.by_caseworker:
        return {m.pk: m.fte for m in members}
    rows = (
        User.objects.filter(
            groups__name=Role.CASEWORKER.value, memberships__team__in=[m.pk for m in members]
        )
        .values("memberships__team")
        .annotate(fte=Sum("fte"))
        .order_by()
    )
    fte = dict.fromkeys((m.pk for m in members), Decimal(0))
    fte |= {row["memberships__team"]: row["fte"] for row in rows}
    return fte


def key_figures(scope: ReportScope, *, today: date) -> Table:
    """The Monday-morning answers: how many clients, how many not spoken in a year (now and a
    year ago), and how many are stuck in phases 1 to 3; each number opens its clients."""
    norm = norm_in_force(today)
    population, spoken = _norm_counts(scope, today, norm)
    active = scope.clients().filter(active_on_q(today)).count()
    year_ago = months_back(today, 13)[0]
    earlier = figures_on(scope, [year_ago])[year_ago]
    stuck = {
        row["client__phase_periods__phase"]: row["n"]
        for row in Signal.objects.open()
        .filter(
            scope.over("client__"),
            active_on_q(today, prefix="client__"),
            kind=Signal.Kind.STALLED_PHASE,
            client__phase_periods__ended_on__isnull=True,
        )
        .values("client__phase_periods__phase")
        .annotate(n=Count("id"))
        .order_by()
    }
    table = Table(
        "key_figures",
        _("Kerncijfers"),
        [
            Column("figure", _("Cijfer"), "text"),
            Column("now", _("Nu")),
            Column(
                "year_ago", _("Een jaar eerder (%(day)s)") % {"day": year_ago.strftime("%d-%m-%Y")}
            ),
        ],
        note=_("Klik op een aantal voor de cliënten erachter."),
    )
    base = _scope_filters(scope)
    table.add(_("Actieve cliënten"), Cell(active, base), Cell(_summed(earlier, "active"), None))
    table.add(
        _("Niet gesproken in het afgelopen jaar"),
        Cell(population - spoken, base | {"norm": "not_spoken", "on": today.isoformat()}),
        Cell(
            _summed(earlier, "norm_population") - _summed(earlier, "spoken"),
            base | {"norm": "not_spoken", "on": year_ago.isoformat()},
        ),
    )
    for code in ("1", "2", "3"):
        table.add(
            _("Vastgelopen in fase %(phase)s") % {"phase": code},
            Cell(stuck.get(code, 0), base | {"signal": "stalled_phase", "phase": code}),
            Cell(None),
        )
    return table


def _norm_counts(scope: ReportScope, on: date, norm: Any) -> tuple[int, int]:
    result = (
        contact_norm_population(on, norm, clients=scope.clients())
        .annotate(spoken=spoken_within_norm(on, norm))
        .aggregate(population=Count("id"), spoken_count=Count("id", filter=Q(spoken=True)))
    )
    return result["population"], result["spoken_count"]
