from datetime import date
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from clients.models import Client
from demo.seed import DEMO_LOGINS, DEMO_PASSWORD, write_demo_data


class Command(BaseCommand):
    help = "Fill an empty database with reproducible demo data (local use only: needs DEBUG)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--clients", type=int, default=2000, help="number of clients")
        parser.add_argument("--seed", type=int, default=1, help="same seed, same data")
        parser.add_argument(
            "--as-of", type=date.fromisoformat, default=None, help="the 'today' of the data"
        )
        parser.add_argument(
            "--if-empty", action="store_true", help="do nothing when clients exist already"
        )

    def handle(
        self,
        *args: Any,
        clients: int,
        seed: int,
        as_of: date | None,
        if_empty: bool,
        **opts: Any,
    ) -> None:
        if not settings.DEBUG:
            raise CommandError(
                "seed_demo maakt demo-accounts met bekende wachtwoorden en is alleen voor lokaal "
                "gebruik. Zet DEBUG=true om het toch te draaien."
            )
        if clients < 1:
            raise CommandError("--clients moet minstens 1 zijn.")
        if Client.objects.exists():
            if if_empty:
                self.stdout.write("Demodata staat er al; niets gedaan.")
                return
            raise CommandError("Er staan al cliënten in de database; seed_demo vult alleen lege.")
        self.stdout.write(f"Demodata: {clients} cliënten, seed {seed}")
        timings = write_demo_data(
            clients=clients,
            seed=seed,
            as_of=as_of or timezone.localdate(),
            say=self.stdout.write,
        )
        for stage, value in timings.items():
            shown = f"{value:.1f} s" if not stage.startswith("rows") else f"{int(value):,}"
            self.stdout.write(f"  {stage:<28} {shown:>12}")
        logins = ", ".join(DEMO_LOGINS) + ", admin"
        self.stdout.write(
            self.style.SUCCESS(f"Klaar. Demo-logins ({logins}) met wachtwoord {DEMO_PASSWORD}")
        )
