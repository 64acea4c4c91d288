"""The social map and referrals over the API, as API.md names them."""

import datetime

import pytest
from django.utils import timezone

from audit.models import AccessLog
from referrals.models import Organisation, Referral
from tests.api_client import api_as
from tests.factories import ClientFactory, UserFactory
from tests.referrals.factories import ReferralFactory

pytestmark = pytest.mark.django_db
D = datetime.date
MAP, REFERRALS = "/api/v1/social-map/", "/api/v1/referrals/"


@pytest.fixture
def functional_admin(db):
    return UserFactory.create(username="fb", role="functional_admin")


def a_referral(client, organisation, **changes) -> dict:
    return {
        "client": client.pk,
        "organisation": organisation.pk,
        "referred_on": "2025-09-01",
        "consent_on": "2025-08-28",
        "follow_up_on": "2025-10-01",
        "note": "Samen gebeld",
    } | changes


# The social map ---------------------------------------------------------------------------


def test_a_functional_administrator_adds_an_organisation(functional_admin):
    response = api_as(functional_admin).post(
        MAP,
        {"name": "Buurtteam Zuid", "kind": "social_work", "region": "Utrecht"},
        format="json",
        HTTP_X_CHANGE_REASON="Nieuw buurtteam",
    )
    assert response.status_code == 201, response.json()
    assert response.json()["active"] is True
    stored = Organisation.objects.get()
    assert stored.history.get().history_change_reason == "Nieuw buurtteam"


def test_a_caseworker_reads_the_map_but_adds_nothing(caseworker, organisation):
    api = api_as(caseworker)
    listed = api.get(MAP, {"region": "Utrecht"}).json()["results"]
    assert [o["name"] for o in listed] == ["Schuldhulp Utrecht"]
    refused = api.post(MAP, {"name": "X", "kind": "other", "region": "Utrecht"}, format="json")
    assert refused.status_code == 403
    assert Organisation.objects.count() == 1


def test_an_unknown_kind_is_refused_on_its_field(functional_admin):
    response = api_as(functional_admin).post(
        MAP, {"name": "X", "kind": "bank", "region": "Utrecht"}, format="json"
    )
    assert response.status_code == 400
    assert set(response.json()) == {"kind"}


def test_a_second_organisation_of_that_name_in_the_region_is_refused(
    functional_admin, organisation
):
    response = api_as(functional_admin).post(
        MAP, {"name": organisation.name, "kind": "other", "region": "Utrecht"}, format="json"
    )
    assert response.status_code == 400


# Referrals --------------------------------------------------------------------------------


def test_a_caseworker_refers_a_client_and_the_read_is_logged(caseworker, client_file, organisation):
    api = api_as(caseworker)
    response = api.post(
        REFERRALS,
        a_referral(client_file, organisation),
        format="json",
        HTTP_X_CHANGE_REASON="Schulden",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["status"], body["referred_by"]) == ("referred", caseworker.pk)
    referral = Referral.objects.get()
    assert referral.history.get().history_change_reason == "Schulden"
    assert AccessLog.objects.filter(user=caseworker, client=client_file).exists()


def test_consent_after_the_referral_is_refused_on_its_field(caseworker, client_file, organisation):
    response = api_as(caseworker).post(
        REFERRALS, a_referral(client_file, organisation, consent_on="2025-09-02"), format="json"
    )
    assert response.status_code == 400
    assert set(response.json()) == {"consent_on"}
    assert not Referral.objects.exists()


def test_a_referral_in_the_year_9999_is_refused_on_its_field(caseworker, client_file, organisation):
    response = api_as(caseworker).post(
        REFERRALS, a_referral(client_file, organisation, referred_on="9999-01-01"), format="json"
    )
    assert response.status_code == 400
    assert "referred_on" in response.json()


def test_another_teams_client_is_unknown(caseworker, organisation):
    stranger = ClientFactory.create()
    response = api_as(caseworker).post(REFERRALS, a_referral(stranger, organisation), format="json")
    assert response.status_code == 400
    assert "client" in response.json()
    other = ReferralFactory.create(client=stranger)
    assert api_as(caseworker).get(f"{REFERRALS}{other.pk}/").status_code == 404


def test_the_filters_find_status_and_due_follow_ups(caseworker, client_file):
    due = ReferralFactory.create(client=client_file, follow_up_on=D(2025, 5, 1))
    ReferralFactory.create(client=client_file, follow_up_on=D(2025, 5, 2))
    ReferralFactory.create(client=client_file, status="finished", follow_up_on=None)
    api = api_as(caseworker)

    by_day = api.get(REFERRALS, {"follow_up_before": "2025-05-01"}).json()["results"]
    finished = api.get(REFERRALS, {"status": "finished", "client": client_file.pk}).json()
    assert [r["id"] for r in by_day] == [due.pk]
    assert finished["count"] == 1
    assert api.get(REFERRALS, {"follow_up_before": "gisteren"}).status_code == 400


def test_patch_closes_a_referral_and_reopening_needs_a_reason(caseworker, client_file):
    referral = ReferralFactory.create(client=client_file, status="in_care")
    api = api_as(caseworker)
    url = f"{REFERRALS}{referral.pk}/"

    closed = api.patch(url, {"status": "finished"}, format="json")
    assert closed.status_code == 200, closed.json()
    assert (closed.json()["status"], closed.json()["follow_up_on"]) == ("finished", None)

    refused = api.patch(url, {"status": "in_care"}, format="json")
    assert refused.status_code == 400
    assert "change_reason" in refused.json()
    reopened = api.patch(url, {"status": "in_care"}, format="json", HTTP_X_CHANGE_REASON="Terug")
    assert reopened.status_code == 200
    assert reopened.json()["follow_up_on"] is not None


def test_patch_moves_the_follow_up(caseworker, client_file):
    referral = ReferralFactory.create(client=client_file)
    later = timezone.localdate() + datetime.timedelta(days=10)
    response = api_as(caseworker).patch(
        f"{REFERRALS}{referral.pk}/", {"follow_up_on": later.isoformat()}, format="json"
    )
    assert response.status_code == 200, response.json()
    referral.refresh_from_db()
    assert referral.follow_up_on == later


def test_an_auditor_reads_but_does_not_refer(client_file, organisation):
    auditor = UserFactory.create(username="aud", role="auditor")
    ReferralFactory.create(client=client_file)
    api = api_as(auditor)
    assert api.get(REFERRALS).json()["count"] == 1
    response = api.post(REFERRALS, a_referral(client_file, organisation), format="json")
    assert response.status_code == 403
