"""Employers, jobs with their renewals, and provisions over the API (API.md, "Work")."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from clients.api.fields import ClientField
from common.serializers import (
    PlausibleDateField,
    RequestPatternField,
    StrictModelSerializer,
    StrictSerializer,
)
from interventions.models import Trajectory
from work.models import Contract, Employer, Job, JobRenewal, Provision
from work.services import jobs, provisions
from work.validators import (
    JOB_DATES,
    PAYROLL_TAX_NUMBER_PATTERN,
    PROVISION_DATES,
    RENEWAL_DATES,
)

from .fields import BlankAsNullChoiceField, HoursField, VisibleRecordField


class EmployerSerializer(StrictModelSerializer):
    """An employer, known by its payroll tax number; any caseworker may add one."""

    payroll_tax_number = RequestPatternField(
        pattern=PAYROLL_TAX_NUMBER_PATTERN,
        max_length=12,
        help_text=_(
            "Loonheffingennummer: 9 cijfers, L, 2 cijfers (uniek) / payroll tax number, e.g. "
            "123456789L01 (unique)"
        ),
    )
    kvk_number = RequestPatternField(
        pattern=r"^(?:[0-9]{8})?$",
        max_length=8,
        required=False,
        allow_blank=True,
        help_text=_("KvK-nummer: 8 cijfers (mag leeg) / Chamber of Commerce number (optional)"),
    )

    class Meta:
        model = Employer
        fields = ["id", "name", "payroll_tax_number", "kvk_number"]
        extra_kwargs = {"name": {"help_text": _("Naam van de werkgever / the employer's name")}}


class RenewalSerializer(StrictModelSerializer):
    class Meta:
        model = JobRenewal
        fields = ["renewed_on", "new_planned_end_on", "made_permanent"]
        read_only_fields = fields
        extra_kwargs = {
            "renewed_on": {"help_text": _("Verlengd op / renewed on")},
            "new_planned_end_on": {
                "help_text": _("Nieuwe geplande einddatum (leeg: vast) / new planned end")
            },
            "made_permanent": {"help_text": _("Vast contract geworden / made permanent")},
        }


JOB_HELP = {
    "kind": _("Soort werk: regular, sheltered (Wsw), self_employed / kind of work"),
    "started_on": _("Eerste werkdag / first day worked"),
    "planned_end_on": _(
        "Geplande einddatum: nodig bij een tijdelijk of uitzendcontract, na verlengingen / "
        "planned end: required for temporary and agency contracts, after renewals"
    ),
    "ended_on": _("Laatste werkdag (inclusief; leeg: loopt nog) / last day worked (inclusive)"),
    "placed_by": _("Geplaatst door: uwv, provider, self / placed by"),
}


class JobFields(StrictModelSerializer):
    """The fields of a job that a request sends (POST: all; PATCH: those that change)."""

    employer = serializers.PrimaryKeyRelatedField(
        queryset=Employer.objects.all(),
        allow_null=True,
        required=False,
        help_text=_("Werkgever (id); leeg bij zelfstandig werk / employer (id)"),
    )
    contract = BlankAsNullChoiceField(
        choices=Contract.choices,
        required=False,
        help_text=_("Contract: permanent, temporary, agency; null bij zelfstandig / contract"),
    )
    hours_per_week = HoursField(
        required=False, allow_null=True, help_text=_("Uren per week, bv. 24.5 / hours per week")
    )
    end_reason = BlankAsNullChoiceField(
        choices=Job.EndReason.choices,
        required=False,
        help_text=_("Reden van einde, bij een laatste werkdag / why the job ended"),
    )
    trajectory = VisibleRecordField(
        model=Trajectory,
        unknown=_("Onbekend traject."),
        allow_null=True,
        required=False,
        help_text=_("Het traject dat tot dit werk leidde (id) / the trajectory that led to it"),
    )

    plausible_dates = JOB_DATES

    class Meta:
        model = Job
        fields = list(jobs.CORRECTABLE)  # what a POST gives and a PATCH may correct
        extra_kwargs = {name: {"help_text": text} for name, text in JOB_HELP.items()}


class JobSerializer(JobFields):
    """A client's job. POST records it, a past one whole (with `ended_on` and `end_reason`).
    An employer job names its employer and contract; temporary and agency contracts have a
    planned end. `is_placement`: an employer job started by a client who did not work the day
    before. `renewals` are added with POST on the job's `renewals/`."""

    client = ClientField()
    is_placement = serializers.BooleanField(
        read_only=True, help_text=_("Is een plaatsing (alleen lezen) / is a placement")
    )
    renewals = RenewalSerializer(
        many=True, read_only=True, help_text=_("Contractverlengingen / contract renewals")
    )

    class Meta(JobFields.Meta):
        fields = ["id", "client", *JobFields.Meta.fields, "is_placement", "renewals"]


class JobChangeSerializer(JobFields):
    """PATCH on a job: `ended_on` with `end_reason` ends a running job; other fields sent are
    corrections. Once renewed, a job's contract and planned end follow its renewals."""


class RenewalRequestSerializer(StrictSerializer):
    """A renewal: extended to `new_planned_end_on` (later than the job's planned end now), or
    `made_permanent`."""

    renewed_on = PlausibleDateField(
        plausible=RENEWAL_DATES["renewed_on"],
        help_text=_("Verlengd op (vandaag of eerder) / renewed on (today or earlier)"),
    )
    new_planned_end_on = PlausibleDateField(
        plausible=RENEWAL_DATES["new_planned_end_on"],
        required=False,
        allow_null=True,
        help_text=_("Nieuwe geplande einddatum / new planned end"),
    )
    made_permanent = serializers.BooleanField(
        default=False, help_text=_("Vast contract geworden / made permanent")
    )


PROVISION_HELP = {
    "kind": _(
        "Soort: job_coach, wage_dispensation, no_risk_policy, transport, workplace_adaptation, "
        "other / kind of provision"
    ),
    "applicant": _("Aanvrager: client, employer / applicant"),
    "applied_on": _("Aangevraagd op / applied on"),
    "decided_on": _("Besloten op (bij een besluit) / decided on"),
    "valid_from": _("Geldig vanaf (bij toekenning) / valid from (when granted)"),
    "valid_until": _("Geldig tot en met / valid until (inclusive)"),
    "review_on": _(
        "Herbeoordelen op; verplicht bij toegekende loondispensatie / review on; required for "
        "a granted wage dispensation"
    ),
}


class ProvisionFields(StrictModelSerializer):
    job = VisibleRecordField(
        model=Job,
        unknown=_("Onbekend werk."),
        allow_null=True,
        required=False,
        help_text=_("Het werk waarvoor de voorziening is (id) / the job it serves"),
    )
    decision = BlankAsNullChoiceField(
        choices=Provision.Decision.choices,
        required=False,
        help_text=_("Besluit: granted, refused, withdrawn; null zolang het loopt / decision"),
    )
    wage_value_percent = serializers.IntegerField(
        min_value=0,
        max_value=100,
        required=False,
        allow_null=True,
        help_text=_("Loonwaarde in % (loondispensatie) / wage value in % (wage dispensation)"),
    )

    plausible_dates = PROVISION_DATES

    class Meta:
        model = Provision
        fields = list(provisions.CORRECTABLE)  # what a POST gives and a PATCH may change
        extra_kwargs = {name: {"help_text": text} for name, text in PROVISION_HELP.items()}


class ProvisionChangeSerializer(ProvisionFields):
    """PATCH on a provision: a decision (with `decided_on`; granted: `valid_from`, and for wage
    dispensation the wage value and review date), or corrections."""


class ProvisionSerializer(ProvisionFields):
    """A provision: applied for (pending while `decision` is null), decided, valid. POST
    records an application, a past one whole with its decision; PATCH decides or corrects."""

    client = ClientField()

    class Meta(ProvisionFields.Meta):
        fields = ["id", "client", *ProvisionFields.Meta.fields]
