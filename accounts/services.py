"""Writing staff users, their role and their teams (functional administrators, deployments)."""

from collections.abc import Iterator
from contextlib import contextmanager

from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from common.history import save_with_history

from .models import TEAM_NAME_TAKEN, Membership, Team, User
from .roles import Role
from .selectors import read_again

# Only the functional administrator works in the admin site (catalogues, norms, teams, users).
STAFF_ROLES = {Role.FUNCTIONAL_ADMIN}


def save_staff_user(
    *,
    username: str,
    role: Role,
    team_names: list[str],
    password: str | None = None,
    by: User | None = None,
    change_reason: str = "",
) -> tuple[User, bool]:
    """Create or update `username` with exactly this role and these teams; (user, created).

    A team given by name is created when it does not exist. A team manager becomes the manager
    of the teams given. Running it again with the same arguments changes nothing.
    """
    username = username.strip()
    if not username:
        raise ValidationError({"username": _("Geef een gebruikersnaam.")})
    change_reason = change_reason or _("Medewerker vastgelegd")
    with transaction.atomic():
        user = User.objects.filter(username=username).select_for_update().first()
        created = user is None
        if user is None:
            user = User(username=username)
        if password is not None:
            validate_password(password, user)
            user.set_password(password)
        elif created:
            user.set_unusable_password()  # to be set with `changepassword`
        user.is_staff = role in STAFF_ROLES or user.is_superuser
        save_with_history(user, by=by, change_reason=change_reason)
        teams = [_team(name, by=by, change_reason=change_reason) for name in team_names]
        set_role_and_teams(user=user, role=role, teams=teams, by=by, change_reason=change_reason)
    return user, created


def set_role_and_teams(
    *, user: User, role: Role | None, teams: list[Team], by: User | None, change_reason: str
) -> User:
    """Give `user` exactly this role (None: none) and these teams: the one way roles are given,
    by `create_staff_user` and the admin alike. Only a functional administrator (or a
    superuser) gets the staff flag that opens the admin site. A team manager becomes the
    manager of the teams given, and stops managing any other."""
    with transaction.atomic():
        is_staff = role in STAFF_ROLES or user.is_superuser
        if user.is_staff != is_staff:
            user.is_staff = is_staff
            save_with_history(user, by=by, change_reason=change_reason)
        groups = [Group.objects.get_or_create(name=role.value)[0]] if role else []
        user.groups.set(groups)
        _set_memberships(user, teams, by=by, change_reason=change_reason)
        managing = {team.pk for team in teams} if role == Role.TEAM_MANAGER else set()
        # Managing a team opens its files: a team no longer given loses this manager.
        for team in Team.objects.filter(manager=user).exclude(pk__in=managing):
            team.manager = None
            save_with_history(team, by=by, change_reason=change_reason)
        for team in teams:
            if team.pk in managing and team.manager_id != user.pk:
                team.manager = user
                save_with_history(team, by=by, change_reason=change_reason)
    read_again(user)
    return user


def _team(name: str, *, by: User | None, change_reason: str) -> Team:
    """The team of this name, whatever its case; a new one when there is none."""
    team = Team.objects.filter(name__iexact=name.strip()).first()
    if team is None:
        team = create_team(name=name, by=by, change_reason=change_reason)
    return team


def _set_memberships(user: User, teams: list[Team], *, by: User | None, change_reason: str) -> None:
    """Exactly these teams: memberships outside them end (deleted, kept in the history)."""
    wanted = {team.pk for team in teams}
    for membership in Membership.objects.filter(user=user).exclude(team__in=wanted):
        membership._history_user = by  # type: ignore[attr-defined]
        membership._change_reason = change_reason  # type: ignore[attr-defined]
        membership.delete()
    have = set(Membership.objects.filter(user=user).values_list("team_id", flat=True))
    for team in teams:
        if team.pk not in have:
            save_with_history(Membership(user=user, team=team), by=by, change_reason=change_reason)


def _clean_team_name(name: str, *, other_than: int | None = None) -> str:
    """The name trimmed; refused when empty or when another team has it in any case."""
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("Geef het team een naam.")})
    _refuse_a_taken_name(name, other_than=other_than)
    return name


def _refuse_a_taken_name(name: str, *, other_than: int | None) -> None:
    clash = Team.objects.filter(name__iexact=name)
    if other_than is not None:
        clash = clash.exclude(pk=other_than)
    if clash.exists():
        raise ValidationError({"name": str(TEAM_NAME_TAKEN)})


@contextmanager
def _refusing_a_taken_name(name: str, *, other_than: int | None = None) -> Iterator[None]:
    """A transaction in which the database's unique name in any case refuses `name` as the
    check would have. Two requests with "Team A" and "team a" can both pass the check before
    either writes; the second then hits the constraint and gets the check's message."""
    try:
        with transaction.atomic():
            yield
    except IntegrityError:
        _refuse_a_taken_name(name.strip(), other_than=other_than)
        raise


def create_team(
    *, name: str, manager: User | None = None, by: User | None, change_reason: str = ""
) -> Team:
    """A new team: the one way teams are made (the API, the admin, `create_staff_user`). Its
    name is trimmed and unique whatever its case ("Team Noord" and "team noord" are one)."""
    with _refusing_a_taken_name(name):
        team = Team(name=_clean_team_name(name), manager=manager)
        return save_with_history(team, by=by, change_reason=change_reason or _("Team toegevoegd"))


def change_team(
    *, team: Team, name: str, manager: User | None, by: User | None, change_reason: str = ""
) -> Team:
    """Rename a team or give it another manager; the name follows the rule of `create_team`."""
    with _refusing_a_taken_name(name, other_than=team.pk):
        locked = Team.objects.select_for_update().get(pk=team.pk)
        locked.name = _clean_team_name(name, other_than=locked.pk)
        locked.manager = manager
        return save_with_history(locked, by=by, change_reason=change_reason or _("Team gewijzigd"))
