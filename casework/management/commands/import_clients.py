from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from casework.importer import import_clients


class Command(BaseCommand):
    help = (
        "Import clients with their phase history and caseworker from a CSV file: all rows or "
        "none; a BSN already known updates that client. See casework/importer.py for columns."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--dry-run", action="store_true", help="check only, write nothing")

    def handle(self, *args: Any, file: Path, dry_run: bool, **options: Any) -> None:
        if not file.is_file():
            raise CommandError(f"Bestand niet gevonden: {file}")
        result = import_clients(file.read_bytes(), filename=file.name, by=None, dry_run=dry_run)
        for error in result.errors:
            self.stderr.write(str(error))
        if not result.ok:
            raise CommandError(
                f"{len(result.errors)} fout(en) in {result.rows} regels; er is niets opgeslagen."
            )
        if dry_run:
            self.stdout.write(f"Proef: {result.rows} regels in orde; er is niets opgeslagen.")
        else:
            self.stdout.write(
                f"Klaar: {result.created} nieuw, {result.updated} bijgewerkt, "
                f"{result.unchanged} ongewijzigd ({result.rows} regels)."
            )
