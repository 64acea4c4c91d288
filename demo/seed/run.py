"""The stages of a run: staff and catalogues, then the clients in chunks of `CHUNK`."""

import random
import time
from collections.abc import Callable
from datetime import date

from django.db import transaction

from common.bulk import refresh_statistics

from .catalogue import create_catalogue
from .client import write_client
from .constants import CHUNK
from .context import Seeding
from .draws import bsn_numbers, phase_quota
from .employers import create_employers
from .referrals import create_social_map
from .staff import create_staff
from .writers import make_writers


def write_demo_data(
    *, clients: int, seed: int, as_of: date, say: Callable[[str], None] = print
) -> dict[str, float]:
    """Write the demo data set; returns seconds per stage."""
    rng = random.Random(seed)
    timings: dict[str, float] = {}
    started = time.perf_counter()
    with transaction.atomic():
        staff = create_staff(rng, clients)
        catalogue = create_catalogue(rng)
        timings["staff and catalogues"] = time.perf_counter() - started
        writers = make_writers()
        pool = create_employers(seed, clients, writers)
        social_map = create_social_map(seed, staff.teams)
        seeding = Seeding(rng, as_of, staff, catalogue, writers, pool, social_map)
        write_clients(seeding, clients, say)
    refresh_statistics()  # the first statement on the new rows is planned and read as a warm one
    timings["total"] = time.perf_counter() - started
    timings.update({f"rows {name}": w.written for name, w in seeding.w.all.items()})
    return timings


def write_clients(s: Seeding, clients: int, say: Callable[[str], None]) -> None:
    """Distinct BSNs and the exact phase mix, shuffled; written and flushed chunk by chunk."""
    bsns = bsn_numbers(s.rng, clients)
    phases = phase_quota(clients)
    s.rng.shuffle(phases)
    for start in range(0, clients, CHUNK):
        for i in range(start, min(start + CHUNK, clients)):
            write_client(s, bsns[i], phases[i])
        s.w.flush()
        say(f"  {min(start + CHUNK, clients):>7} clients written")
    s.w.finish()
