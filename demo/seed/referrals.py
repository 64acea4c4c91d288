"""The social map of every region and the clients referred to it (schakelfunctie), mostly in
phase 1: about three in ten phase-1 periods see a referral, a few see two; some in phase 2.
Open referrals come back on a follow-up date, a quarter of them overdue and about a third
this week. Generated in a random stream of their own, so adding them changed nothing else a
seed gives; the organisations' names are made up."""

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from simple_history.utils import bulk_create_with_history

from accounts.models import Team
from referrals.models import Organisation

from .constants import REASON
from .context import ClientFile, Seeding
from .draws import at, weighted

# (kind, name patterns); {city} is the region, {part} a part of town
MAP = {
    "debt_help": ("Geldzorg {city}", "Schuldenpunt {city} {part}"),
    "mental_health": ("Zorgpunt GGZ {city}", "Praatpraktijk {city} {part}"),
    "social_work": ("Buurtwerk {city} {part}", "Wijkteam {city} {part}"),
    "addiction_care": ("Herstelhuis {city}",),
    "housing": ("Woonhulp {city}", "Huisvesting {city} {part}"),
    "municipality": ("Loket Werk en Inkomen {city}",),
    "other": ("Steunpunt Mantelzorg {city}", "Vrijwilligershuis {city}"),
}
PARTS = ("Noord", "Oost", "Zuid", "West", "Centrum")
KIND_MIX = {
    "debt_help": 0.3,
    "mental_health": 0.2,
    "social_work": 0.25,
    "addiction_care": 0.05,
    "housing": 0.08,
    "municipality": 0.08,
    "other": 0.04,
}
REFERRED = {"1": 0.3, "2": 0.04}  # a period in this phase with a referral
SECOND = 0.2  # of those, a second referral later in the period
# How a referral made this long ago stands now: (days, {status: share})
OUTCOMES = (
    (42, {"referred": 0.55, "waiting": 0.3, "in_care": 0.15}),
    (180, {"referred": 0.1, "waiting": 0.2, "in_care": 0.4, "finished": 0.15, "dropped_out": 0.15}),
    (None, {"in_care": 0.1, "finished": 0.6, "dropped_out": 0.3}),
)
NOTES = (
    "Samen met de cliënt gebeld.",
    "Cliënt gaat zelf bellen; nagaan of het lukt.",
    "Warme overdracht: kennismaking samen.",
    "",
    "",
)


def region_of(team: Team) -> str:
    """The region a demo team works in: its name without its number ("Utrecht 2")."""
    return team.name.rsplit(" ", 1)[0]


@dataclass
class SocialMap:
    rng: random.Random
    by_region: dict[str, dict[str, list[int]]] = field(default_factory=dict)  # kind -> ids


def create_social_map(seed: int, teams: list[Team]) -> SocialMap:
    """The organisations of every team's region (those already there are kept)."""
    rng = random.Random(f"referrals-{seed}")
    regions = sorted({region_of(team) for team in teams})
    wanted = [
        Organisation(name=pattern.format(city=city, part=part), kind=kind, region=city, active=True)
        for city in regions
        for kind, patterns in MAP.items()
        for pattern in patterns
        for part in ([rng.choice(PARTS)] if "{part}" in pattern else [""])
    ]
    known = set(Organisation.objects.values_list("region", "name"))
    new = [o for o in wanted if (o.region, o.name) not in known]
    bulk_create_with_history(new, Organisation, default_change_reason=REASON)
    social_map = SocialMap(rng)
    for pk, region, kind in Organisation.objects.filter(
        region__in=regions, active=True
    ).values_list("pk", "region", "kind"):
        social_map.by_region.setdefault(region, {}).setdefault(kind, []).append(pk)
    return social_map


def write_referrals(s: Seeding, social_map: SocialMap, file: ClientFile, team: Team) -> None:
    """Referrals during the client's phase-1 (and a few phase-2) periods."""
    rng = social_map.rng
    organisations = social_map.by_region.get(region_of(team), {})
    for phase, began, ended, _reason in file.periods:
        if phase not in REFERRED or rng.random() >= REFERRED[phase] or not organisations:
            continue
        last = min(ended - timedelta(days=1) if ended else s.today, file.last_day)
        if last < began:
            continue
        days = [began + timedelta(days=rng.randint(0, (last - began).days))]
        if rng.random() < SECOND:
            days.append(began + timedelta(days=rng.randint(0, (last - began).days)))
        for day in sorted(days):
            _write_referral(s, rng, file, organisations, day)


def _write_referral(
    s: Seeding,
    rng: random.Random,
    file: ClientFile,
    organisations: dict[str, list[int]],
    day: date,
) -> None:
    kind = weighted(rng, KIND_MIX)
    organisation = rng.choice(organisations.get(kind) or next(iter(organisations.values())))
    age = (s.today - day).days
    mix = next(shares for limit, shares in OUTCOMES if limit is None or age <= limit)
    status = weighted(rng, mix) if file.active else weighted(rng, OUTCOMES[-1][1])
    follow_up = _follow_up(s, rng, day) if status in ("referred", "waiting", "in_care") else None
    consent = day - timedelta(days=rng.choice((0, 0, 0, 1, 3, 7)))
    worker = file.worker_on(day)
    s.w["referral"].add(
        file.client_id,
        organisation,
        day,
        consent,
        status,
        follow_up,
        rng.choice(NOTES),
        worker,
        at=at(day, 11),
        by=worker,
    )


def _follow_up(s: Seeding, rng: random.Random, referred: date) -> date:
    """An open referral's next follow-up: a quarter overdue, a third this week, the rest in
    the coming six weeks; never before the referral."""
    window = weighted(rng, {"overdue": 0.25, "week": 0.35, "later": 0.4})
    low, high = {"overdue": (-14, -1), "week": (0, 6), "later": (7, 42)}[window]
    return max(referred, s.today + timedelta(days=rng.randint(low, high)))
