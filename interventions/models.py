"""What caseworkers do with a client: conversations, work plans, purchased trajectories."""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from clients.models import ClientOwnedQuerySet
from common.fields import limited_text, staff_member
from phases.models import Phase

from .validators import validate_phase_codes


class Conversation(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", _("Gepland")
        HELD = "held", _("Gehouden")
        NO_SHOW = "no_show", _("Niet verschenen")
        CANCELLED = "cancelled", _("Geannuleerd")

    class Channel(models.TextChoices):
        IN_PERSON = "in_person", _("Persoonlijk")
        VIDEO = "video", _("Video")
        PHONE = "phone", _("Telefoon")
        WRITTEN = "written", _("Schriftelijk")

    class Kind(models.TextChoices):
        INTAKE = "intake", _("Intake")
        MONITORING = "monitoring", _("Monitoring")
        COACHING = "coaching", _("Coaching")
        WORKPLAN = "workplan", _("Werkplan")
        HANDOVER = "handover", _("Overdracht")
        OTHER = "other", _("Anders")

    client = models.ForeignKey(
        "clients.Client",
        verbose_name=_("cliënt"),
        on_delete=models.CASCADE,
        related_name="conversations",
    )
    caseworker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("casemanager"),
        on_delete=models.PROTECT,
        related_name="conversations",
    )
    held_on = models.DateField(_("datum"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    channel = models.CharField(_("kanaal"), max_length=10, choices=Channel.choices)
    with_client = models.BooleanField(_("met de cliënt"), default=True)
    kind = models.CharField(
        _("soort"), max_length=10, choices=Kind.choices, default=Kind.MONITORING
    )
    duration_minutes = models.PositiveIntegerField(_("duur (minuten)"), null=True, blank=True)
    summary = limited_text(_("verslag"), max_length=20_000, blank=True)
    next_contact_on = models.DateField(_("volgend contact"), null=True, blank=True)
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    history = HistoricalRecords()

    objects = ClientOwnedQuerySet.as_manager()

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = _("gesprek")
        verbose_name_plural = _("gesprekken")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(duration_minutes__isnull=True)
                | models.Q(duration_minutes__lte=24 * 60),
                name="conversation_duration_within_a_day",
            ),
        ]
        indexes = [
            models.Index(fields=["client", "held_on"], name="conversation_client_date_idx"),
            models.Index(fields=["caseworker", "held_on"], name="conversation_worker_date_idx"),
            # The contact-norm check looks only at these rows (signals.selectors).
            models.Index(
                fields=["client", "held_on"],
                condition=models.Q(
                    status="held", with_client=True, channel__in=["in_person", "video", "phone"]
                ),
                name="conversation_qualifying_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.client} {self.held_on}"


class ContactExemption(models.Model):
    """No no-contact signal while valid_from <= D <= valid_until, for a recorded reason."""

    class Reason(models.TextChoices):
        STABLE_WORK = "stable_work", _("Stabiel aan het werk")
        MEDICAL = "medical", _("Medische behandeling")
        DECLINED_SERVICES = "declined_services", _("Cliënt ziet af van dienstverlening")
        OTHER = "other", _("Anders")

    client = models.ForeignKey(
        "clients.Client",
        verbose_name=_("cliënt"),
        on_delete=models.CASCADE,
        related_name="contact_exemptions",
    )
    reason = models.CharField(_("reden"), max_length=20, choices=Reason.choices)
    note = limited_text(_("toelichting"), max_length=2000, blank=True)
    valid_from = models.DateField(_("geldig vanaf"))
    valid_until = models.DateField(_("geldig tot en met"))
    recorded_by = staff_member(_("vastgelegd door"))
    history = HistoricalRecords()

    objects = ClientOwnedQuerySet.as_manager()

    class Meta:
        ordering = ["client", "valid_from", "id"]
        verbose_name = _("contactvrijstelling")
        verbose_name_plural = _("contactvrijstellingen")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_until__gte=models.F("valid_from")),
                name="contact_exemption_ends_after_start",
            ),
        ]
        indexes = [
            models.Index(fields=["client", "valid_until"], name="contact_exemption_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.client}: {self.valid_from}–{self.valid_until}"


class WorkPlan(models.Model):
    """A version of the client's work plan; exactly one non-superseded version is current."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Concept")
        AGREED = "agreed", _("Afgesproken")
        SUPERSEDED = "superseded", _("Vervangen")

    client = models.ForeignKey(
        "clients.Client",
        verbose_name=_("cliënt"),
        on_delete=models.CASCADE,
        related_name="workplans",
    )
    version = models.PositiveIntegerField(_("versie"))
    goal = limited_text(_("doel"), max_length=5000)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    agreed_on = models.DateField(_("afgesproken op"), null=True, blank=True)
    created_by = staff_member(_("opgesteld door"))
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    history = HistoricalRecords()

    objects = ClientOwnedQuerySet.as_manager()

    class Meta:
        ordering = ["client", "-version"]
        verbose_name = _("werkplan")
        verbose_name_plural = _("werkplannen")
        constraints = [
            models.UniqueConstraint(
                fields=["client", "version"], name="workplan_unique_version_per_client"
            ),
            models.UniqueConstraint(
                fields=["client"],
                condition=~models.Q(status="superseded"),
                name="workplan_one_current_per_client",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="agreed") | models.Q(agreed_on__isnull=False),
                name="workplan_agreed_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.client}: werkplan v{self.version}"


class Agreement(models.Model):
    class Owner(models.TextChoices):
        CLIENT = "client", _("Cliënt")
        UWV = "uwv", _("UWV")
        EMPLOYER = "employer", _("Werkgever")
        PROVIDER = "provider", _("Re-integratiebedrijf")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        DONE = "done", _("Afgerond")
        CANCELLED = "cancelled", _("Vervallen")

    work_plan = models.ForeignKey(
        WorkPlan, verbose_name=_("werkplan"), on_delete=models.CASCADE, related_name="agreements"
    )
    description = limited_text(_("afspraak"), max_length=500)
    owner = models.CharField(_("wie"), max_length=10, choices=Owner.choices)
    due_on = models.DateField(_("uiterlijk op"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["work_plan", "due_on", "id"]
        verbose_name = _("afspraak")
        verbose_name_plural = _("afspraken")
        indexes = [
            models.Index(
                fields=["due_on"], condition=models.Q(status="open"), name="agreement_open_due_idx"
            ),
        ]

    def __str__(self) -> str:
        return self.description[:60]


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
        return f"{self.code} {self.name}"

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
        return f"{self.service_type.code} voor {self.client}"


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
        return f"{self.trajectory}: {self.from_date}–{self.to_date or '…'}"
