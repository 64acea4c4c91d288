"""Finding 1 of the attack: the functional administrator could make themselves superuser, or
set any user's password, in the admin. Roles come only through the role and team fields."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from accounts.models import User
from accounts.roles import Role
from accounts.selectors import roles_of
from tests.factories import CaseworkerFactory, TeamFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def beheerder(client):
    user = UserFactory.create(username="fb.admin", role="functional_admin", is_staff=True)
    client.force_login(user)
    return user


def change_url(user: User) -> str:
    return reverse("admin:accounts_user_change", args=[user.pk])


def form_data(user: User, **changes) -> dict:
    data = {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": "",
        "is_active": "on",
        "function": user.function,
        "fte": "1.00",
        "role": roles_of(user)[0].value if roles_of(user) else "",
        # what the page before this fix asked as well, so an attack on it would have saved
        "date_joined_0": "2026-01-01",
        "date_joined_1": "09:00:00",
        "memberships-TOTAL_FORMS": "0",
        "memberships-INITIAL_FORMS": "0",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def test_the_user_page_offers_no_superuser_flag_groups_permissions_or_password(client, beheerder):
    caseworker = CaseworkerFactory.create(team=TeamFactory.create())
    html = client.get(change_url(caseworker)).content.decode()

    assert 'name="role"' in html
    for field in ("is_superuser", "groups", "user_permissions", "is_staff"):
        assert f'name="{field}"' not in html
    assert "password/" not in html


def test_posting_the_superuser_flag_for_yourself_changes_nothing(client, beheerder):
    auditors = Group.objects.get(name=Role.AUDITOR.value)
    response = client.post(
        change_url(beheerder),
        form_data(beheerder, first_name="Bea", is_superuser="on", groups=[auditors.pk]),
    )

    assert response.status_code == 302
    beheerder.refresh_from_db()
    assert beheerder.first_name == "Bea"  # the rest of the form was saved
    assert not beheerder.is_superuser
    assert not beheerder.user_permissions.exists()


def test_a_functional_administrator_cannot_change_their_own_role(client, beheerder):
    auditors = Group.objects.get(name=Role.AUDITOR.value)
    response = client.post(
        change_url(beheerder),
        form_data(beheerder, role=Role.AUDITOR.value, groups=[auditors.pk]),
    )

    assert response.status_code == 302
    setattr(beheerder, "_roles", None)  # noqa: B010
    assert roles_of(beheerder) == [Role.FUNCTIONAL_ADMIN]


def test_another_users_password_is_for_superusers_only(client, beheerder):
    caseworker = CaseworkerFactory.create(team=TeamFactory.create())
    url = reverse("admin:auth_user_password_change", args=[caseworker.pk])
    new = "9!Rq-71#xvz-Kp3_ws6@m"  # nothing like the random names of the test users

    assert client.get(url).status_code == 403
    assert client.post(url, {"password1": new, "password2": new}).status_code == 403
    caseworker.refresh_from_db()
    assert not caseworker.check_password(new)


def test_a_functional_administrator_gives_a_caseworker_a_role_and_teams(client, beheerder):
    first, second = TeamFactory.create(name="Team A"), TeamFactory.create(name="Team B")
    caseworker = CaseworkerFactory.create(team=first)

    response = client.post(
        change_url(caseworker),
        form_data(
            caseworker,
            role=Role.TEAM_MANAGER.value,
            teams=[first.pk, second.pk],
            change_reason="Nieuwe teammanager",
        ),
    )

    assert response.status_code == 302
    setattr(caseworker, "_roles", None)  # noqa: B010
    assert roles_of(caseworker) == [Role.TEAM_MANAGER]
    assert set(caseworker.teams.all()) == {first, second}
    second.refresh_from_db()
    assert second.manager == caseworker
    assert second.history.first().history_change_reason == "Nieuwe teammanager"


@pytest.mark.parametrize("role", [Role.AUDITOR, Role.FUNCTIONAL_ADMIN])
def test_a_functional_administrator_cannot_hand_out_privileged_roles(client, beheerder, role):
    caseworker = CaseworkerFactory.create(team=TeamFactory.create())

    response = client.post(change_url(caseworker), form_data(caseworker, role=role.value))

    assert response.status_code == 200  # the form again, with the refusal
    setattr(caseworker, "_roles", None)  # noqa: B010
    assert roles_of(caseworker) == [Role.CASEWORKER]


@pytest.mark.parametrize("role", ["auditor", "functional_admin", "superuser"])
def test_a_functional_administrator_cannot_change_privileged_accounts(client, beheerder, role):
    if role == "superuser":
        other = UserFactory.create(username="root2", is_superuser=True, is_staff=True)
    else:
        other = UserFactory.create(username="other", role=role)

    response = client.post(change_url(other), form_data(other, is_active=None, first_name="X"))

    assert response.status_code == 403
    other.refresh_from_db()
    assert other.is_active and other.first_name != "X"


def test_a_superuser_still_sets_superuser_status_and_passwords(admin_client):
    caseworker = CaseworkerFactory.create(team=TeamFactory.create())
    url = reverse("admin:auth_user_password_change", args=[caseworker.pk])
    new = "9!Rq-71#xvz-Kp3_ws6@m"  # nothing like the random names of the test users

    response = admin_client.post(url, {"password1": new, "password2": new})

    assert response.status_code == 302
    caseworker.refresh_from_db()
    assert caseworker.check_password(new)
    assert 'name="is_superuser"' in admin_client.get(change_url(caseworker)).content.decode()


def test_a_functional_administrator_adds_a_caseworker_to_a_team(client, beheerder):
    team = TeamFactory.create(name="Team Noord")
    page = client.get(reverse("admin:accounts_user_add")).content.decode()
    assert 'value="auditor"' not in page and 'name="is_superuser"' not in page
    assert 'name="password1"' not in page  # the first password is a superuser's to set

    response = client.post(
        reverse("admin:accounts_user_add"),
        {
            "username": "ad.nieuw",
            "usable_password": "false",
            "function": "ad",
            "fte": "1.00",
            "role": Role.CASEWORKER.value,
            "teams": [team.pk],
        },
    )

    assert response.status_code == 302
    user = User.objects.get(username="ad.nieuw")
    assert roles_of(user) == [Role.CASEWORKER]
    assert list(user.teams.all()) == [team]
    assert not user.is_staff


def test_a_functional_administrator_cannot_give_a_new_account_a_password(client, beheerder):
    """Whoever chooses the password could sign in as the new team manager."""
    team = TeamFactory.create(name="Team Zuid")
    chosen = "Een-zelfgekozen-wachtwoord-55"

    response = client.post(
        reverse("admin:accounts_user_add"),
        {
            "username": "pop",
            "usable_password": "true",
            "password1": chosen,
            "password2": chosen,
            "fte": "1.00",
            "role": Role.TEAM_MANAGER.value,
            "teams": [team.pk],
        },
    )

    assert response.status_code == 302
    user = User.objects.get(username="pop")
    assert not user.has_usable_password() and not user.check_password(chosen)


@pytest.mark.parametrize("role", [Role.CASEWORKER, Role.TEAM_MANAGER])
def test_a_manager_moved_or_demoted_no_longer_sees_the_old_team(client, role):
    from accounts.services import set_role_and_teams
    from clients.models import Client
    from tests.factories import ClientFactory

    old, new = TeamFactory.create(name="Team Oud"), TeamFactory.create(name="Team Nieuw")
    manager = UserFactory.create(username="tm.oud", role="team_manager", team=old)
    set_role_and_teams(user=manager, role=Role.TEAM_MANAGER, teams=[old], by=None, change_reason="")
    their_client = ClientFactory.create(team=old)

    set_role_and_teams(user=manager, role=role, teams=[new], by=None, change_reason="Verhuisd")

    old.refresh_from_db()
    assert old.manager is None
    assert not Client.objects.visible_to(manager).filter(pk=their_client.pk).exists()
    client.force_login(manager)
    assert client.get(f"/clienten/{their_client.pk}/").status_code == 404
