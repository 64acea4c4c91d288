"""Rows of the social map and referrals for tests, made directly (the services have tests of
their own)."""

import datetime

import factory

from referrals.models import Organisation, Referral
from tests.factories import ClientFactory


class OrganisationFactory(factory.django.DjangoModelFactory[Organisation]):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Schuldhulp {n}")
    kind = Organisation.Kind.DEBT_HELP
    region = "Utrecht"


class ReferralFactory(factory.django.DjangoModelFactory[Referral]):
    """A client referred on 2024-03-01 (consent the same day), to be followed up in April."""

    class Meta:
        model = Referral

    client = factory.SubFactory(ClientFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    referred_on = datetime.date(2024, 3, 1)
    consent_on = datetime.date(2024, 3, 1)
    status = Referral.Status.REFERRED
    follow_up_on = datetime.date(2024, 4, 12)
