from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from access.mfa import reset_second_factor
from accounts.models import User


class Command(BaseCommand):
    help = (
        "Forget a user's authenticator app (a lost or new phone) and end their sessions; at "
        "the next login they set up a new one."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")

    def handle(self, *args: Any, username: str, **options: Any) -> None:
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"Geen medewerker met gebruikersnaam {username!r}.")
        reset_second_factor(user=user)
        self.stdout.write(
            f"Tweestapsverificatie van {user.username} gewist; bij de volgende login moet "
            f"{user.username} die opnieuw instellen."
        )
