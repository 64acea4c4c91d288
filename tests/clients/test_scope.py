"""clients.scope.client_view: the one way a screen finds the client of its URL."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.test import RequestFactory

from clients.scope import client_view
from common.reads import Read, noted_reads
from tests.factories import ClientFactory, TeamFactory, UserFactory

pytestmark = pytest.mark.django_db


@client_view(methods=["GET", "POST"], read=Read.HISTORY)
def page(request, client):
    return HttpResponse(f"{client.last_name}")


@client_view(methods=["POST"])
def write(request, client):
    return HttpResponseRedirect("/elders/")


def _request(user, method="get"):
    request = getattr(RequestFactory(), method)("/")
    request.user = user
    return request


def test_a_client_in_scope_is_passed_to_the_view_and_its_page_is_a_read(caseworker, client_file):
    request = _request(caseworker)
    response = page(request, pk=client_file.pk)
    assert response.content.decode() == client_file.last_name
    assert noted_reads(request) == [(caseworker, client_file.pk, Read.HISTORY)]


def test_a_client_of_another_team_does_not_exist(caseworker):
    elsewhere = ClientFactory.create(team=TeamFactory.create(name="Team Elders"))
    with pytest.raises(Http404):
        page(_request(caseworker), pk=elsewhere.pk)


def test_a_read_only_role_may_look_but_not_write(client_file):
    auditor = UserFactory(username="au.kok", role="auditor")
    assert page(_request(auditor), pk=client_file.pk).status_code == 200
    with pytest.raises(PermissionDenied):
        page(_request(auditor, "post"), pk=client_file.pk)


def test_a_redirect_after_a_write_is_no_read(caseworker, client_file):
    request = _request(caseworker, "post")
    assert write(request, pk=client_file.pk).status_code == 302
    assert noted_reads(request) == []


def test_a_method_the_view_does_not_take_is_refused(caseworker, client_file):
    assert write(_request(caseworker), pk=client_file.pk).status_code == 405
