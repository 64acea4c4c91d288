"""Teams, their managers and caseworkers, the demo logins and the superuser (through the ORM)."""

import random
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from simple_history.utils import bulk_create_with_history

from accounts.models import Membership, Role, Team, User
from accounts.staff_cache import staff_written

from .. import vocabulary as words
from .constants import CLIENTS_PER_CASEWORKER, CLIENTS_PER_TEAM, DEMO_LOGINS, DEMO_PASSWORD, REASON

# (the unsaved user, their role, their team or None)
Draft = tuple[User, Role, Team | None]


@dataclass
class Staff:
    teams: list[Team]
    caseworkers: dict[int, list[int]]  # team id -> caseworker ids
    managers: dict[int, int]  # team id -> manager id


def create_staff(rng: random.Random, n_clients: int) -> Staff:
    n_teams = max(2, round(n_clients / CLIENTS_PER_TEAM))
    n_caseworkers = max(2 * n_teams, round(n_clients / CLIENTS_PER_CASEWORKER))
    groups = {role: Group.objects.get_or_create(name=role.value)[0] for role in Role}
    teams = create_teams(n_teams)
    users = draft_users(rng, teams, n_caseworkers)
    by_name = save_users(users, groups)
    staff = staff_of(teams, users, by_name)
    ensure_superuser()
    staff_written()  # bulk writes send no signals; a cache may know users of an earlier seed
    return staff


def create_teams(n_teams: int) -> list[Team]:
    team_names = [
        f"{words.CITIES[i % len(words.CITIES)]} {i // len(words.CITIES) + 1}"
        for i in range(n_teams)
    ]
    bulk_create_with_history(
        [Team(name=name) for name in team_names], Team, default_change_reason=REASON
    )
    return list(Team.objects.filter(name__in=team_names).order_by("id"))


def draft_users(rng: random.Random, teams: list[Team], n_caseworkers: int) -> list[Draft]:
    """A manager per team, the caseworkers spread over the teams, an auditor and an admin."""
    unusable = make_password(None)

    def person(username: str, function: str = "") -> User:
        return User(
            username=username,
            first_name=rng.choice(words.FIRST_NAMES),
            last_name=rng.choice(words.LAST_NAMES),
            function=function,
            password=unusable,
        )

    users: list[Draft] = []
    for index, team in enumerate(teams):
        users.append((person(f"tm{index + 1:02d}"), Role.TEAM_MANAGER, team))
    for index in range(n_caseworkers):
        function = User.Function.AD if rng.random() < 0.7 else User.Function.AID
        users.append(
            (
                person(f"{function}{index + 1:03d}", function),
                Role.CASEWORKER,
                teams[index % len(teams)],
            )
        )
    # The demo logins: a caseworker and a manager of the first team, an auditor, an admin.
    users[0][0].username = "teammanager"
    users[len(teams)][0].username = "casemanager"
    users.append((person("auditor"), Role.AUDITOR, None))
    users.append((person("beheerder"), Role.FUNCTIONAL_ADMIN, None))
    demo_hash = make_password(DEMO_PASSWORD)
    for user, _, _ in users:
        if user.username in DEMO_LOGINS:
            user.password = demo_hash
    users[-1][0].is_staff = True  # the functional administrator works in the admin
    return users


def save_users(users: list[Draft], groups: dict[Role, Group]) -> dict[str, User]:
    """Write the users, their groups and team memberships; return the saved users by name."""
    bulk_create_with_history([u for u, _, _ in users], User, default_change_reason=REASON)
    by_name = {
        u.username: u for u in User.objects.filter(username__in=[u.username for u, _, _ in users])
    }
    User.groups.through.objects.bulk_create(
        [
            User.groups.through(user_id=by_name[u.username].id, group_id=groups[role].id)
            for u, role, _ in users
        ]
    )
    bulk_create_with_history(
        [Membership(user=by_name[u.username], team=team) for u, _, team in users if team],
        Membership,
        default_change_reason=REASON,
    )
    return by_name


def staff_of(teams: list[Team], users: list[Draft], by_name: dict[str, User]) -> Staff:
    """Who works in which team; each team's manager is saved on the team."""
    caseworkers: dict[int, list[int]] = {team.id: [] for team in teams}
    managers: dict[int, int] = {}
    for u, role, team in users:
        if team is None:
            continue
        if role == Role.CASEWORKER:
            caseworkers[team.id].append(by_name[u.username].id)
        else:
            managers[team.id] = by_name[u.username].id
            team.manager_id = by_name[u.username].id
    Team.objects.bulk_update(teams, ["manager"])
    return Staff(teams=teams, caseworkers=caseworkers, managers=managers)


def ensure_superuser() -> None:
    if not User.objects.filter(username="admin").exists():
        User.objects.create_superuser(
            "admin", password=DEMO_PASSWORD, first_name="Demo", last_name="Beheer"
        )
