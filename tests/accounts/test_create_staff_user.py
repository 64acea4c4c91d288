"""`manage.py create_staff_user`: one role, named teams (created when new), safe to repeat."""

import io

import pytest
from django.core.management import CommandError, call_command

from accounts.models import Team, User
from accounts.roles import Role
from accounts.selectors import roles_of, teams_of

pytestmark = pytest.mark.django_db
STRONG = "lang-en-sterk-wachtwoord-2026"


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("create_staff_user", *args, stdout=out)
    return out.getvalue()


def test_a_new_caseworker_in_a_new_team():
    output = run("ad.nieuw", "--role", "caseworker", "--team", "Team Zwolle", "--password", STRONG)

    user = User.objects.get(username="ad.nieuw")
    assert "Aangemaakt" in output
    assert roles_of(user) == [Role.CASEWORKER]
    assert [t.name for t in teams_of(user)] == ["Team Zwolle"]
    assert user.check_password(STRONG) and not user.is_staff


def test_running_again_updates_role_and_teams_instead_of_failing():
    run("tm.een", "--role", "caseworker", "--team", "Team A", "--password", STRONG)

    output = run("tm.een", "--role", "team_manager", "--team", "Team B")

    user = User.objects.get(username="tm.een")
    assert "Bijgewerkt" in output
    assert roles_of(user) == [Role.TEAM_MANAGER]
    assert [t.name for t in user.teams.all()] == ["Team B"]
    assert Team.objects.get(name="Team B").manager == user
    assert user.check_password(STRONG)  # the password stays when none is given
    assert User.objects.filter(username="tm.een").count() == 1


def test_the_functional_administrator_may_use_the_admin():
    run("fb.een", "--role", "functional_admin")
    user = User.objects.get(username="fb.een")
    assert user.is_staff and not user.has_usable_password()


def test_a_weak_password_is_refused_and_nothing_is_saved():
    with pytest.raises(CommandError, match=r"te kort|too short|te algemeen"):
        run("ad.zwak", "--role", "auditor", "--password", "welkom")
    assert not User.objects.filter(username="ad.zwak").exists()


def test_a_caseworker_needs_a_team():
    with pytest.raises(CommandError, match="minstens één team"):
        run("ad.los", "--role", "caseworker")


def test_an_unknown_role_is_refused():
    with pytest.raises(CommandError):
        run("x", "--role", "directeur")


def test_the_change_is_in_the_history_with_its_reason():
    run("aud.een", "--role", "auditor", "--password", STRONG)
    assert User.history.filter(username="aud.een").first().history_change_reason == (
        "create_staff_user"
    )
