from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from access.passwords import BREACHED_LIST, build_breached_list


class Command(BaseCommand):
    help = (
        "Build the breached-password list the password check ships from a plain list (one "
        "password a line); `make breached-passwords` runs it on SecLists' top million."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("source", type=Path)
        parser.add_argument("--output", type=Path, default=BREACHED_LIST)

    def handle(self, *args: Any, source: Path, output: Path, **options: Any) -> None:
        count = build_breached_list(source, output)
        self.stdout.write(f"{count} wachtwoorden in {output}")
