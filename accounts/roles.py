from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """The names of the Django groups that carry permissions and scope."""

    CASEWORKER = "caseworker", _("Casemanager (AD/AID)")
    TEAM_MANAGER = "team_manager", _("Teammanager")
    AUDITOR = "auditor", _("Auditor")
    FUNCTIONAL_ADMIN = "functional_admin", _("Functioneel beheerder")


def role_label(group_name: str) -> str:
    """The readable name of the role a group carries ("Functioneel beheerder" for the group
    `functional_admin`); a group that is no role keeps its own name."""
    if group_name in Role.values:
        return str(Role(group_name).label)
    return group_name
