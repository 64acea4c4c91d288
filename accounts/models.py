"""Staff, teams and roles. Roles are Django groups; team membership is a tracked row."""

from decimal import Decimal
from typing import ClassVar

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .querysets import UserManager
from .roles import Role

__all__ = ["Membership", "Role", "Team", "User"]


TEAM_NAME_TAKEN = _("Er is al een team met deze naam.")


class Team(models.Model):
    name = models.CharField(_("naam"), max_length=100, unique=True)
    manager = models.ForeignKey(
        "accounts.User",
        verbose_name=_("teammanager"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="managed_teams",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        constraints = [
            # "Team Noord" and "team noord" are one team, also when two writes race.
            models.UniqueConstraint(
                Lower("name"),
                name="team_name_unique_in_any_case",
                violation_error_message=TEAM_NAME_TAKEN,
            ),
        ]

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):
    class Function(models.TextChoices):
        AD = "ad", _("Arbeidsdeskundige")
        AID = "aid", _("Adviseur intensieve dienstverlening")

    function = models.CharField(_("functie"), max_length=3, choices=Function.choices, blank=True)
    fte = models.DecimalField(
        _("fte"), max_digits=3, decimal_places=2, default=Decimal("1.00"), help_text=_("0,00-1,00")
    )
    teams = models.ManyToManyField(
        Team, through="Membership", related_name="members", blank=True, verbose_name=_("teams")
    )
    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    objects: ClassVar[UserManager] = UserManager()

    class Meta:
        ordering = ["last_name", "first_name", "username"]
        verbose_name = _("medewerker")
        verbose_name_plural = _("medewerkers")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(fte__gte=0, fte__lte=1), name="user_fte_between_0_and_1"
            ),
        ]

    def __str__(self) -> str:
        return self.get_full_name() or self.username


class Membership(models.Model):
    """A staff member working in a team; tracked so the auditor sees who was in which team."""

    user = models.ForeignKey(
        User, verbose_name=_("medewerker"), on_delete=models.CASCADE, related_name="memberships"
    )
    team = models.ForeignKey(
        Team, verbose_name=_("team"), on_delete=models.CASCADE, related_name="memberships"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("teamlidmaatschap")
        verbose_name_plural = _("teamlidmaatschappen")
        constraints = [
            models.UniqueConstraint(fields=["user", "team"], name="membership_unique_user_team"),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.team}"
