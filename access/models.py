from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class UserSession(models.Model):
    """A signed-in browser session, so its user can see where they are signed in and end it
    (access.sessions). Bookkeeping beside the session store: ending a session deletes it there.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("medewerker"),
        on_delete=models.CASCADE,
        related_name="signed_in_sessions",
    )
    session_key = models.CharField(max_length=40, unique=True)
    created = models.DateTimeField(_("ingelogd"))
    last_seen = models.DateTimeField(_("laatst gezien"))
    user_agent = models.CharField(_("browser"), max_length=300, blank=True)
    ip = models.GenericIPAddressField(_("IP-adres"), null=True, blank=True)

    class Meta:
        ordering = ["-last_seen"]
        verbose_name = _("sessie")
        verbose_name_plural = _("sessies")

    def __str__(self) -> str:
        return f"{self.user} ({self.created:%Y-%m-%d %H:%M})"
