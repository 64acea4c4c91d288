from typing import Any

from django.core.management.base import BaseCommand

from reports.services import refresh_month_end_figures


class Command(BaseCommand):
    help = "Count and store the month-end figures that are missing or out of date."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(refresh_month_end_figures().summary())
