"""The four client phases as dated periods, and exemptions from the stalled-phase signal."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from clients.models import ClientOwnedQuerySet
from common.fields import limited_text, staff_member
from common.plausible import long_date


class Phase(models.TextChoices):
    STABILISING = "1", _("1 – Stabiliseren en participeren")
    BECOMING_WORK_FIT = "2", _("2 – Werkfit worden")
    TOWARDS_WORK = "3", _("3 – Op weg naar werk")
    WORKING = "4", _("4 – (Duurzaam) aan het werk")


class PhasePeriod(models.Model):
    """The client was in `phase` from `started_on` up to `ended_on` (exclusive; open if null).

    The database holds the invariants: one open period per client (partial unique index) and,
    through migration 0002, no overlapping periods (exclusion constraint on PostgreSQL, a
    trigger on SQLite).
    """

    client = models.ForeignKey(
        "clients.Client",
        verbose_name=_("cliënt"),
        on_delete=models.CASCADE,
        related_name="phase_periods",
    )
    phase = models.CharField(_("fase"), max_length=1, choices=Phase.choices)
    started_on = models.DateField(_("begonnen op"))
    ended_on = models.DateField(_("beëindigd op"), null=True, blank=True)
    reason = limited_text(_("reden"), max_length=2000)
    recorded_by = staff_member(_("vastgelegd door"))
    recorded_at = models.DateTimeField(_("vastgelegd op"), auto_now_add=True)
    history = HistoricalRecords()

    objects = ClientOwnedQuerySet.as_manager()

    class Meta:
        ordering = ["client", "started_on", "id"]
        verbose_name = _("faseperiode")
        verbose_name_plural = _("faseperiodes")
        constraints = [
            models.UniqueConstraint(
                fields=["client"],
                condition=models.Q(ended_on__isnull=True),
                name="phase_period_one_open_per_client",
            ),
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True)
                | models.Q(ended_on__gte=models.F("started_on")),
                name="phase_period_ends_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(phase__in=Phase.values), name="phase_period_known_phase"
            ),
        ]
        indexes = [
            models.Index(fields=["client", "started_on"], name="phase_period_client_start_idx"),
            models.Index(
                fields=["phase", "started_on"],
                condition=models.Q(ended_on__isnull=True),
                name="phase_period_open_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.client}: fase {self.phase} vanaf {long_date(self.started_on)}"


class PhaseExemption(models.Model):
    """No stalled-phase signal for `phase` while valid_from <= D <= review_on."""

    class Reason(models.TextChoices):
        STABILISATION_GOAL = "stabilisation_goal", _("Stabilisatie is het afgesproken doel")
        MEDICAL = "medical", _("Medische behandeling")
        OTHER = "other", _("Anders")

    client = models.ForeignKey(
        "clients.Client",
        verbose_name=_("cliënt"),
        on_delete=models.CASCADE,
        related_name="phase_exemptions",
    )
    phase = models.CharField(_("fase"), max_length=1, choices=Phase.choices)
    reason = models.CharField(_("reden"), max_length=20, choices=Reason.choices)
    note = limited_text(_("toelichting"), max_length=2000, blank=True)
    valid_from = models.DateField(_("geldig vanaf"))
    review_on = models.DateField(_("herbeoordelen op"))
    recorded_by = staff_member(_("vastgelegd door"))
    history = HistoricalRecords()

    objects = ClientOwnedQuerySet.as_manager()

    class Meta:
        ordering = ["client", "valid_from", "id"]
        verbose_name = _("fasevrijstelling")
        verbose_name_plural = _("fasevrijstellingen")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(review_on__gte=models.F("valid_from")),
                name="phase_exemption_review_after_start",
            ),
        ]
        indexes = [
            models.Index(fields=["client", "phase", "review_on"], name="phase_exemption_idx"),
        ]

    def __str__(self) -> str:
        period = f"{long_date(self.valid_from)}–{long_date(self.review_on)}"
        return f"{self.client}: fase {self.phase} {period}"
