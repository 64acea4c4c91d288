"""Trajectories bought from providers, the purchase catalogue, and pauses."""

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from clients.models import ClientOwnedQuerySet
from common.fields import limited_text, staff_member
from common.plausible import long_date
from phases.models import Phase

from ..validators import validate_phase_codes


class Provider(models.Model):
    name = models.CharField(_("naam"), max_length=200, unique=True)
    kvk_number = models.CharField(_("KvK-nummer"), max_length=8, blank=True)
    active = models.BooleanField(_("actief"), default=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("re-integratiebedrijf")
        verbose_name_plural = _("re-integratiebedrijven")

    def __str__(self) -> str:
        return self.name


class ServiceType(models.Model):
    """A product in the purchase catalogue and the client phases it serves."""

    class Category(models.TextChoices):
        WORK_FIT = "work_fit", _("Werkfit-traject")
        TOWARDS_WORK = "towards_work", _("Naar-werk-traject")
        JOB_COACHING = "job_coaching", _("Jobcoaching")
        SCHOOLING = "schooling", _("Scholing")
        ASSESSMENT = "assessment", _("Praktijkbeoordeling")
        JOB_RETENTION = "job_retention", _("Werkbehoud")
        WORKPLACE_PROVISION = "workplace_provision", _("Werkvoorziening")
        OTHER = "other", _("Anders")

    code = models.CharField(_("code"), max_length=20, unique=True)
    name = models.CharField(_("naam"), max_length=200)
    category = models.CharField(_("categorie"), max_length=20, choices=Category.choices)
    # The phase codes served, as a sorted string such as "23": portable and filterable.
    phases = models.CharField(_("fasen"), max_length=4, validators=[validate_phase_codes])
    active = models.BooleanField(_("actief"), default=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["code"]
        verbose_name = _("dienstsoort")
        verbose_name_plural = _("dienstsoorten")

    def __str__(self) -> str:
        # The name is what a caseworker chooses by; the code is a column of the admin list.
        return self.name

    def serves(self, phase: str | Phase) -> bool:
        return str(phase) in self.phases


class Trajectory(models.Model):
    """A service bought from a provider for one client."""

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Aangevraagd")
        RUNNING = "running", _("Lopend")
        PAUSED = "paused", _("Gepauzeerd")
        COMPLETED = "completed", _("Afgerond")
        CANCELLED = "cancelled", _("Geannuleerd")

    class Outcome(models.TextChoices):
        WORK_FOUND = "work_found", _("Werk gevonden")
        WORK_RETAINED = "work_retained", _("Werk behouden")
        WORK_FIT = "work_fit", _("Werkfit geworden")
        NEXT_STEP = "next_step", _("Vervolgstap nodig")
        NO_RESULT = "no_result", _("Geen resultaat")
        DROPPED_OUT = "dropped_out", _("Voortijdig gestopt")

    client = models.ForeignKey(
        "clients.Client",
        verbose_name=_("cliënt"),
        on_delete=models.CASCADE,
        related_name="trajectories",
    )
    service_type = models.ForeignKey(
        ServiceType, verbose_name=_("dienstsoort"), on_delete=models.PROTECT, related_name="+"
    )
    provider = models.ForeignKey(
        Provider, verbose_name=_("aanbieder"), on_delete=models.PROTECT, related_name="trajectories"
    )
    purpose = limited_text(_("doel van de inkoop"), max_length=5000)
    purchased_on = models.DateField(_("ingekocht op"))
    started_on = models.DateField(_("gestart op"), null=True, blank=True)
    planned_end_on = models.DateField(_("geplande einddatum"), null=True, blank=True)
    ended_on = models.DateField(_("beëindigd op"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.REQUESTED
    )
    cost = models.DecimalField(
        _("kosten (€)"), max_digits=10, decimal_places=2, validators=[MinValueValidator(0)]
    )
    outcome = models.CharField(_("resultaat"), max_length=15, choices=Outcome.choices, blank=True)
    outcome_note = limited_text(_("toelichting resultaat"), max_length=5000, blank=True)
    repeat_justification = limited_text(
        _("motivering herhaalde inkoop"), max_length=5000, blank=True
    )
    purchased_by = staff_member(_("ingekocht door"))
    history = HistoricalRecords()

    objects = ClientOwnedQuerySet.as_manager()

    class Meta:
        ordering = ["client", "-purchased_on", "-id"]
        verbose_name = _("traject")
        verbose_name_plural = _("trajecten")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(cost__gte=0), name="trajectory_cost_positive"
            ),
            models.CheckConstraint(
                condition=models.Q(started_on__isnull=True)
                | models.Q(started_on__gte=models.F("purchased_on")),
                name="trajectory_starts_after_purchase",
            ),
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True)
                | models.Q(ended_on__gte=models.F("purchased_on")),
                name="trajectory_ends_after_purchase",
            ),
            models.CheckConstraint(
                condition=~models.Q(status__in=["completed", "cancelled"])
                | models.Q(ended_on__isnull=False),
                name="trajectory_closed_has_end_date",
            ),
        ]
        indexes = [
            models.Index(fields=["client", "service_type"], name="trajectory_client_type_idx"),
            models.Index(fields=["status", "purchased_on"], name="trajectory_status_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.service_type.name} voor {self.client}"


class TrajectoryPause(models.Model):
    """The trajectory was on hold from `from_date` up to `to_date` (open while null)."""

    trajectory = models.ForeignKey(
        Trajectory, verbose_name=_("traject"), on_delete=models.CASCADE, related_name="pauses"
    )
    from_date = models.DateField(_("gepauzeerd vanaf"))
    to_date = models.DateField(_("hervat op"), null=True, blank=True)
    reason = limited_text(_("reden"), max_length=2000)
    history = HistoricalRecords()

    class Meta:
        ordering = ["trajectory", "from_date", "id"]
        verbose_name = _("pauze")
        verbose_name_plural = _("pauzes")
        constraints = [
            models.UniqueConstraint(
                fields=["trajectory"],
                condition=models.Q(to_date__isnull=True),
                name="pause_one_open_per_trajectory",
            ),
            models.CheckConstraint(
                condition=models.Q(to_date__isnull=True)
                | models.Q(to_date__gte=models.F("from_date")),
                name="pause_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        until = long_date(self.to_date) if self.to_date else "…"
        return f"{self.trajectory}: {long_date(self.from_date)}–{until}"
