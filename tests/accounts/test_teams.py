"""One rule for team names on every route that makes or renames a team: trimmed, and unique
whatever the case, refused with one Dutch message (`accounts.services.create_team`)."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.urls import reverse

from accounts import services
from accounts.models import Team, User
from accounts.services import change_team, create_team
from tests.api_client import api_as
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
CLASH = "Er is al een team met deze naam."


@pytest.fixture
def noord(db):
    return create_team(name="Team Noord", by=None)


def test_a_new_team_name_is_trimmed_and_recorded_with_the_reason():
    team = create_team(name="  Team Zuid  ", by=None, change_reason="Nieuwe regio")

    assert team.name == "Team Zuid"
    assert team.history.get().history_change_reason == "Nieuwe regio"


@pytest.mark.parametrize("name", ["Team Noord", "team noord", " TEAM NOORD "])
def test_the_service_refuses_a_name_taken_in_any_case(noord, name):
    with pytest.raises(ValidationError) as excinfo:
        create_team(name=name, by=None)

    assert excinfo.value.message_dict == {"name": [CLASH]}
    assert Team.objects.count() == 1


def test_renaming_onto_another_teams_name_is_refused_but_a_new_case_of_its_own_is_not(noord):
    zuid = create_team(name="Team Zuid", by=None)

    with pytest.raises(ValidationError) as excinfo:
        change_team(team=zuid, name="team NOORD", manager=None, by=None)
    renamed = change_team(team=noord, name="TEAM NOORD", manager=None, by=None)

    assert excinfo.value.message_dict == {"name": [CLASH]}
    assert renamed.name == "TEAM NOORD"


def test_the_api_refuses_a_name_taken_in_another_case(noord):
    admin = UserFactory.create(username="fb", role="functional_admin")

    response = api_as(admin).post("/api/v1/teams/", {"name": "team noord"})

    assert response.status_code == 400 and response.json()["name"] == [CLASH]
    assert Team.objects.count() == 1


def test_the_admin_refuses_a_new_team_with_a_name_taken_in_another_case(admin_client, noord):
    response = admin_client.post(
        reverse("admin:accounts_team_add"), {"name": "TEAM noord", "manager": ""}
    )

    assert response.status_code == 200
    assert CLASH in response.content.decode()
    assert Team.objects.count() == 1


def test_the_admin_adds_a_team_through_the_service(admin_client, admin_user):
    response = admin_client.post(
        reverse("admin:accounts_team_add"),
        {"name": "  Team Oost ", "manager": "", "change_reason": "Nieuwe regio"},
    )

    assert response.status_code == 302
    row = Team.objects.get().history.get()
    assert (row.name, row.history_user, row.history_change_reason) == (
        "Team Oost",
        admin_user,
        "Nieuwe regio",
    )


def test_the_admin_refuses_renaming_onto_a_name_taken_in_another_case(admin_client, noord):
    zuid = create_team(name="Team Zuid", by=None)

    response = admin_client.post(
        reverse("admin:accounts_team_change", args=[zuid.pk]), {"name": "team noord"}
    )

    assert response.status_code == 200
    assert CLASH in response.content.decode()
    assert Team.objects.get(pk=zuid.pk).name == "Team Zuid"


def test_create_staff_user_joins_the_team_of_that_name_in_any_case(noord):
    call_command(
        "create_staff_user",
        "ad.nieuw",
        "--role",
        "caseworker",
        "--team",
        " team noord ",
        stdout=io.StringIO(),
    )

    assert Team.objects.count() == 1
    assert list(User.objects.get(username="ad.nieuw").teams.all()) == [noord]


# The database keeps the rule too: two writes that both pass the check before either saves.


def test_the_database_refuses_a_second_team_name_in_another_case(noord):
    with pytest.raises(IntegrityError), transaction.atomic():
        Team.objects.create(name="team NOORD")

    assert list(Team.objects.values_list("name", flat=True)) == ["Team Noord"]


@pytest.fixture
def racing(monkeypatch):
    """Both checks before the save pass, as they do when the other team is written meanwhile
    by another transaction: only the database's constraint is left to refuse the name."""
    monkeypatch.setattr(services, "_clean_team_name", lambda name, **kwargs: name.strip())
    monkeypatch.setattr(Team, "validate_constraints", lambda self, exclude=None: None)


def test_a_new_team_that_loses_the_race_gets_the_checks_message(noord, racing):
    with pytest.raises(ValidationError) as excinfo:
        create_team(name="team noord", by=None)

    assert excinfo.value.message_dict == {"name": [CLASH]}
    assert list(Team.objects.values_list("name", flat=True)) == ["Team Noord"]
    assert Team.history.count() == 1


def test_a_rename_that_loses_the_race_gets_the_checks_message(noord, racing):
    zuid = create_team(name="Team Zuid", by=None)

    with pytest.raises(ValidationError) as excinfo:
        change_team(team=zuid, name="TEAM NOORD", manager=None, by=None)

    assert excinfo.value.message_dict == {"name": [CLASH]}
    assert Team.objects.get(pk=zuid.pk).name == "Team Zuid"


def test_an_integrity_error_that_is_no_name_clash_is_not_hidden(monkeypatch):
    def failing(*args, **kwargs):
        raise IntegrityError("something else")

    monkeypatch.setattr(services, "save_with_history", failing)

    with pytest.raises(IntegrityError, match="something else"):
        create_team(name="Team West", by=None)
