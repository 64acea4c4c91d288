from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet

from .models import Team, User
from .roles import Role


def roles_of(user: User | AnonymousUser) -> list[Role]:
    """The user's roles, read once per user object (one query)."""
    if not user.is_authenticated:
        return []
    cached: list[Role] | None = getattr(user, "_roles", None)
    if cached is None:
        names = set(user.groups.values_list("name", flat=True))
        cached = [role for role in Role if role.value in names]
        setattr(user, "_roles", cached)  # noqa: B010 - a per-request cache on the object
    return cached


def teams_of(user: User) -> QuerySet[Team]:
    """Teams the user works in or manages."""
    return Team.objects.filter(Q(memberships__user=user) | Q(manager=user)).distinct()


def team_ids_of(user: User) -> list[int]:
    """The ids of `teams_of(user)`, read once per user object (one query). A list, not a
    subquery: the planner then knows how many teams a filter on them keeps, where it guessed
    nine for the subquery and chose plans that grow with the number of clients."""
    cached: list[int] | None = getattr(user, "_team_ids", None)
    if cached is None:
        cached = sorted(teams_of(user).order_by().values_list("pk", flat=True))
        setattr(user, "_team_ids", cached)  # noqa: B010 - a per-request cache on the object
    return cached


def viewer_key(user: User) -> str:
    """Who a kept page was written for (`clients.stamps.kept`): the user, their roles and
    teams, which decide what the page shows and offers."""
    roles = ",".join(sorted(role.value for role in roles_of(user)))
    admin = "superuser" if user.is_superuser else ""
    return f"{user.pk}|{admin}|{roles}|{','.join(map(str, team_ids_of(user)))}"
