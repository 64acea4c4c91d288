"""The rules of who files a client where and who names its fixed contact person, as
clients.permissions states them for the screens and the API."""

import pytest
from django.core.exceptions import ValidationError

from clients.permissions import (
    check_caseworker_change,
    check_new_client_caseworker,
    check_team_choice,
)
from tests.factories import TeamFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_a_client_is_filed_in_one_of_ones_own_teams(caseworker, team):
    check_team_choice(caseworker, team)
    with pytest.raises(ValidationError) as refused:
        check_team_choice(caseworker, TeamFactory.create(name="Elders"))
    assert refused.value.message_dict == {"team": ["U werkt niet in dit team."]}


def test_a_superuser_files_a_client_in_any_team(team):
    check_team_choice(UserFactory.create(is_superuser=True), TeamFactory.create(name="Elders"))


def test_a_caseworker_names_only_themselves_or_nobody_on_a_new_client(caseworker, colleague):
    check_new_client_caseworker(caseworker, caseworker)
    check_new_client_caseworker(caseworker, None)
    with pytest.raises(ValidationError) as refused:
        check_new_client_caseworker(caseworker, colleague)
    assert list(refused.value.message_dict) == ["caseworker"]


def test_a_team_manager_names_anyone_on_a_new_client(manager, colleague):
    check_new_client_caseworker(manager, colleague)


def test_only_a_team_manager_changes_the_contact_person(
    client_file, caseworker, colleague, manager
):
    check_caseworker_change(caseworker, client_file, caseworker)  # no change
    check_caseworker_change(manager, client_file, colleague)
    with pytest.raises(ValidationError) as refused:
        check_caseworker_change(caseworker, client_file, colleague)
    assert refused.value.message_dict == {
        "caseworker": ["Alleen een teammanager kan de vaste contactpersoon wijzigen."]
    }
