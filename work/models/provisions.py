"""Provisions UWV decides on for a client at work (voorzieningen): applied, decided, valid."""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from common.fields import staff_member

from ..querysets import ProvisionQuerySet
from ..validators import validate_percent
from .jobs import Job


class Provision(models.Model):
    """A provision applied for by the client or the employer. Pending while `decision` is
    empty; a granted one is valid from `valid_from` up to and including `valid_until`."""

    class Kind(models.TextChoices):
        JOB_COACH = "job_coach", _("Jobcoach")
        WAGE_DISPENSATION = "wage_dispensation", _("Loondispensatie")
        NO_RISK_POLICY = "no_risk_policy", _("No-riskpolis")
        TRANSPORT = "transport", _("Vervoersvoorziening")
        WORKPLACE_ADAPTATION = "workplace_adaptation", _("Werkplekaanpassing")
        OTHER = "other", _("Anders")

    class Applicant(models.TextChoices):
        CLIENT = "client", _("Cliënt")
        EMPLOYER = "employer", _("Werkgever")

    class Decision(models.TextChoices):
        GRANTED = "granted", _("Toegekend")
        REFUSED = "refused", _("Afgewezen")
        WITHDRAWN = "withdrawn", _("Ingetrokken")

    client = models.ForeignKey(
        "clients.Client",
        verbose_name=_("cliënt"),
        on_delete=models.CASCADE,
        related_name="provisions",
    )
    job = models.ForeignKey(
        Job,
        verbose_name=_("baan"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="provisions",
    )
    kind = models.CharField(_("soort voorziening"), max_length=20, choices=Kind.choices)
    applicant = models.CharField(_("aanvrager"), max_length=10, choices=Applicant.choices)
    applied_on = models.DateField(_("aangevraagd op"))
    decided_on = models.DateField(_("besloten op"), null=True, blank=True)
    decision = models.CharField(_("besluit"), max_length=10, choices=Decision.choices, blank=True)
    valid_from = models.DateField(_("geldig vanaf"), null=True, blank=True)
    valid_until = models.DateField(_("geldig tot en met"), null=True, blank=True)
    wage_value_percent = models.PositiveSmallIntegerField(
        _("loonwaarde (%)"), null=True, blank=True, validators=[validate_percent]
    )
    review_on = models.DateField(_("herbeoordelen op"), null=True, blank=True)
    recorded_by = staff_member(_("vastgelegd door"))
    history = HistoricalRecords()

    objects = ProvisionQuerySet.as_manager()

    class Meta:
        ordering = ["client", "-applied_on", "-id"]
        verbose_name = _("voorziening")
        verbose_name_plural = _("voorzieningen")
        constraints = [
            models.CheckConstraint(
                condition=Q(decision="", decided_on__isnull=True)
                | (~Q(decision="") & Q(decided_on__gte=F("applied_on"))),
                name="provision_decided_on_with_decision",
            ),
            models.CheckConstraint(
                condition=Q(decision="granted", valid_from__isnull=False)
                | (~Q(decision="granted") & Q(valid_from__isnull=True, valid_until__isnull=True)),
                name="provision_valid_when_granted",
            ),
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True) | Q(valid_until__gte=F("valid_from")),
                name="provision_valid_until_after_from",
            ),
            models.CheckConstraint(
                condition=Q(wage_value_percent__isnull=True)
                | Q(kind="wage_dispensation", wage_value_percent__lte=100),
                name="provision_wage_value_for_dispensation",
            ),
            models.CheckConstraint(
                condition=~Q(kind="wage_dispensation", decision="granted")
                | Q(wage_value_percent__isnull=False),
                name="provision_granted_dispensation_has_wage_value",
            ),
            models.CheckConstraint(
                condition=Q(review_on__isnull=True) | Q(review_on__gte=F("applied_on")),
                name="provision_review_after_application",
            ),
        ]
        indexes = [
            models.Index(fields=["kind", "decision", "valid_from"], name="provision_kind_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} voor {self.client}"
