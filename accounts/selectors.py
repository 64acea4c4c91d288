from collections.abc import Callable
from typing import Any, cast

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet

from .models import Team, User
from .roles import Role
from .staff_cache import kept_for


def roles_of(user: User | AnonymousUser) -> list[Role]:
    """The user's roles, read once per user object (from the cache, or one query)."""
    if not user.is_authenticated:
        return []
    return _viewer(user, "_roles", _read_roles)


def teams_of(user: User) -> QuerySet[Team]:
    """Teams the user works in or manages."""
    return Team.objects.filter(Q(memberships__user=user) | Q(manager=user)).distinct()


def team_ids_of(user: User) -> list[int]:
    """The ids of `teams_of(user)`, read once per user object (from the cache, or one query).
    A list, not a subquery: the planner then knows how many teams a filter on them keeps,
    where it guessed nine for the subquery and chose plans that grow with the number of
    clients."""
    return _viewer(user, "_team_ids", _read_team_ids)


def read_again(user: User) -> None:
    """Read the roles and teams of `user` again: the present transaction changed them (and
    reads past the cache until it ends: `staff_cache.kept_for`)."""
    for attribute in ("_roles", "_team_ids"):
        setattr(user, attribute, None)


def _viewer(user: User, attribute: str, read: Callable[[User], list[Any]]) -> list[Any]:
    """`read(user)` once per user object; from the staff cache where it is on, which keeps
    the roles and the teams together (one look at the cache for both)."""
    found: list[Any] | None = getattr(user, attribute, None)
    if found is not None:
        return found
    if settings.USER_CACHE_SECONDS:
        # The roles kept by name: a role renamed in a release then reads as none, not as an
        # error on every page.
        names, teams = kept_for(
            user.pk, lambda: ([role.value for role in _read_roles(user)], _read_team_ids(user))
        )
        setattr(user, "_roles", [role for role in Role if role.value in names])  # noqa: B010
        setattr(user, "_team_ids", teams)  # noqa: B010
    else:
        setattr(user, attribute, read(user))
    return cast(list[Any], getattr(user, attribute))


def _read_roles(user: User) -> list[Role]:
    names = set(user.groups.values_list("name", flat=True))
    return [role for role in Role if role.value in names]


def _read_team_ids(user: User) -> list[int]:
    return sorted(teams_of(user).order_by().values_list("pk", flat=True))


def viewer_key(user: User) -> str:
    """Who a kept page was written for (`clients.stamps.kept`): the user, their roles and
    teams, which decide what the page shows and offers."""
    roles = ",".join(sorted(role.value for role in roles_of(user)))
    admin = "superuser" if user.is_superuser else ""
    return f"{user.pk}|{admin}|{roles}|{','.join(map(str, team_ids_of(user)))}"
