"""Signals raised by the nightly checks, and the in-app digest that tells caseworkers."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from common.fields import limited_text, staff_member
from common.plausible import long_date

from .querysets import NotificationQuerySet, SignalQuerySet


class Signal(models.Model):
    class Kind(models.TextChoices):
        NO_CONTACT = "no_contact", _("Geen contact in het afgelopen jaar")
        STALLED_PHASE = "stalled_phase", _("Geen voortgang in de klantfase")
        CONTRACT_ENDING = "contract_ending", _("Contract loopt af")
        JOB_ENDED = "job_ended", _("Baan beëindigd, nog geen contact")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        RESOLVED = "resolved", _("Opgelost")
        DISMISSED = "dismissed", _("Terzijde gelegd")

    # Neither this nor the norm version is a foreign key in the database. A signal is only
    # ever inserted by a statement that selects its client from the clients table, and the
    # nightly run inserts tens of thousands at once: checking each row at the commit locked
    # every client it named and cost a third of the run. The application still deletes a
    # client's signals with the client (CASCADE) and keeps a norm version that has signals.
    client = models.ForeignKey(
        "clients.Client",
        verbose_name=_("cliënt"),
        on_delete=models.CASCADE,
        related_name="signals",
        db_constraint=False,
    )
    kind = models.CharField(_("soort"), max_length=15, choices=Kind.choices)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default="open")
    raised_on = models.DateField(_("gesignaleerd op"))
    resolved_on = models.DateField(_("opgelost op"), null=True, blank=True)
    # What the check saw: last qualifying contact, the phase and since when, or the job.
    details = models.JSONField(_("details"), default=dict, blank=True)
    rule_version = models.ForeignKey(
        "norms.NormVersion",
        verbose_name=_("normversie"),
        on_delete=models.PROTECT,
        related_name="signals",
        db_constraint=False,
    )
    dismissed_reason = limited_text(_("reden terzijde leggen"), max_length=2000, blank=True)
    dismissed_until = models.DateField(_("terzijde tot en met"), null=True, blank=True)
    dismissed_by = staff_member(_("terzijde gelegd door"))
    history = HistoricalRecords()

    objects = SignalQuerySet.as_manager()

    class Meta:
        ordering = ["-raised_on", "-id"]
        verbose_name = _("signaal")
        verbose_name_plural = _("signalen")
        constraints = [
            models.UniqueConstraint(
                fields=["client", "kind"],
                condition=models.Q(status="open"),
                name="signal_one_open_per_client_and_kind",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="resolved") | models.Q(resolved_on__isnull=False),
                name="signal_resolved_has_date",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="dismissed") | models.Q(dismissed_until__isnull=False),
                name="signal_dismissed_has_until",
            ),
        ]
        indexes = [
            models.Index(fields=["kind", "status", "raised_on"], name="signal_kind_status_idx"),
            models.Index(
                fields=["client", "kind", "dismissed_until"],
                condition=models.Q(status="dismissed"),
                name="signal_dismissed_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.client} ({long_date(self.raised_on)})"


class Notification(models.Model):
    """A message in a staff member's in-app list, e.g. the daily digest of new signals."""

    class Kind(models.TextChoices):
        SIGNAL_DIGEST = "signal_digest", _("Nieuwe signalen")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ontvanger"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices)
    day = models.DateField(_("dag"))
    count = models.PositiveIntegerField(_("aantal"), default=0)
    read_at = models.DateTimeField(_("gelezen op"), null=True, blank=True)
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-day", "-id"]
        verbose_name = _("melding")
        verbose_name_plural = _("meldingen")
        constraints = [
            # One digest per person per day: a re-run of the nightly job adds no second one.
            models.UniqueConstraint(
                fields=["recipient", "kind", "day"], name="notification_one_per_day"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {long_date(self.day)} ({self.count})"
