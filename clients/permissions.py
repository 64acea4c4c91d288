"""Who may do what with client files: the rules the screens and the API share."""

from typing import TYPE_CHECKING

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from accounts.models import Team, User
from accounts.roles import Role
from accounts.selectors import roles_of, team_ids_of, teams_of

if TYPE_CHECKING:  # the models import this module (through their querysets)
    from .models import Client

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
        and team_id in team_ids_of(user)
    )


def may_hand_over(user: User) -> bool:
    """Team managers reassign their teams' clients to another caseworker."""
    return user.is_superuser or Role.TEAM_MANAGER in roles_of(user)


def handover_teams(user: User) -> "QuerySet[Team]":
    """The teams whose clients a team manager hands over: the ones they manage or work in (a
    superuser: every team)."""
    return Team.objects.all() if user.is_superuser else teams_of(user)


def may_manage_catalogues(user: User | AnonymousUser) -> bool:
    """Functional administrators (and superusers) keep the catalogues, teams, users and the
    client import."""
    return user.is_superuser or Role.FUNCTIONAL_ADMIN in roles_of(user)


def check_team_choice(user: User, team: Team) -> None:
    """A client is filed in one of the user's own teams (a superuser: any team)."""
    if not user.is_superuser and team.pk not in team_ids_of(user):
        raise ValidationError({"team": _("U werkt niet in dit team.")})


def check_new_client_caseworker(user: User, caseworker: User | None) -> None:
    """On a new client a caseworker names only themselves as the fixed contact person, or
    nobody; choosing someone else is the team manager's, as a handover is."""
    if caseworker not in (None, user) and not may_hand_over(user):
        raise ValidationError(
            {
                "caseworker": _(
                    "Kies uzelf of laat het veld leeg; een andere contactpersoon kiest de "
                    "teammanager."
                )
            }
        )


def check_caseworker_change(user: User, client: "Client", caseworker: User | None) -> None:
    """Another fixed contact person for a client is a handover: the team manager's."""
    if caseworker != client.caseworker and not may_hand_over(user):
        raise ValidationError(
            {"caseworker": _("Alleen een teammanager kan de vaste contactpersoon wijzigen.")}
        )
