"""Which client files a user may see: `Client.objects.visible_to(user)`."""

from django.contrib.auth.models import AnonymousUser

from clients.models import Client


def test_a_caseworker_sees_their_teams_clients(client_file, caseworker):
    assert list(Client.objects.visible_to(caseworker)) == [client_file]


def test_nobody_signed_in_sees_no_client(client_file):
    assert not Client.objects.visible_to(AnonymousUser()).exists()
    assert not Client.objects.visible_to(None).exists()
    assert Client.objects.filter(pk=client_file.pk).exists()
