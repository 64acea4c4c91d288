"""The service types and providers trajectories are bought from (through the ORM)."""

import random
from dataclasses import dataclass

from simple_history.utils import bulk_create_with_history

from interventions.models import Provider, ServiceType

from .. import vocabulary as words
from .constants import REASON


@dataclass
class Catalogue:
    service_types: list[ServiceType]
    providers: list[Provider]


def create_catalogue(rng: random.Random) -> Catalogue:
    for code, name, category, phases in words.SERVICE_TYPES:
        if not ServiceType.objects.filter(code=code).exists():
            bulk_create_with_history(
                [ServiceType(code=code, name=name, category=category, phases=phases)],
                ServiceType,
                default_change_reason=REASON,
            )
    names = [f"{word} Re-integratie" for word in words.PROVIDER_WORDS]
    missing = set(names) - set(
        Provider.objects.filter(name__in=names).values_list("name", flat=True)
    )
    bulk_create_with_history(
        [
            Provider(name=name, kvk_number=f"{rng.randrange(10**7, 10**8)}")
            for name in names
            if name in missing
        ],
        Provider,
        default_change_reason=REASON,
    )
    return Catalogue(
        service_types=list(ServiceType.objects.order_by("code")),
        providers=list(Provider.objects.filter(name__in=names).order_by("name")),
    )
