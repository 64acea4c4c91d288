"""The employers clients work for: a few thousand regular ones and a Wsw company per region,
each with its own payroll tax number (written in bulk, with history rows)."""

import random
from datetime import date

from accounts.models import User

from .. import vocabulary as words
from .constants import CLIENTS_PER_TEAM
from .context import WorkPool
from .draws import at
from .writers import Writers

CLIENTS_PER_EMPLOYER = 30
KNOWN_SINCE = date(2008, 1, 1)  # the day the employers' rows were recorded
TRADES = (
    "Bouwbedrijf,Schoonmaakbedrijf,Bakkerij,Tuincentrum,Supermarkt,Zorggroep,Hoveniersbedrijf,"
    "Installatiebedrijf,Drukkerij,Kinderopvang,Autobedrijf,Kwekerij,Transportbedrijf,Hotel,"
    "Restaurant,Fietsenmaker,Wasserij,Logistiek Centrum,Kringloopwinkel,Administratiekantoor"
).split(",")


def payroll_tax_numbers(rng: random.Random, n: int) -> list[str]:
    """n distinct payroll tax numbers: 9 digits, L, a 2-digit sequence number (mostly 01)."""
    return [
        f"{number}L{'01' if rng.random() < 0.9 else f'{rng.randint(2, 9):02d}'}"
        for number in rng.sample(range(100_000_000, 1_000_000_000), n)
    ]


def employer_name(rng: random.Random) -> str:
    trade, person, city = (
        rng.choice(TRADES),
        rng.choice(words.LAST_NAMES),
        rng.choice(words.CITIES),
    )
    form = rng.random()
    if form < 0.45:
        return f"{trade} {person[0].upper()}{person[1:]}"
    if form < 0.75:
        return f"{trade} {city}"
    return f"{person[0].upper()}{person[1:]} {city} B.V."


def create_employers(seed: int, clients: int, w: Writers) -> WorkPool:
    """The employers, in a random stream of their own (`seed`): a seed gives the same ones."""
    rng = random.Random(f"work-{seed}")
    by = User.objects.filter(username="beheerder").values_list("id", flat=True).first()
    regions = max(2, round(clients / CLIENTS_PER_TEAM))
    n_regular = max(20, clients // CLIENTS_PER_EMPLOYER)
    numbers = payroll_tax_numbers(rng, n_regular + regions)
    when = at(KNOWN_SINCE)
    regular = [
        w["employer"].add(
            employer_name(rng),
            numbers[i],
            f"{rng.randrange(10**7, 10**8)}" if rng.random() < 0.8 else "",
            by,
            at=when,
            by=by,
        )
        for i in range(n_regular)
    ]
    sheltered = [
        w["employer"].add(
            f"Werkbedrijf {words.CITIES[i % len(words.CITIES)]} {i // len(words.CITIES) + 1}",
            numbers[n_regular + i],
            f"{rng.randrange(10**7, 10**8)}",
            by,
            at=when,
            by=by,
        )
        for i in range(regions)
    ]
    w["employer"].flush()
    return WorkPool(rng=rng, regular=regular, sheltered=sheltered, by=by or 0)
