"""The work plan: its versions, the agreements in them, and the letters that gave it to the
client."""

from typing import TYPE_CHECKING

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from clients.models import Client, ClientOwnedQuerySet
from common.fields import limited_text, staff_member
from common.plausible import long_date

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from accounts.models import User


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


class WorkPlanLetterQuerySet(models.QuerySet):
    """A letter is visible exactly when the client of its work plan is."""

    def visible_to(self, user: "User | AnonymousUser | None") -> "WorkPlanLetterQuerySet":
        return self.filter(work_plan__client__in=Client.objects.visible_to(user))


class WorkPlanLetter(models.Model):
    """The letter with a version of the work plan, given or sent to the client: when, how, and
    whether the client said they agreed."""

    class Channel(models.TextChoices):
        IN_PERSON = "in_person", _("Persoonlijk meegegeven")
        POST = "post", _("Per post verstuurd")
        EMAIL = "email", _("Per e-mail verstuurd")

    work_plan = models.ForeignKey(
        WorkPlan, verbose_name=_("werkplan"), on_delete=models.CASCADE, related_name="letters"
    )
    handed_on = models.DateField(_("meegegeven of verstuurd op"))
    channel = models.CharField(_("hoe"), max_length=10, choices=Channel.choices)
    client_agreed = models.BooleanField(_("cliënt is akkoord"), default=False)
    note = limited_text(_("notitie"), max_length=2000, blank=True)
    recorded_by = staff_member(_("vastgelegd door"))
    recorded_at = models.DateTimeField(_("vastgelegd op"), auto_now_add=True)
    history = HistoricalRecords()

    objects = WorkPlanLetterQuerySet.as_manager()

    class Meta:
        ordering = ["work_plan", "-handed_on", "-id"]
        verbose_name = _("werkplanbrief")
        verbose_name_plural = _("werkplanbrieven")

    def __str__(self) -> str:
        return f"{self.work_plan}: {self.get_channel_display().lower()} {long_date(self.handed_on)}"
