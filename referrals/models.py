"""The social map (organisations a client is referred to) and the referrals to it."""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from common.fields import limited_text, staff_member

from .querysets import OPEN_STATUSES, OrganisationQuerySet, ReferralQuerySet


class Organisation(models.Model):
    """An organisation on the social map of a region, kept by the functional administrator."""

    class Kind(models.TextChoices):
        DEBT_HELP = "debt_help", _("Schuldhulpverlening")
        MENTAL_HEALTH = "mental_health", _("Geestelijke gezondheidszorg")
        SOCIAL_WORK = "social_work", _("Maatschappelijk werk")
        ADDICTION_CARE = "addiction_care", _("Verslavingszorg")
        HOUSING = "housing", _("Wonen")
        MUNICIPALITY = "municipality", _("Gemeente")
        OTHER = "other", _("Anders")

    name = models.CharField(_("naam"), max_length=200)
    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices)
    region = models.CharField(
        _("regio"), max_length=100, help_text=_("De regio waarin de organisatie werkt.")
    )
    active = models.BooleanField(_("actief"), default=True)
    phone = models.CharField(_("telefoon"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True)
    history = HistoricalRecords()

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering = ["region", "name", "id"]
        verbose_name = _("organisatie op de sociale kaart")
        verbose_name_plural = _("sociale kaart")
        constraints = [
            models.UniqueConstraint(
                fields=["region", "name"],
                name="organisation_unique_name_in_region",
                violation_error_message=_("Deze regio heeft al een organisatie met deze naam."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.region})"


class Referral(models.Model):
    """A client referred to an organisation on the social map (schakelfunctie), with the day
    the client consented to sharing data, the status and the day to follow it up."""

    class Status(models.TextChoices):
        REFERRED = "referred", _("Verwezen")
        WAITING = "waiting", _("Op wachtlijst")
        IN_CARE = "in_care", _("In zorg")
        FINISHED = "finished", _("Afgerond")
        DROPPED_OUT = "dropped_out", _("Uitgevallen")

    client = models.ForeignKey(
        "clients.Client",
        verbose_name=_("cliënt"),
        on_delete=models.CASCADE,
        related_name="referrals",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisatie"),
        on_delete=models.PROTECT,
        related_name="referrals",
    )
    referred_on = models.DateField(_("verwezen op"))
    consent_on = models.DateField(
        _("toestemming op"),
        help_text=_("De dag dat de cliënt toestemming gaf om gegevens te delen."),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.REFERRED
    )
    follow_up_on = models.DateField(_("nagaan op"), null=True, blank=True)
    note = limited_text(_("toelichting"), max_length=2000, blank=True)
    referred_by = staff_member(_("verwezen door"))
    history = HistoricalRecords()

    objects = ReferralQuerySet.as_manager()

    class Meta:
        ordering = ["client", "-referred_on", "-id"]
        verbose_name = _("doorverwijzing")
        verbose_name_plural = _("doorverwijzingen")
        constraints = [
            models.CheckConstraint(
                condition=Q(consent_on__lte=F("referred_on")),
                name="referral_consent_before_referral",
            ),
            models.CheckConstraint(
                condition=Q(follow_up_on__isnull=True) | Q(follow_up_on__gte=F("referred_on")),
                name="referral_follow_up_after_referral",
            ),
            models.CheckConstraint(
                condition=Q(status__in=OPEN_STATUSES) | Q(follow_up_on__isnull=True),
                name="referral_closed_has_no_follow_up",
            ),
        ]
        indexes = [
            models.Index(fields=["follow_up_on", "status"], name="referral_follow_up_idx"),
            models.Index(fields=["referred_on"], name="referral_referred_on_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.client} naar {self.organisation.name}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES
