"""The "Doorverwijzingen" section of the client file and its quick forms."""

import datetime

import pytest
from django.utils import timezone

from referrals.models import Referral
from tests.referrals.factories import OrganisationFactory, ReferralFactory

pytestmark = pytest.mark.django_db


def file_of(client_file) -> str:
    return f"/clienten/{client_file.pk}/"


def test_the_file_lists_the_referrals_with_their_status(client, caseworker, client_file):
    ReferralFactory.create(
        client=client_file,
        organisation=OrganisationFactory.create(name="Buurtteam West"),
        status="waiting",
    )
    client.force_login(caseworker)
    page = client.get(file_of(client_file)).content.decode()
    assert 'id="doorverwijzingen"' in page
    assert "Buurtteam West" in page
    assert "utrecht-status-badge--warning" in page  # waiting


def test_the_form_offers_the_teams_region_first_and_refers(client, caseworker, client_file):
    elsewhere = OrganisationFactory.create(name="Aan de Amstel", region="Amsterdam")
    near = OrganisationFactory.create(name="Zorg dichtbij", region="Utrecht")
    OrganisationFactory.create(name="Gesloten", region="Utrecht", active=False)
    client.force_login(caseworker)
    url = f"/clienten/{client_file.pk}/doorverwijzingen/nieuw/"

    offered = list(client.get(url).context["form"].fields["organisation"].queryset)
    assert offered == [near, elsewhere]

    today = timezone.localdate().isoformat()
    response = client.post(
        url,
        {"organisation": near.pk, "referred_on": today, "consent_on": today, "note": "Samen"},
    )
    assert response.status_code == 302
    referral = Referral.objects.get()
    assert (referral.organisation, referral.referred_by) == (near, caseworker)


def test_consent_after_the_referral_stays_on_the_form(client, caseworker, client_file):
    organisation = OrganisationFactory.create()
    client.force_login(caseworker)
    response = client.post(
        f"/clienten/{client_file.pk}/doorverwijzingen/nieuw/",
        {"organisation": organisation.pk, "referred_on": "2025-03-03", "consent_on": "2025-03-04"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["consent_on"]
    assert not Referral.objects.exists()


def test_the_follow_up_form_records_status_and_next_date(client, caseworker, client_file):
    referral = ReferralFactory.create(client=client_file)
    later = timezone.localdate() + datetime.timedelta(days=21)
    client.force_login(caseworker)
    response = client.post(
        f"/clienten/{client_file.pk}/doorverwijzingen/{referral.pk}/nagaan/",
        {"status": "in_care", "follow_up_on": later.isoformat()},
    )
    assert response.status_code == 302
    referral.refresh_from_db()
    assert (referral.status, referral.follow_up_on) == ("in_care", later)


def test_reopening_without_a_reason_is_refused_on_the_form(client, caseworker, client_file):
    referral = ReferralFactory.create(client=client_file, status="finished", follow_up_on=None)
    later = timezone.localdate() + datetime.timedelta(days=21)
    client.force_login(caseworker)
    response = client.post(
        f"/clienten/{client_file.pk}/doorverwijzingen/{referral.pk}/nagaan/",
        {"status": "in_care", "follow_up_on": later.isoformat()},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["change_reason"]
