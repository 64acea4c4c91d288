"""The participation ladder: a client's rung as dated assessments."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from clients.models import ClientOwnedQuerySet
from common.fields import limited_text, staff_member
from common.plausible import long_date


class Rung(models.IntegerChoices):
    ISOLATED = 1, _("1 – Geïsoleerd")
    SOCIAL_CONTACTS = 2, _("2 – Sociale contacten buiten de deur")
    ORGANISED_ACTIVITIES = 3, _("3 – Georganiseerde activiteiten")
    UNPAID_WORK = 4, _("4 – Onbetaald werk")
    PAID_WITH_SUPPORT = 5, _("5 – Betaald werk met ondersteuning")
    PAID_WORK = 6, _("6 – Betaald werk zonder ondersteuning")


class RungAssessment(models.Model):
    """On `assessed_on` the client stood on `rung`. The rung on a day is the latest assessment
    on or before it (of two on one day, the one recorded last); before the first it is unknown."""

    client = models.ForeignKey(
        "clients.Client",
        verbose_name=_("cliënt"),
        on_delete=models.CASCADE,
        related_name="rung_assessments",
    )
    rung = models.PositiveSmallIntegerField(_("trede"), choices=Rung.choices)
    assessed_on = models.DateField(_("beoordeeld op"))
    assessed_by = staff_member(_("beoordeeld door"))
    note = limited_text(_("toelichting"), max_length=2000, blank=True)
    conversation = models.ForeignKey(
        "interventions.Conversation",
        verbose_name=_("gesprek"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="rung_assessments",
    )
    recorded_at = models.DateTimeField(_("vastgelegd op"), auto_now_add=True)
    # The day the client's next assessment took over (None: it still holds), so that the rung
    # on a day is a join the database can do for all clients at once. Derived from the
    # assessments by `participation.chain.chain_rungs` after every write, so not in the history.
    superseded_on = models.DateField(_("vervangen op"), null=True, blank=True, editable=False)
    history = HistoricalRecords(excluded_fields=["superseded_on"])

    objects = ClientOwnedQuerySet.as_manager()

    class Meta:
        ordering = ["client", "assessed_on", "id"]
        verbose_name = _("beoordeling op de participatieladder")
        verbose_name_plural = _("beoordelingen op de participatieladder")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(rung__gte=1, rung__lte=6), name="rung_assessment_known_rung"
            ),
        ]
        indexes = [
            # The rung on a day is the first row of this order from that day back: an index
            # lookup per client, with no sort for two assessments on one day.
            models.Index(fields=["client", "-assessed_on", "-id"], name="rung_client_latest_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.client}: trede {self.rung} op {long_date(self.assessed_on)}"
