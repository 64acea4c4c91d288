from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from demo.figures import report_lines, year_figures


class Command(BaseCommand):
    help = (
        "Read the demo data back through the reports: per past year placements, renewals, "
        "retention and the phase mix, beside the figures they should resemble."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--as-of", type=date.fromisoformat, default=None, help="the 'today' of the data"
        )
        parser.add_argument("--years", type=int, default=5, help="how many past years")

    def handle(self, *args: Any, as_of: date | None, years: int, **opts: Any) -> None:
        today = as_of or timezone.localdate()
        figures = [year_figures(year, today) for year in range(today.year - years, today.year)]
        for line in report_lines(figures):
            self.stdout.write(line)
