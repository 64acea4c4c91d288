from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from access.tokens import issue_api_token
from accounts.models import User


class Command(BaseCommand):
    help = (
        "Make an API token for an integrating system's user and print it once (only its hash "
        "is stored). Send it as `Authorization: Token <token>`."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--days", type=int, default=90, help="valid for (1-365, default 90)")

    def handle(self, *args: Any, username: str, days: int, **options: Any) -> None:
        user = User.objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"Geen actieve medewerker met gebruikersnaam {username!r}.")
        try:
            token, expiry = issue_api_token(user=user, days=days)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        # The explanation on stderr, the token alone on stdout: `TOKEN=$(manage.py ...)` works.
        self.stderr.write(
            f"Token voor {user.username}, geldig tot {expiry:%Y-%m-%d %H:%M} "
            "(wordt niet opnieuw getoond):"
        )
        self.stdout.write(token)
