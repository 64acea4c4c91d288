"""Stored month-end figures, so that trends and yearly reports need not recount history.

A month-end's figures change only when history is written with a date in the past (a late
conversation, a backdated phase change, a moved client). Such writes lower `stale_from`; figures
on or after it are counted again (live for a screen, stored again by the nightly refresh).
"""

from datetime import date

from django.db import models
from django.utils.translation import gettext_lazy as _


class MonthEndFigure(models.Model):
    """Counts of one team's clients on one month-end, per phase and time in that phase."""

    month_end = models.DateField(_("maandeinde"))
    team = models.ForeignKey(
        "accounts.Team", verbose_name=_("team"), on_delete=models.CASCADE, related_name="+"
    )
    phase = models.CharField(_("fase"), max_length=1, blank=True)  # "": no phase that day
    # In the phase for at most two years on that day (figure 3.2 splits on it).
    early_in_phase = models.BooleanField(_("korter dan twee jaar in de fase"))
    active = models.PositiveIntegerField(_("actieve cliënten"))
    norm_population = models.PositiveIntegerField(_("cliënten onder de contactnorm"))
    spoken = models.PositiveIntegerField(_("gesproken binnen de norm"))
    # Active clients with a held conversation (with the client, not written) in that month.
    conversed_in_month = models.PositiveIntegerField(_("gesproken in de maand"))
    computed_at = models.DateTimeField(_("berekend op"), auto_now=True)

    class Meta:
        verbose_name = _("maandcijfer")
        verbose_name_plural = _("maandcijfers")
        constraints = [
            models.UniqueConstraint(
                fields=["month_end", "team", "phase", "early_in_phase"],
                name="monthendfigure_unique_cell",
            )
        ]
        indexes = [models.Index(fields=["month_end", "team"], name="monthendfigure_month_team")]

    def __str__(self) -> str:
        return f"{self.month_end} team {self.team_id} fase {self.phase or '-'}"


class MonthEndWorkFigure(models.Model):
    """How many of one team's active clients on one month-end had one work status code
    (`work.status_figures.BITS`: where they worked, their strongest contract, their support).
    Kept current with `MonthEndFigure`, by the same `FigureState`."""

    month_end = models.DateField(_("maandeinde"))
    team = models.ForeignKey(
        "accounts.Team", verbose_name=_("team"), on_delete=models.CASCADE, related_name="+"
    )
    code = models.PositiveIntegerField(_("werksituatie"))
    clients = models.PositiveIntegerField(_("cliënten"))

    class Meta:
        verbose_name = _("maandcijfer werk")
        verbose_name_plural = _("maandcijfers werk")
        constraints = [
            models.UniqueConstraint(
                fields=["month_end", "team", "code"], name="monthendworkfigure_unique_cell"
            )
        ]

    def __str__(self) -> str:
        return f"{self.month_end} team {self.team_id} werk {self.code}"


class FigureState(models.Model):
    """One row: from which month-end the stored figures are out of date (null: none).

    `version` goes up with every marking, so a refresh that ran alongside a write does not
    clear the mark that write left.
    """

    stale_from = models.DateField(null=True, blank=True)
    version = models.PositiveBigIntegerField(default=0)
    # The stored month-ends form one unbroken range.
    computed_from = models.DateField(null=True, blank=True)
    computed_until = models.DateField(null=True, blank=True)
    refreshed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("stand van de maandcijfers")

    def __str__(self) -> str:
        return f"{self.computed_from}–{self.computed_until}, verouderd vanaf {self.stale_from}"

    def holds(self, month_end: date) -> bool:
        """Whether the stored figures for `month_end` are complete and current."""
        return (
            self.computed_from is not None
            and self.computed_until is not None
            and self.computed_from <= month_end <= self.computed_until
            and (self.stale_from is None or month_end < self.stale_from)
        )
