"""The social map and referrals over the API (API.md, "Work, ladder and referrals")."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from accounts.models import User
from clients.api.fields import ClientField
from common.serializers import StrictModelSerializer
from referrals.models import Organisation, Referral
from referrals.services import CHANGEABLE
from referrals.validators import REFERRAL_DATES


class OrganisationSerializer(StrictModelSerializer):
    """An organisation on the social map of a region."""

    class Meta:
        model = Organisation
        fields = ["id", "name", "kind", "region", "active", "phone", "email", "website"]
        extra_kwargs = {
            "name": {"help_text": _("Naam, uniek in de regio / name, unique in its region")},
            "kind": {
                "help_text": _(
                    "Soort: debt_help, mental_health, social_work, addiction_care, housing, "
                    "municipality, other / kind of organisation"
                )
            },
            "region": {"help_text": _("Regio waarin de organisatie werkt / region")},
            "active": {"help_text": _("Neemt nieuwe verwijzingen aan / takes new referrals")},
            "phone": {"help_text": _("Telefoonnummer (mag leeg) / phone number")},
            "email": {"help_text": _("E-mailadres (mag leeg) / e-mail address")},
            "website": {"help_text": _("Website (mag leeg) / website")},
        }


REFERRAL_HELP = {
    "referred_on": _("Verwezen op (vandaag of eerder) / referred on (today or earlier)"),
    "consent_on": _(
        "Dag van de toestemming om gegevens te delen, vóór of op de verwijsdatum / the day "
        "the client consented to sharing data, on or before the referral"
    ),
    "status": _(
        "Status: referred, waiting, in_care, finished, dropped_out; een afgesloten verwijzing "
        "heropenen vraagt een X-Change-Reason / status; reopening a closed one needs a reason"
    ),
    "follow_up_on": _(
        "Nagaan op: nodig zolang de verwijzing loopt (leeg bij een nieuwe: zes weken na de "
        "verwijzing), leeg als ze is afgesloten / follow-up date of an open referral"
    ),
    "note": _("Toelichting / note"),
}


class ReferralFields(StrictModelSerializer):
    """The fields of a referral a request sends (POST: all; PATCH: those that change)."""

    organisation = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.all(),
        help_text=_("Organisatie op de sociale kaart (id) / organisation (id)"),
    )

    plausible_dates = REFERRAL_DATES

    class Meta:
        model = Referral
        fields = list(CHANGEABLE)
        extra_kwargs = {name: {"help_text": text} for name, text in REFERRAL_HELP.items()}


class ReferralChangeSerializer(ReferralFields):
    """PATCH on a referral: a new status (a closed one loses its follow-up date), a new
    follow-up date (today or later), or corrections."""


class ReferralSerializer(ReferralFields):
    """A client referred to an organisation on the social map."""

    client = ClientField()
    referred_by: serializers.PrimaryKeyRelatedField[User] = serializers.PrimaryKeyRelatedField(
        read_only=True,
        allow_null=True,
        help_text=_("Verwezen door (medewerker-id) / referred by (user id)"),
    )

    class Meta(ReferralFields.Meta):
        fields = ["id", "client", *ReferralFields.Meta.fields, "referred_by"]
