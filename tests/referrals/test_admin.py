"""The functional administrator keeps the social map in the admin."""

import pytest

from accounts.roles import Role
from referrals.models import Organisation
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
ADD = "/admin/referrals/organisation/add/"


def test_a_functional_administrator_adds_an_organisation_with_a_reason(client):
    user = UserFactory.create(username="fb", role=Role.FUNCTIONAL_ADMIN, is_staff=True)
    client.force_login(user)
    response = client.post(
        ADD,
        {
            "name": "Buurtteam Noord",
            "kind": "social_work",
            "region": "Utrecht",
            "active": "on",
            "change_reason": "Nieuw op de kaart",
        },
    )
    assert response.status_code == 302
    added = Organisation.objects.get()
    assert added.history.get().history_change_reason == "Nieuw op de kaart"
    assert client.get("/admin/referrals/referral/").status_code == 403  # no client files


def test_a_caseworker_does_not_keep_the_social_map(client):
    user = UserFactory.create(username="cw", role=Role.CASEWORKER, is_staff=True)
    client.force_login(user)
    assert client.get(ADD).status_code == 302  # the admin site is not theirs
