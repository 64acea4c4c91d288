"""Who works on a day, for the figures UWV reports (tables 1b-1d, 5.1-5.3 and 3.7): reads, one
grouped query for any number of clients.

For the active clients (work capacity, in service) on D, each client counts once per line:
- `regular`: a job at a regular employer running on D; `sheltered`: in or via the Wsw;
  `employed`: either of the two (a client with both counts once);
- `self_employed_only`: self-employed on D and no employer job; `self_employed_combined`:
  self-employed beside an employer job;
- `permanent`, `temporary`, `agency`: the strongest contract (permanent, then temporary, then
  agency) of the client's regular jobs as it stood on D; a job made permanent on R counts as
  permanent from R on and as its earlier contract before R;
- table 3.7, of those at a regular employer: a job coach, transport or another provision
  (no-risk policy, workplace adaptation, other) granted and valid in the past two years, or a
  wage dispensation granted in the past five years. "Granted" means decided as granted on or
  before D. "Valid in the past two years" means its validity overlaps [D minus two years, D]:
  `valid_from <= D` and no `valid_until` or `valid_until >= D - 2 years`. "Granted in the past
  five years" (the study counts decisions given) means `D - 5 years <= decided_on <= D`.
  Years are calendar years: from 2024-02-29 two years back is 2022-02-28.
"""

import operator
from datetime import date
from functools import reduce
from typing import Any, cast

from django.db.models import Case, Count, Exists, IntegerField, OuterRef, Q, Value, When
from django.db.models.expressions import Combinable

from clients.querysets import TEAM_THEN, ClientQuerySet, active_on_q
from common.dates import months_before

from .models import Contract, Job, JobRenewal, Provision
from .querysets import running_on_q
from .selectors import STRENGTH

OTHER_PROVISIONS = (
    Provision.Kind.NO_RISK_POLICY,
    Provision.Kind.WORKPLACE_ADAPTATION,
    Provision.Kind.OTHER,
)
PROVISION_GROUPS: dict[str, tuple[str, ...]] = {
    "job_coach": (Provision.Kind.JOB_COACH,),
    "wage_dispensation": (Provision.Kind.WAGE_DISPENSATION,),
    "transport": (Provision.Kind.TRANSPORT,),
    "other_provision": OTHER_PROVISIONS,
}
_REGULAR = Q(at_regular=True)
_EMPLOYED = Q(at_regular=True) | Q(at_sheltered=True)
_PROVIDED = Q(provided_job_coach=True) | Q(provided_wage_dispensation=True)
_PROVIDED |= Q(provided_transport=True) | Q(provided_other_provision=True)
# Each line of the figures: which of the annotated active clients it counts.
LINES: dict[str, Q] = {
    "active": Q(),
    "regular": _REGULAR,
    "sheltered": Q(at_sheltered=True),
    "employed": _EMPLOYED,
    "self_employed_only": Q(self_employed=True) & ~_EMPLOYED,
    "self_employed_combined": Q(self_employed=True) & _EMPLOYED,
    **{c.value: Q(strongest_rank=STRENGTH[c]) for c in Contract},
    **{key: _REGULAR & Q(**{f"provided_{key}": True}) for key in PROVISION_GROUPS},
    "any_provision": _REGULAR & _PROVIDED,
}


def provisions_granted_q(day: date, kinds: tuple[str, ...]) -> Q:
    """A provision of `kinds` that counts for table 3.7 on `day` (see the module's text)."""
    granted = Q(kind__in=kinds, decision=Provision.Decision.GRANTED, decided_on__lte=day)
    if kinds == (Provision.Kind.WAGE_DISPENSATION,):
        return granted & Q(decided_on__gte=months_before(day, 60))
    since = months_before(day, 24)
    return (
        granted & Q(valid_from__lte=day) & (Q(valid_until__isnull=True) | Q(valid_until__gte=since))
    )


def contract_then_q(day: date, contract: str) -> Q:
    """A job whose contract on `day` was `contract`. A renewal only extends a fixed-term
    contract or makes it permanent, so a job's contract changed at most once: a permanent job
    with a renewal after `day` was then that renewal's `previous_contract` (the contract of
    `work.selectors.with_contract_on`, written as conditions the database can hash)."""
    later = JobRenewal.objects.filter(job=OuterRef("pk"), renewed_on__gt=day)
    if contract == Contract.PERMANENT:
        return Q(~Exists(later), contract=Contract.PERMANENT)
    became_permanent = Exists(later.filter(previous_contract=contract))
    return Q(contract=contract) | Q(became_permanent, contract=Contract.PERMANENT)


def strongest_rank_on(day: date) -> Case:
    """Of the client's regular jobs running on `day`, the rank (`STRENGTH`) of the strongest
    contract then: permanent 3, temporary 2, agency 1; 0 without one."""
    regular = Job.objects.filter(running_on_q(day), client=OuterRef("pk"), kind=Job.Kind.REGULAR)
    return Case(
        *(
            When(Exists(regular.filter(contract_then_q(day, contract))), then=Value(rank))
            for contract, rank in sorted(STRENGTH.items(), key=lambda item: -item[1])
        ),
        default=Value(0),
        output_field=IntegerField(),
    )


def _status(day: date) -> dict[str, Exists | Case]:
    """What `LINES` reads of a client on `day`: `at_regular`, `at_sheltered`,
    `self_employed`, `strongest_rank` and `provided_<group>`."""
    running = Job.objects.filter(running_on_q(day), client=OuterRef("pk"))
    provisions = {
        f"provided_{key}": Exists(
            Provision.objects.filter(provisions_granted_q(day, kinds), client=OuterRef("pk"))
        )
        for key, kinds in PROVISION_GROUPS.items()
    }
    return {
        "at_regular": Exists(running.filter(kind=Job.Kind.REGULAR)),
        "at_sheltered": Exists(running.filter(kind=Job.Kind.SHELTERED)),
        "self_employed": Exists(running.filter(kind=Job.Kind.SELF_EMPLOYED)),
        "strongest_rank": strongest_rank_on(day),
        **provisions,
    }


# The bits of a client's status code: one per yes/no, two for the contract's rank.
BITS = {
    "at_regular": 1,
    "at_sheltered": 2,
    "self_employed": 4,
    "strongest_rank": 8,
    **{f"provided_{key}": 32 << index for index, key in enumerate(PROVISION_GROUPS)},
}


def with_work_status(clients: ClientQuerySet, day: date) -> ClientQuerySet:
    """The clients active on `day`, each with what `LINES` reads (see `_status`)."""
    return clients.filter(active_on_q(day)).annotate(**_status(day))


def clients_on_line(clients: ClientQuerySet, day: date, line: str) -> ClientQuerySet:
    """The clients a line of the figures counts on `day` (the drill-down of a count)."""
    return with_work_status(clients, day).filter(LINES[line])


def status_code(day: date) -> Combinable:
    """All of `_status` in one number (`BITS`), so that the database groups the clients on
    one column and computes each condition once per client."""
    terms: list[Combinable] = [
        expression * Value(BITS[name])
        if name == "strongest_rank"
        else Case(When(expression, then=Value(BITS[name])), default=Value(0))
        for name, expression in _status(day).items()
    ]
    return reduce(operator.add, terms)


def decoded(code: int) -> dict[str, int | bool]:
    """The `_status` values a status code holds."""
    return {
        name: (code // bit) % 4 if name == "strongest_rank" else bool(code & bit)
        for name, bit in BITS.items()
    }


def matches(condition: Q, status: dict[str, Any]) -> bool:
    """Whether a client with this `_status` meets `condition` (a line of `LINES`): the same
    rule as the query's filter, read in Python over a group of clients."""
    results = (
        matches(child, status) if isinstance(child, Q) else status[child[0]] == child[1]
        for child in cast(list[Any], condition.children)
    )
    met = all(results) if condition.connector == Q.AND else any(results)
    return met != condition.negated


def work_status_groups(clients: ClientQuerySet, day: date) -> list[dict[str, int]]:
    """The active clients on `day` grouped by their team that day and status code: rows of
    `team_id`, `code` and `clients`. One query; what the stored month-end work figures hold.
    `clients` may come with their team on `day` already (`ReportScope.clients_on`)."""
    if TEAM_THEN not in clients.query.annotations:
        clients = clients.with_team_on(day)
    groups = (
        clients.filter(active_on_q(day))
        .annotate(code=status_code(day))
        .values(TEAM_THEN, "code")
        .annotate(n=Count("id"))
        .order_by()
    )
    return [{"team_id": g[TEAM_THEN], "code": g["code"], "clients": g["n"]} for g in groups]


def counts_of_groups(groups: list[dict[str, int]]) -> dict[int, dict[str, int]]:
    """Per team, the count of every line of `LINES` over `work_status_groups` rows."""
    result: dict[int, dict[str, int]] = {}
    for group in groups:
        counts = result.setdefault(group["team_id"], dict.fromkeys(LINES, 0))
        status = decoded(group["code"])
        for key, line in LINES.items():
            if matches(line, status):
                counts[key] += group["clients"]
    return result


def work_status_counts(clients: ClientQuerySet, day: date) -> dict[int, dict[str, int]]:
    """Per team, the count of every line of `LINES` on `day`, in one query."""
    return counts_of_groups(work_status_groups(clients, day))


def summed_counts(per_team: dict[Any, dict[str, int]]) -> dict[str, int]:
    """The counts of every line over the teams."""
    return {key: sum(counts[key] for counts in per_team.values()) for key in LINES}
