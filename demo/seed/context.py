"""The state a run shares (`Seeding`) and what record modules know of a client (`ClientFile`)."""

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from interventions.models import ServiceType

from .catalogue import Catalogue
from .constants import PHASE_MIX, Period
from .staff import Staff
from .writers import Writers


@dataclass
class Seeding:
    rng: random.Random
    today: date  # the as-of date of the data
    staff: Staff
    catalogue: Catalogue
    w: Writers
    work: "WorkPool"
    social_map: Any = None  # referrals.SocialMap: the organisations per region to refer to
    types_by_phase: dict[str, list[ServiceType]] = field(init=False)

    def __post_init__(self) -> None:
        self.types_by_phase = {
            p: [t for t in self.catalogue.service_types if t.serves(p)] for p in PHASE_MIX
        }

    def days_ago(self, low: int, high: int) -> date:
        return self.today - timedelta(days=self.rng.randint(low, high))


@dataclass
class WorkPool:
    """What the work records draw from: a random stream of their own (so that adding them
    changed nothing else a seed gives) and the employers, the largest first."""

    rng: random.Random
    regular: list[int]  # employer ids
    sheltered: list[int]  # ids of the Wsw companies (sheltered work)
    by: int  # who recorded them: a functional administrator


@dataclass
class ClientFile:
    """A written client: its id, phase history and who was its caseworker on a day."""

    client_id: int
    periods: list[Period]
    worker_on: Callable[[date], int]
    history_start: date  # the first day the generated history covers
    last_day: date  # the last day in service (today if still in service)
    active: bool  # still in service
    in_service: date | None = None  # the first day in service, when known
    born: date | None = None  # the date of birth, when known
