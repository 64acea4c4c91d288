"""Who looked at which client file: every read of personal data leaves a row here."""

from typing import Any, NoReturn

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from common.plausible import long_date
from common.reads import Read


class AppendOnly(models.QuerySet):
    """The read log is evidence: rows are added, never changed or removed by the application."""

    def update(self, **kwargs: Any) -> NoReturn:
        raise PermissionError("Het inzagelog kan niet worden gewijzigd.")

    def delete(self) -> NoReturn:
        raise PermissionError("Het inzagelog kan niet worden verwijderd.")


class AccessLog(models.Model):
    Action = Read

    at = models.DateTimeField(_("tijdstip"), auto_now_add=True, db_index=True)
    # No foreign keys in the database: checking one locks the row it points to (a write to
    # the client and the user on every page that lists clients, and a shared multi-lock when
    # two people open the same file at once). The ids come from the server, never from the
    # request, and the application refuses to delete a user or client that was read (PROTECT).
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("medewerker"),
        on_delete=models.PROTECT,
        related_name="+",
        db_constraint=False,
    )
    # Indexed as the first column of (client, at): an index of its own only cost every page,
    # which logs a row per client it shows.
    client = models.ForeignKey(
        "clients.Client",
        verbose_name=_("cliënt"),
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
        db_constraint=False,
    )
    action = models.CharField(_("handeling"), max_length=12, choices=Read.choices)
    path = models.CharField(_("adres"), max_length=500)
    ip = models.GenericIPAddressField(_("IP-adres"), null=True, blank=True)

    objects = AppendOnly.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("inzage")
        verbose_name_plural = _("inzagelog")
        indexes = [models.Index(fields=["client", "at"], name="accesslog_client_at_idx")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.user} {self.action} {self.client_id}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise PermissionError("Het inzagelog kan niet worden gewijzigd.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise PermissionError("Het inzagelog kan niet worden verwijderd.")


class UnusualReading(models.Model):
    """One user read more client files on one day than the norm allows: for the auditor to
    look into. Raised by the nightly check (`flag_unusual_reading`), once per user and day."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("medewerker"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    day = models.DateField(_("dag"))
    files = models.PositiveIntegerField(_("dossiers"))
    threshold = models.PositiveIntegerField(_("norm"))
    raised_at = models.DateTimeField(_("gesignaleerd op"), auto_now_add=True)

    class Meta:
        ordering = ["-day", "-files"]
        verbose_name = _("opvallend veel inzage")
        verbose_name_plural = _("opvallend veel inzage")
        constraints = [
            models.UniqueConstraint(fields=["user", "day"], name="unusual_reading_once_per_day")
        ]

    def __str__(self) -> str:
        return f"{long_date(self.day)} {self.user}: {self.files}"
