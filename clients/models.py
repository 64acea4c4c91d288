"""The Wajonger's file: the client and who is their fixed contact person over time."""

from typing import TYPE_CHECKING, Any, NoReturn

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from common.fields import limited_text, staff_member
from common.plausible import long_date
from common.querysets import AppendOnlyQuerySet

from .permissions import may_see_every_client_file
from .querysets import HAS_WORK_CAPACITY, ClientQuerySet
from .validators import validate_bsn, validate_phone, validate_postcode

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from accounts.models import User


class Channel(models.TextChoices):
    """How the client prefers to be reached."""

    PHONE = "phone", _("Telefoon")
    EMAIL = "email", _("E-mail")
    LETTER = "letter", _("Brief")
    IN_PERSON = "in_person", _("Persoonlijk")
    VIDEO = "video", _("Video")


class Regime(models.TextChoices):
    OWAJONG = "owajong", _("oWajong (aanvraag vóór 2010)")
    WAJONG2010 = "wajong2010", _("Wajong 2010")
    WAJONG2015 = "wajong2015", _("Wajong 2015")


class LeavingReason(models.TextChoices):
    """Why the client left the benefit (`out_of_service_on`)."""

    RETIREMENT = "retirement", _("Pensioen")
    DEATH = "death", _("Overleden")
    LASTING_NONE = "lasting_none", _("Duurzaam geen arbeidsvermogen")
    RECOVERED_WORK = "recovered_work", _("Duurzaam aan het werk")
    DETENTION = "detention", _("Detentie")
    ABROAD = "abroad", _("Naar het buitenland")
    OTHER = "other", _("Anders")


class Client(models.Model):
    bsn = models.CharField(
        _("BSN"),
        max_length=9,
        unique=True,
        validators=[validate_bsn],
        error_messages={"unique": _("Er is al een cliënt met dit BSN.")},
    )
    first_name = models.CharField(_("voornaam"), max_length=100)
    last_name = models.CharField(_("achternaam"), max_length=100)
    date_of_birth = models.DateField(_("geboortedatum"))
    regime = models.CharField(_("regeling"), max_length=12, choices=Regime.choices)
    has_work_capacity = models.BooleanField(_("heeft arbeidsvermogen"), default=True)
    in_service_since = models.DateField(_("in zorg sinds"))
    out_of_service_on = models.DateField(_("uit zorg per"), null=True, blank=True)
    # Required with `out_of_service_on` from its introduction on; older rows may lack it.
    out_of_service_reason = models.CharField(
        _("reden uit zorg"), max_length=20, choices=LeavingReason.choices, blank=True
    )
    team = models.ForeignKey(
        "accounts.Team", verbose_name=_("team"), on_delete=models.PROTECT, related_name="clients"
    )
    # The current fixed contact person; CaseworkerAssignment keeps who it was when.
    caseworker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("vaste contactpersoon"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="clients",
    )
    # Optimistic locking: every change increments it; a write carrying an older one is refused.
    version = models.PositiveIntegerField(_("versie"), default=1, editable=False)
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)
    # How to reach the client: shown in the file's header, kept with history like the rest.
    phone = models.CharField(
        _("telefoonnummer"), max_length=20, blank=True, validators=[validate_phone]
    )
    email = models.EmailField(_("e-mailadres"), max_length=254, blank=True)
    street_address = models.CharField(_("straat en huisnummer"), max_length=120, blank=True)
    postcode = models.CharField(
        _("postcode"), max_length=7, blank=True, validators=[validate_postcode]
    )
    city = models.CharField(_("woonplaats"), max_length=80, blank=True)
    preferred_channel = models.CharField(
        _("voorkeurskanaal"), max_length=10, choices=Channel.choices, blank=True
    )
    history = HistoricalRecords()

    objects = ClientQuerySet.as_manager()

    class Meta:
        ordering = ["last_name", "first_name", "id"]
        verbose_name = _("cliënt")
        verbose_name_plural = _("cliënten")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(out_of_service_on__isnull=True)
                | models.Q(out_of_service_on__gt=models.F("in_service_since")),
                name="client_out_of_service_after_in_service",
            ),
            models.CheckConstraint(
                condition=models.Q(version__gte=1), name="client_version_positive"
            ),
        ]
        indexes = [
            models.Index(fields=["team", "last_name"], name="client_team_name_idx"),
            models.Index(fields=["caseworker", "last_name"], name="client_caseworker_name_idx"),
            # Every column a caseload's stamp (`clients.stamps`) asks of a client: read from
            # the index alone, where 450 clients spread over as many heap pages cost 3-4 ms.
            models.Index(
                fields=["caseworker", "team", "out_of_service_on", "id"],
                name="client_caseload_scope_idx",
            ),
            models.Index(fields=["last_name", "first_name"], name="client_name_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def listed_name(self) -> str:
        """The name as lists and exports sort it: "Smit, Anna"."""
        return f"{self.last_name}, {self.first_name}"

    @property
    def masked_bsn(self) -> str:
        return mask_bsn(self.bsn)


def mask_bsn(bsn: str) -> str:
    """How a BSN is shown wherever the full number has not been asked for: the last four."""
    return f"*****{str(bsn)[-4:]}"


class ClientStamp(models.Model):
    """When anything in a client's file last changed, as a number from one sequence that only
    grows: written by the database (PostgreSQL triggers on the client and the tables a list
    or a file shows, migration 0013), never by Django, so that bulk SQL is seen as well.

    A screen built from a set of clients may be kept in the cache under a digest of the set's
    (client, stamp) pairs: any change to one of them, and any client joining or leaving it,
    changes the digest. The row of client 0 stamps every client at once: a statement that
    touched very many writes it instead (migration 0014). SQLite keeps no stamps.
    """

    # No foreign key: a client's last rows may be deleted after the client itself was.
    client = models.OneToOneField(
        Client,
        primary_key=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="stamp",
    )
    stamp = models.BigIntegerField()

    class Meta:
        default_permissions = ()

    def __str__(self) -> str:
        return f"{self.client_id}: {self.stamp}"


class CaseworkerAssignment(models.Model):
    """Who was the client's fixed contact person from `started_on` up to `ended_on` (exclusive)."""

    client = models.ForeignKey(
        Client, verbose_name=_("cliënt"), on_delete=models.CASCADE, related_name="assignments"
    )
    caseworker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("casemanager"),
        on_delete=models.PROTECT,
        related_name="assignments",
    )
    started_on = models.DateField(_("vanaf"))
    ended_on = models.DateField(_("tot"), null=True, blank=True)
    handover_note = limited_text(_("overdrachtsnotitie"), max_length=5000, blank=True)
    assigned_by = staff_member(_("toegewezen door"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["client", "started_on", "id"]
        verbose_name = _("toewijzing casemanager")
        verbose_name_plural = _("toewijzingen casemanager")
        constraints = [
            models.UniqueConstraint(
                fields=["client"],
                condition=models.Q(ended_on__isnull=True),
                name="assignment_one_open_per_client",
            ),
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True)
                | models.Q(ended_on__gte=models.F("started_on")),
                name="assignment_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.client} → {self.caseworker} ({long_date(self.started_on)})"


class TeamAssignment(models.Model):
    """In which team the client was from `started_on` up to `ended_on` (exclusive): the team a
    figure for a past day counts the client in. `Client.team` is the current one."""

    client = models.ForeignKey(
        Client, verbose_name=_("cliënt"), on_delete=models.CASCADE, related_name="team_periods"
    )
    team = models.ForeignKey(
        "accounts.Team", verbose_name=_("team"), on_delete=models.PROTECT, related_name="+"
    )
    started_on = models.DateField(_("vanaf"))
    ended_on = models.DateField(_("tot"), null=True, blank=True)
    assigned_by = staff_member(_("toegewezen door"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["client", "started_on", "id"]
        verbose_name = _("teamperiode")
        verbose_name_plural = _("teamperiodes")
        constraints = [
            models.UniqueConstraint(
                fields=["client"],
                condition=models.Q(ended_on__isnull=True),
                name="team_period_one_open_per_client",
            ),
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True)
                | models.Q(ended_on__gte=models.F("started_on")),
                name="team_period_ends_after_start",
            ),
        ]
        indexes = [
            models.Index(fields=["client", "started_on"], name="team_period_client_start"),
            models.Index(fields=["team", "started_on"], name="team_period_team_start"),
        ]

    def __str__(self) -> str:
        return f"{self.client} → {self.team} ({long_date(self.started_on)})"


class WorkCapacity(models.TextChoices):
    """The outcome of a decision on the client's work capacity."""

    HAS = HAS_WORK_CAPACITY, _("Heeft arbeidsvermogen")
    LASTING_NONE = "lasting_none", _("Duurzaam geen arbeidsvermogen")


class WorkCapacityDecision(models.Model):
    """A decision on the client's work capacity, in force from `decided_on` up to the next
    decision (`superseded_on`, exclusive; empty for the one in force now). The figures for a
    day use the decision in force that day; `Client.has_work_capacity` is the current one."""

    client = models.ForeignKey(
        Client,
        verbose_name=_("cliënt"),
        on_delete=models.CASCADE,
        related_name="capacity_decisions",
    )
    decided_on = models.DateField(_("besloten op"))
    outcome = models.CharField(_("uitkomst"), max_length=20, choices=WorkCapacity.choices)
    basis = limited_text(_("onderbouwing"), max_length=2000, blank=True)
    superseded_on = models.DateField(_("vervangen per"), null=True, blank=True, editable=False)
    decided_by = staff_member(_("vastgelegd door"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["client", "decided_on", "id"]
        verbose_name = _("besluit arbeidsvermogen")
        verbose_name_plural = _("besluiten arbeidsvermogen")
        constraints = [
            models.UniqueConstraint(
                fields=["client", "decided_on"], name="capacity_decision_one_per_day"
            ),
            models.UniqueConstraint(
                fields=["client"],
                condition=models.Q(superseded_on__isnull=True),
                name="capacity_decision_one_in_force",
            ),
            models.CheckConstraint(
                condition=models.Q(superseded_on__isnull=True)
                | models.Q(superseded_on__gt=models.F("decided_on")),
                name="capacity_decision_superseded_later",
            ),
        ]
        indexes = [
            models.Index(fields=["client", "decided_on"], name="capacity_decision_client_day"),
        ]

    def __str__(self) -> str:
        return f"{self.client}: {self.get_outcome_display()} ({long_date(self.decided_on)})"


class Reassessment(models.Model):
    """A request to assess the client's work capacity again (herbeoordeling), decided later;
    its decision is a `WorkCapacityDecision`."""

    client = models.ForeignKey(
        Client, verbose_name=_("cliënt"), on_delete=models.CASCADE, related_name="reassessments"
    )
    requested_on = models.DateField(_("aangevraagd op"))
    reason = limited_text(_("reden"), max_length=2000)
    # The practical assessment it rests on, when there is one (a trajectory or a report).
    practical_assessment = models.CharField(_("praktijkonderzoek"), max_length=200, blank=True)
    requested_by = staff_member(_("aangevraagd door"))
    decision = models.OneToOneField(
        WorkCapacityDecision,
        verbose_name=_("besluit"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reassessment",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["client", "requested_on", "id"]
        verbose_name = _("herbeoordeling")
        verbose_name_plural = _("herbeoordelingen")

    def __str__(self) -> str:
        return f"{self.client}: {_('herbeoordeling')} ({long_date(self.requested_on)})"


class ImportRun(models.Model):
    """One run of the client import, a dry run or a real one: who, when, which file, how many
    rows and errors. Evidence, like the read log: added, never changed or removed."""

    at = models.DateTimeField(_("tijdstip"), auto_now_add=True, db_index=True)
    # Empty for `manage.py import_clients`, run by someone with access to the server.
    user = staff_member(_("medewerker"))
    filename = models.CharField(_("bestand"), max_length=255)
    dry_run = models.BooleanField(_("alleen gecontroleerd"))
    row_count = models.PositiveIntegerField(_("regels"))
    error_count = models.PositiveIntegerField(_("fouten"))

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("importrun")
        verbose_name_plural = _("importruns")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.user or '-'} {self.filename}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise PermissionError("Een importrun kan niet worden gewijzigd.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise PermissionError("Een importrun kan niet worden verwijderd.")


class ClientOwnedQuerySet(models.QuerySet):
    """Records that belong to one client file are visible exactly when their client is."""

    def visible_to(self, user: "User | AnonymousUser | None") -> "ClientOwnedQuerySet":
        if user is not None and may_see_every_client_file(user):
            # Every client, so every record: no look at the clients, and counting a long list
            # (an API page's `count`) reads one table instead of joining a million rows.
            return self
        return self.filter(client__in=Client.objects.visible_to(user))
