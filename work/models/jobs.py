"""A client's jobs and their renewals."""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from common.fields import staff_member

from ..querysets import JobQuerySet, JobRenewalQuerySet
from ..validators import validate_hours_per_week
from .employers import Employer


class Contract(models.TextChoices):
    PERMANENT = "permanent", _("Vast")
    TEMPORARY = "temporary", _("Tijdelijk")
    AGENCY = "agency", _("Uitzend")


# Contracts with a planned end, which a renewal extends or makes permanent.
FIXED_TERM = (Contract.TEMPORARY, Contract.AGENCY)


class Job(models.Model):
    """Work of a client, dated: employment at an employer, or self-employment. `ended_on` is
    the last day worked; jobs may overlap. The contract and planned end are as they stand now
    (after any renewals); each renewal keeps what stood before it."""

    class Kind(models.TextChoices):
        REGULAR = "regular", _("Reguliere werkgever")
        SHELTERED = "sheltered", _("Beschut werk / Wsw")
        SELF_EMPLOYED = "self_employed", _("Zelfstandig")

    class EndReason(models.TextChoices):
        CONTRACT_ENDED = "contract_ended", _("Contract afgelopen")
        DISMISSED = "dismissed", _("Ontslagen")
        RESIGNED = "resigned", _("Zelf opgezegd")
        HEALTH = "health", _("Gezondheid")
        OTHER_JOB = "other_job", _("Andere baan")
        BUSINESS_STOPPED = "business_stopped", _("Bedrijf gestopt")
        OTHER = "other", _("Anders")

    class PlacedBy(models.TextChoices):
        UWV = "uwv", _("UWV")
        PROVIDER = "provider", _("Re-integratiebedrijf")
        SELF = "self", _("Cliënt zelf")

    client = models.ForeignKey(
        "clients.Client", verbose_name=_("cliënt"), on_delete=models.CASCADE, related_name="jobs"
    )
    kind = models.CharField(_("soort werk"), max_length=15, choices=Kind.choices)
    employer = models.ForeignKey(
        Employer,
        verbose_name=_("werkgever"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="jobs",
    )
    contract = models.CharField(_("contract"), max_length=10, choices=Contract.choices, blank=True)
    hours_per_week = models.DecimalField(
        _("uren per week"),
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[validate_hours_per_week],
    )
    started_on = models.DateField(_("begonnen op"))
    planned_end_on = models.DateField(_("geplande einddatum"), null=True, blank=True)
    ended_on = models.DateField(_("laatste werkdag"), null=True, blank=True)
    end_reason = models.CharField(
        _("reden van einde"), max_length=20, choices=EndReason.choices, blank=True
    )
    placed_by = models.CharField(_("geplaatst door"), max_length=10, choices=PlacedBy.choices)
    trajectory = models.ForeignKey(
        "interventions.Trajectory",
        verbose_name=_("traject"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="jobs",
    )
    recorded_by = staff_member(_("vastgelegd door"))
    history = HistoricalRecords()

    objects = JobQuerySet.as_manager()

    class Meta:
        ordering = ["client", "-started_on", "-id"]
        verbose_name = _("baan")
        verbose_name_plural = _("banen")
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="self_employed", employer__isnull=True, contract="")
                | (~Q(kind="self_employed") & Q(employer__isnull=False) & ~Q(contract="")),
                name="job_employer_and_contract_unless_self_employed",
            ),
            models.CheckConstraint(
                condition=Q(contract__in=FIXED_TERM, planned_end_on__isnull=False)
                | (~Q(contract__in=FIXED_TERM) & Q(planned_end_on__isnull=True)),
                name="job_planned_end_iff_fixed_term",
            ),
            models.CheckConstraint(
                condition=Q(planned_end_on__isnull=True) | Q(planned_end_on__gte=F("started_on")),
                name="job_planned_end_after_start",
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=F("started_on")),
                name="job_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True, end_reason="")
                | (Q(ended_on__isnull=False) & ~Q(end_reason="")),
                name="job_end_reason_iff_ended",
            ),
            models.CheckConstraint(
                condition=Q(hours_per_week__isnull=True)
                | Q(hours_per_week__gt=0, hours_per_week__lte=80),
                name="job_hours_per_week_range",
            ),
        ]
        indexes = [
            models.Index(fields=["client", "started_on"], name="job_client_start_idx"),
            models.Index(fields=["started_on", "ended_on"], name="job_dates_idx"),
        ]

    def __str__(self) -> str:
        where = self.employer.name if self.employer else self.get_kind_display()
        return f"{where} vanaf {self.started_on:%d-%m-%Y}"


class JobRenewal(models.Model):
    """A fixed-term job extended to a later planned end, or made permanent, on `renewed_on`.
    `previous_contract` and `previous_planned_end_on` are the job's terms before it, so the
    contract on any earlier day can be told."""

    job = models.ForeignKey(
        Job, verbose_name=_("baan"), on_delete=models.CASCADE, related_name="renewals"
    )
    renewed_on = models.DateField(_("verlengd op"))
    new_planned_end_on = models.DateField(_("nieuwe geplande einddatum"), null=True, blank=True)
    made_permanent = models.BooleanField(_("vast contract geworden"), default=False)
    previous_contract = models.CharField(
        _("contract daarvóór"), max_length=10, choices=Contract.choices
    )
    previous_planned_end_on = models.DateField(_("geplande einddatum daarvóór"))
    recorded_by = staff_member(_("vastgelegd door"))
    history = HistoricalRecords()

    objects = JobRenewalQuerySet.as_manager()

    class Meta:
        ordering = ["job", "renewed_on", "id"]
        verbose_name = _("contractverlenging")
        verbose_name_plural = _("contractverlengingen")
        constraints = [
            models.CheckConstraint(
                condition=Q(made_permanent=True, new_planned_end_on__isnull=True)
                | Q(made_permanent=False, new_planned_end_on__gt=F("previous_planned_end_on")),
                name="renewal_later_end_or_permanent",
            ),
            models.CheckConstraint(
                condition=Q(new_planned_end_on__isnull=True)
                | Q(new_planned_end_on__gte=F("renewed_on")),
                name="renewal_new_end_after_renewal",
            ),
            models.CheckConstraint(
                condition=Q(previous_contract__in=FIXED_TERM),
                name="renewal_of_a_fixed_term_contract",
            ),
        ]
        indexes = [models.Index(fields=["renewed_on"], name="renewal_renewed_on_idx")]

    def __str__(self) -> str:
        return f"{self.job}: verlengd op {self.renewed_on:%d-%m-%Y}"
