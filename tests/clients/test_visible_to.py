"""Which client files a user may see: `Client.objects.visible_to(user)`, and the records in
them: `visible_to(user)` of a record's queryset."""

from django.contrib.auth.models import AnonymousUser

from clients.models import Client
from interventions.models import Conversation
from tests.factories import ConversationFactory, UserFactory


def test_a_caseworker_sees_their_teams_clients(client_file, caseworker):
    assert list(Client.objects.visible_to(caseworker)) == [client_file]


def test_a_caseworkers_teams_are_named_not_looked_up_in_every_query(
    client_file, caseworker, django_assert_num_queries
):
    """The team ids go into the filter as a list, read once per request: the planner then
    knows how many teams it keeps (it guessed nine for a subquery, whatever the number)."""
    with django_assert_num_queries(2):  # the roles and the teams, once each
        first = str(Client.objects.visible_to(caseworker).query)
        second = str(Client.objects.visible_to(caseworker).query)

    assert first == second
    assert f"IN ({client_file.team_id})" in first and "accounts_team" not in first


def test_nobody_signed_in_sees_no_client(client_file):
    assert not Client.objects.visible_to(AnonymousUser()).exists()
    assert not Client.objects.visible_to(None).exists()
    assert Client.objects.filter(pk=client_file.pk).exists()


def test_an_auditor_sees_every_record_of_every_file_without_a_look_at_the_clients(client_file):
    auditor = UserFactory.create(username="au.visser", role="auditor")
    held = ConversationFactory.create(client=client_file, caseworker=client_file.caseworker)

    visible = Conversation.objects.visible_to(auditor)

    assert list(visible) == [held]
    assert "clients_client" not in str(visible.query)
    assert "clients_client" in str(Conversation.objects.visible_to(client_file.caseworker).query)
