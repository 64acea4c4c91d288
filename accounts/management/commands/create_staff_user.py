from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from accounts.roles import Role
from accounts.services import save_staff_user


class Command(BaseCommand):
    help = (
        "Create or update a staff user with one role and their teams (a team given by name is "
        "created if it does not exist). Running it again updates the user."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--role", required=True, choices=Role.values)
        parser.add_argument("--team", action="append", default=[], help="team name; repeatable")
        parser.add_argument("--password", default=None, help="otherwise: set it later")

    def handle(
        self,
        *args: Any,
        username: str,
        role: str,
        team: list[str],
        password: str | None,
        **options: Any,
    ) -> None:
        if role in (Role.CASEWORKER, Role.TEAM_MANAGER) and not team:
            raise CommandError(
                "Een casemanager of teammanager hoort bij minstens één team (--team)."
            )
        try:
            user, created = save_staff_user(
                username=username,
                role=Role(role),
                team_names=team,
                password=password,
                change_reason="create_staff_user",
            )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        verb = "Aangemaakt" if created else "Bijgewerkt"
        teams = ", ".join(user.teams.order_by("name").values_list("name", flat=True)) or "geen"
        self.stdout.write(f"{verb}: {user.username} ({Role(role).label}; teams: {teams})")
        if created and password is None:
            self.stdout.write(f"Stel een wachtwoord in met: manage.py changepassword {username}")
