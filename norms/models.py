"""Norms as data: each version applies from its effective date until the next one."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from common.fields import staff_member
from common.plausible import long_date


class NormVersion(models.Model):
    effective_from = models.DateField(_("geldig vanaf"), unique=True)
    contact_window_months = models.PositiveSmallIntegerField(
        _("contactnorm: minstens één gesprek per (maanden)"),
        default=12,
        validators=[MinValueValidator(1)],
    )
    stalled_phase_1_months = models.PositiveSmallIntegerField(
        _("stagnatie fase 1 na (maanden)"), default=24, validators=[MinValueValidator(1)]
    )
    stalled_phase_2_months = models.PositiveSmallIntegerField(
        _("stagnatie fase 2 na (maanden)"), default=12, validators=[MinValueValidator(1)]
    )
    stalled_phase_3_months = models.PositiveSmallIntegerField(
        _("stagnatie fase 3 na (maanden)"), default=12, validators=[MinValueValidator(1)]
    )
    # The next contact the conversation form proposes, in days after the conversation.
    follow_up_days_phase_1 = models.PositiveSmallIntegerField(
        _("volgend contact fase 1 na (dagen)"), default=90, validators=[MinValueValidator(1)]
    )
    follow_up_days_phase_2 = models.PositiveSmallIntegerField(
        _("volgend contact fase 2 na (dagen)"), default=56, validators=[MinValueValidator(1)]
    )
    follow_up_days_phase_3 = models.PositiveSmallIntegerField(
        _("volgend contact fase 3 na (dagen)"), default=42, validators=[MinValueValidator(1)]
    )
    follow_up_days_phase_4 = models.PositiveSmallIntegerField(
        _("volgend contact fase 4 na (dagen)"), default=180, validators=[MinValueValidator(1)]
    )
    # Caseload guideline for the dashboards: about 400 clients per fte, UWV's working figure.
    clients_per_fte = models.PositiveSmallIntegerField(
        _("richtlijn cliënten per fte"), default=400, validators=[MinValueValidator(1)]
    )
    # Production: conversation minutes count as conversation equivalents (GE) against a target.
    minutes_per_conversation_equivalent = models.DecimalField(
        _("minuten per gespreksequivalent (GE)"),
        max_digits=7,
        decimal_places=3,
        default=Decimal("99.416"),
        validators=[MinValueValidator(Decimal("1"))],
    )
    # The duration a held conversation of each kind is proposed with (the caseworker may change
    # it): production is counted from real minutes, not from empty fields.
    minutes_intake = models.PositiveSmallIntegerField(
        _("duur intake (minuten)"),
        default=60,
        validators=[MinValueValidator(1), MaxValueValidator(24 * 60)],
    )
    minutes_monitoring = models.PositiveSmallIntegerField(
        _("duur monitoringsgesprek (minuten)"),
        default=45,
        validators=[MinValueValidator(1), MaxValueValidator(24 * 60)],
    )
    minutes_coaching = models.PositiveSmallIntegerField(
        _("duur coachingsgesprek (minuten)"),
        default=45,
        validators=[MinValueValidator(1), MaxValueValidator(24 * 60)],
    )
    minutes_workplan = models.PositiveSmallIntegerField(
        _("duur werkplangesprek (minuten)"),
        default=60,
        validators=[MinValueValidator(1), MaxValueValidator(24 * 60)],
    )
    minutes_handover = models.PositiveSmallIntegerField(
        _("duur overdrachtsgesprek (minuten)"),
        default=30,
        validators=[MinValueValidator(1), MaxValueValidator(24 * 60)],
    )
    minutes_other = models.PositiveSmallIntegerField(
        _("duur ander gesprek (minuten)"),
        default=30,
        validators=[MinValueValidator(1), MaxValueValidator(24 * 60)],
    )
    production_target_per_fte = models.PositiveIntegerField(
        _("productietarget per fte per jaar (GE)"), default=593, validators=[MinValueValidator(1)]
    )
    # The auditor hears of anyone who opened, exported or revealed more files in one day.
    unusual_reads_per_day = models.PositiveIntegerField(
        _("opvallend veel inzage: meer dan (dossiers per dag)"),
        default=250,
        validators=[MinValueValidator(1)],
    )
    # Table 2 of the letter to Parliament: UWV's national placement norm, shared out over the
    # teams by their caseload (reports.catalogue.placements.norm_share).
    placements_per_year = models.PositiveIntegerField(
        _("plaatsingsnorm per jaar (landelijk)"), default=8000, validators=[MinValueValidator(1)]
    )
    # The signals on work: a fixed-term contract ending soon, a job ended and no contact since.
    contract_ending_days = models.PositiveSmallIntegerField(
        _("contract loopt af: signaal vanaf (dagen voor de einddatum)"),
        default=56,
        validators=[MinValueValidator(1), MaxValueValidator(366)],
    )
    job_ended_after_days = models.PositiveSmallIntegerField(
        _("baan beëindigd: signaal na (dagen zonder contact)"),
        default=14,
        validators=[MinValueValidator(0), MaxValueValidator(366)],
    )
    job_ended_within_days = models.PositiveSmallIntegerField(
        _("baan beëindigd: signaal tot (dagen na het einde)"),
        default=365,
        validators=[MinValueValidator(1), MaxValueValidator(3660)],
    )
    note = models.TextField(_("toelichting"), blank=True)
    created_by = staff_member(_("vastgelegd door"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["-effective_from"]
        get_latest_by = "effective_from"
        verbose_name = _("normversie")
        verbose_name_plural = _("normversies")

    def __str__(self) -> str:
        return f"Normen vanaf {long_date(self.effective_from)}"

    def clean(self) -> None:
        super().clean()
        if self.job_ended_within_days <= self.job_ended_after_days:
            raise ValidationError(
                {
                    "job_ended_within_days": _(
                        "Kies bij 'baan beëindigd: signaal tot' meer dagen dan bij 'signaal na'."
                    )
                }
            )

    def stalled_after_months(self, phase: str) -> int | None:
        """Months in `phase` after which progress counts as stalled; None: it never stalls."""
        return {
            "1": self.stalled_phase_1_months,
            "2": self.stalled_phase_2_months,
            "3": self.stalled_phase_3_months,
        }.get(str(phase))

    def minutes_for(self, kind: str) -> int:
        """The proposed duration of a conversation of `kind` (a Conversation.Kind value)."""
        return int(getattr(self, f"minutes_{kind}", self.minutes_other))

    def follow_up_days(self, phase: str | None) -> int:
        """Days until the next contact the form proposes; phase unknown: the phase-1 interval."""
        return {
            "2": self.follow_up_days_phase_2,
            "3": self.follow_up_days_phase_3,
            "4": self.follow_up_days_phase_4,
        }.get(str(phase), self.follow_up_days_phase_1)
