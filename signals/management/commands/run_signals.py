from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from norms.selectors import NoNormInForce
from signals.models import Signal
from signals.services import run_signals


class Command(BaseCommand):
    help = "Run every nightly check (each kind of signal) for a date (default: today)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--as-of", help="YYYY-MM-DD")

    def handle(self, *args: Any, as_of: str | None, **options: Any) -> None:
        try:
            day = date.fromisoformat(as_of) if as_of else timezone.localdate()
        except ValueError as error:
            raise CommandError(
                f"--as-of verwacht een datum als JJJJ-MM-DD, niet {as_of!r}."
            ) from error
        try:
            run = run_signals(as_of=day)
        except NoNormInForce as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Signalen per {day.isoformat()}")
        self.stdout.write(f"  {'soort':<15} {'nieuw':>8} {'opgelost':>9} {'open':>8}")
        for kind in Signal.Kind.values:
            self.stdout.write(
                f"  {kind:<15} {run.raised.get(kind, 0):>8} {run.resolved.get(kind, 0):>9} "
                f"{run.open.get(kind, 0):>8}"
            )
