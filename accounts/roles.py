from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """The names of the Django groups that carry permissions and scope."""

    CASEWORKER = "caseworker", _("Casemanager (AD/AID)")
    TEAM_MANAGER = "team_manager", _("Teammanager")
    AUDITOR = "auditor", _("Auditor")
    FUNCTIONAL_ADMIN = "functional_admin", _("Functioneel beheerder")
