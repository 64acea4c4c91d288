"""Handover: a team manager reassigns a selection of clients with a note, all or nothing."""

import pytest
from django.utils import timezone

from clients.models import CaseworkerAssignment, Client
from tests.factories import (
    CaseworkerAssignmentFactory,
    CaseworkerFactory,
    ClientFactory,
    TeamFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
URL = "/clienten/overdracht/"
NOTE = "Let op: werkt parttime, bel na 14 uur."


def team_client(team, caseworker, first_name, last_name):
    client = ClientFactory.create(
        team=team, caseworker=caseworker, first_name=first_name, last_name=last_name
    )
    CaseworkerAssignmentFactory.create(client=client, caseworker=caseworker)
    return client


@pytest.fixture
def two_clients(team, caseworker):
    return [
        team_client(team, caseworker, "Anna", "Aalders"),
        team_client(team, caseworker, "Bram", "Boersma"),
    ]


def test_anonymous_is_sent_to_login(client):
    response = client.get(URL)
    assert response.status_code == 302 and response.url.startswith("/login/")


def test_a_caseworker_may_not_hand_over(client, caseworker, colleague, two_clients):
    client.force_login(caseworker)

    assert client.get(URL).status_code == 403
    data = {
        "clients": [c.pk for c in two_clients],
        "caseworker": colleague.pk,
        "handover_note": NOTE,
    }
    assert client.post(URL, data).status_code == 403
    assert not CaseworkerAssignment.objects.filter(caseworker=colleague).exists()


def test_an_auditor_may_not_hand_over(client, two_clients):
    client.force_login(UserFactory.create(username="auditor", role="auditor"))
    assert client.get(URL).status_code == 403


def test_the_manager_sees_the_teams_clients_and_caseworkers(
    client, manager, colleague, two_clients
):
    ClientFactory.create(team=TeamFactory.create(name="Team Zwolle"), last_name="Vreemdeling")
    client.force_login(manager)

    response = client.get(URL)

    html = response.content.decode()
    assert response.status_code == 200
    assert "Aalders" in html and "Boersma" in html and "Vreemdeling" not in html
    assert set(response.context["form"].fields["caseworker"].queryset) == {
        colleague,
        two_clients[0].caseworker,
    }
    assert 'href="/clienten/overdracht/"' in html  # the header link for team managers


def test_filtering_by_current_caseworker(client, manager, colleague, two_clients, team):
    team_client(team, colleague, "Cor", "Colijn")
    client.force_login(manager)

    page = client.get(URL, {"current": colleague.pk}).context["page"]

    assert [c.last_name for c in page] == ["Colijn"]


def test_the_link_on_the_file_preselects_that_client(client, manager, two_clients):
    client.force_login(manager)
    file_html = client.get(f"/clienten/{two_clients[0].pk}/").content.decode()
    assert f"{URL}?client={two_clients[0].pk}" in file_html

    response = client.get(URL, {"client": two_clients[0].pk})

    assert [c.pk for c in response.context["page"]] == [two_clients[0].pk]
    assert f'value="{two_clients[0].pk}" id="client-{two_clients[0].pk}" checked' in (
        response.content.decode()
    )


def test_the_manager_hands_two_clients_over_with_the_note(
    client, manager, caseworker, colleague, two_clients
):
    client.force_login(manager)
    data = {
        "clients": [c.pk for c in two_clients],
        "caseworker": colleague.pk,
        "handover_note": NOTE,
    }

    response = client.post(URL, data, follow=True)

    today = timezone.localdate()
    assert "2 cliënten overgedragen" in response.content.decode()
    for handed in two_clients:
        handed.refresh_from_db()
        assert handed.caseworker == colleague
        closed = CaseworkerAssignment.objects.get(client=handed, caseworker=caseworker)
        assert closed.ended_on == today
        opened = CaseworkerAssignment.objects.get(client=handed, ended_on__isnull=True)
        assert (opened.caseworker, opened.handover_note, opened.started_on, opened.assigned_by) == (
            colleague,
            NOTE,
            today,
            manager,
        )
        assert opened.history.latest().history_user == manager
        assert handed.history.latest().history_user == manager


def test_the_new_caseworker_sees_the_note_on_the_file(client, manager, colleague, two_clients):
    client.force_login(manager)
    data = {"clients": [two_clients[0].pk], "caseworker": colleague.pk, "handover_note": NOTE}
    client.post(URL, data)

    client.force_login(colleague)
    html = client.get(f"/clienten/{two_clients[0].pk}/").content.decode()

    assert "Overdrachtsnotitie:" in html and "bel na 14 uur" in html


def test_a_client_already_with_the_target_is_skipped_and_reported(
    client, manager, caseworker, colleague, team, two_clients
):
    already = team_client(team, colleague, "Cor", "Colijn")
    client.force_login(manager)
    data = {
        "clients": [two_clients[0].pk, already.pk],
        "caseworker": colleague.pk,
        "handover_note": NOTE,
    }

    html = client.post(URL, data, follow=True).content.decode()

    assert "1 cliënt overgedragen" in html
    assert "Overgeslagen" in html and "Cor Colijn" in html
    assert CaseworkerAssignment.objects.filter(client=already).count() == 1
    assert Client.objects.get(pk=two_clients[0].pk).caseworker == colleague


def test_a_target_outside_a_clients_team_changes_nothing_and_names_the_client(
    client, manager, caseworker, two_clients
):
    other_team = TeamFactory.create(name="Team Amersfoort")
    other_team.manager = manager
    other_team.save()
    outsider = CaseworkerFactory.create(username="ad.elders", first_name="Eva", last_name="Elders")
    outsider.memberships.create(team=other_team)
    client.force_login(manager)
    data = {
        "clients": [c.pk for c in two_clients],
        "caseworker": outsider.pk,
        "handover_note": NOTE,
    }
    before = CaseworkerAssignment.objects.count()

    response = client.post(URL, data)

    assert response.status_code == 200
    errors = response.context["form"].errors["caseworker"]
    assert "Niets overgedragen" in errors[0] and "Anna Aalders" in errors[0]
    assert "Anna Aalders" in response.content.decode()
    assert CaseworkerAssignment.objects.count() == before
    assert set(Client.objects.values_list("caseworker", flat=True)) == {caseworker.pk}
    assert response.context["selected"] == {c.pk for c in two_clients}


def test_a_handover_note_is_required(client, manager, colleague, two_clients):
    client.force_login(manager)
    data = {"clients": [two_clients[0].pk], "caseworker": colleague.pk, "handover_note": ""}

    response = client.post(URL, data)

    assert response.context["form"].errors["handover_note"] == ["Schrijf een overdrachtsnotitie."]
    assert Client.objects.get(pk=two_clients[0].pk).caseworker != colleague


def test_a_client_of_another_team_cannot_be_selected(client, manager, colleague):
    stranger = ClientFactory.create(team=TeamFactory.create(name="Team Zwolle"))
    client.force_login(manager)
    data = {"clients": [stranger.pk], "caseworker": colleague.pk, "handover_note": NOTE}

    response = client.post(URL, data)

    assert "clients" in response.context["form"].errors
    assert not CaseworkerAssignment.objects.filter(client=stranger).exists()


@pytest.mark.parametrize("count", [3, 30])
def test_the_page_costs_the_same_queries_for_3_or_30_clients(
    client, manager, caseworker, team, count, django_assert_max_num_queries
):
    for n in range(count):
        team_client(team, caseworker, f"Voornaam{n}", f"Achternaam{n}")
    client.force_login(manager)

    with django_assert_max_num_queries(12):  # 10, the user's teams, and the read log's insert
        response = client.get(URL)

    assert len(response.context["page"]) == count


@pytest.mark.parametrize("value", ["²", "99999999999999999999"], ids=["superscript", "huge"])
def test_a_client_id_that_is_no_id_is_ignored(client, manager, two_clients, value):
    """ "²" is a digit to str.isdigit() but not to int(); a number beyond any id is too large
    for the database: both made the page a server error."""
    client.raise_request_exception = False
    client.force_login(manager)

    response = client.get(URL, {"client": value})

    assert response.status_code == 200
    assert response.context["selected"] == set()
    assert len(response.context["page"]) == len(two_clients)
