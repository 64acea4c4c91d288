from django.contrib.auth.models import AnonymousUser

from accounts.models import User
from accounts.roles import Role
from accounts.selectors import roles_of, teams_of

EDITING_ROLES = {Role.CASEWORKER, Role.TEAM_MANAGER}


def may_edit_client_files(user: User | AnonymousUser) -> bool:
    """Caseworkers and team managers change the files they can see (not yet: whose);
    auditors only read."""
    return user.is_superuser or bool(EDITING_ROLES & set(roles_of(user)))


def may_see_every_client_file(user: User | AnonymousUser) -> bool:
    """Auditors (and superusers) see every file; others at most their teams' (see
    `ClientQuerySet.visible_to`), functional administrators none."""
    return user.is_authenticated and (user.is_superuser or Role.AUDITOR in roles_of(user))


def works_on_team(user: User, team_id: int) -> bool:
    """An active caseworker or team manager of the team (a member, or its manager): who can
    be named as the one who held a conversation with one of the team's clients."""
    return (
        user.is_active
        and bool(EDITING_ROLES & set(roles_of(user)))
        and teams_of(user).filter(pk=team_id).exists()
    )


def may_hand_over(user: User) -> bool:
    """Team managers reassign their teams' clients to another caseworker."""
    return user.is_superuser or Role.TEAM_MANAGER in roles_of(user)


def may_manage_catalogues(user: User | AnonymousUser) -> bool:
    """Functional administrators (and superusers) keep the catalogues, teams, users and the
    client import."""
    return user.is_superuser or Role.FUNCTIONAL_ADMIN in roles_of(user)
