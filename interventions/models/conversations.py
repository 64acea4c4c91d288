"""Conversations with the client and the exemptions from the contact norm."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from clients.models import ClientOwnedQuerySet
from common.fields import limited_text, staff_member
from common.plausible import long_date


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
            # The work queue, the agenda and "next contact" look only at plans: a few per
            # client among years of held conversations.
            models.Index(
                fields=["client", "held_on"],
                condition=models.Q(status="planned"),
                name="conversation_client_plan_idx",
            ),
            models.Index(
                fields=["caseworker", "held_on"],
                condition=models.Q(status="planned"),
                name="conversation_worker_plan_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.client} {long_date(self.held_on)}"


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
        return f"{self.client}: {long_date(self.valid_from)}–{long_date(self.valid_until)}"
