"""Benchmark the client import at full size (PostgreSQL): 100,000 generated rows, checked and
written, then imported again (all unchanged). Goal: under two minutes."""

import random
import time
from datetime import date, timedelta
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection

from accounts.models import Membership, Team
from casework.importer import import_clients
from clients.models import Client
from clients.validators import bsn_passes_eleven_test

HEADER = (
    "bsn;voornaam;achternaam;geboortedatum;regeling;arbeidsvermogen;in_zorg_sinds;"
    "uit_zorg_per;team;casemanager;fasen"
)


def fresh_bsns(count: int, taken: set[str]) -> list[str]:
    """Valid BSNs (11-test) that no client has, from 900000000 upwards."""
    found: list[str] = []
    number = 900_000_000
    while len(found) < count:
        text = str(number)
        if bsn_passes_eleven_test(text) and text not in taken:
            found.append(text)
        number += 1
    return found


class Command(BaseCommand):
    help = "Time importing N generated clients (default 100,000) on PostgreSQL."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--rows", type=int, default=100_000)

    def handle(self, *args: Any, rows: int, **options: Any) -> None:
        if connection.vendor != "postgresql":
            raise CommandError("bench_import meet PostgreSQL; zet DATABASE_URL.")
        rng = random.Random(7)
        members = list(
            Membership.objects.filter(user__groups__name="caseworker").select_related(
                "user", "team"
            )
        )
        if not members:
            raise CommandError("Geen casemanagers: draai eerst seed_demo.")
        taken = set(Client.objects.values_list("bsn", flat=True))
        lines = [HEADER]
        for bsn in fresh_bsns(rows, taken):
            member = rng.choice(members)
            since = date(2015, 1, 1) + timedelta(days=rng.randrange(3000))
            phases = [("1", since)]
            for code in rng.sample(["2", "3", "4"], rng.randrange(3)):
                phases.append((code, phases[-1][1] + timedelta(days=rng.randrange(60, 500))))
            phases = [(c, d) for c, d in phases if d <= date.today()]
            lines.append(
                ";".join(
                    [
                        bsn,
                        "Voornaam",
                        f"Achternaam{bsn[-4:]}",
                        (since - timedelta(days=365 * 20)).isoformat(),
                        "wajong2010",
                        "ja",
                        since.isoformat(),
                        "",
                        member.team.name,
                        member.user.username,
                        "|".join(f"{c}:{d.isoformat()}" for c, d in phases),
                    ]
                )
            )
        raw = ("\n".join(lines) + "\n").encode("utf-8")
        self.stdout.write(f"{rows:,} rows, {len(raw) / 1e6:.1f} MB, {Team.objects.count()} teams")
        started = time.perf_counter()
        checked = import_clients(raw, filename="bench.csv", by=None, dry_run=True)
        check_seconds = time.perf_counter() - started
        started = time.perf_counter()
        written = import_clients(raw, filename="bench.csv", by=None)
        write_seconds = time.perf_counter() - started
        started = time.perf_counter()
        again = import_clients(raw, filename="bench.csv", by=None)
        again_seconds = time.perf_counter() - started
        if not (checked.ok and written.ok and again.ok):
            raise CommandError(f"Fouten: {(checked.errors or written.errors or again.errors)[:3]}")
        self.stdout.write(f"check only (--dry-run):      {check_seconds:6.1f} s")
        self.stdout.write(
            f"import:                      {write_seconds:6.1f} s "
            f"({written.created:,} created)  goal < 120 s: "
            f"{'ok' if write_seconds < 120 else 'SLOW'}"
        )
        self.stdout.write(
            f"same file again (unchanged): {again_seconds:6.1f} s ({again.unchanged:,} unchanged)"
        )
