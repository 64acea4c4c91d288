"""The client's address for the read log, the sessions and the lockout (common.addresses)."""

import pytest
from django.test import RequestFactory

from common.addresses import client_ip


@pytest.mark.parametrize(
    "forwarded, expected",
    [
        ("6.6.6.6, 192.0.2.44", "192.0.2.44"),
        ("192.0.2.44:51234", "192.0.2.44"),
        ("[2001:db8::1]:443", "2001:db8::1"),
        ("2001:db8::2", "2001:db8::2"),
        ("rommel", "10.0.0.1"),  # not an address: the proxy's own
        ("", "10.0.0.1"),
    ],
)
def test_behind_the_proxy_only_a_real_address_counts(settings, forwarded, expected):
    settings.BEHIND_TLS_PROXY = True
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=forwarded)

    assert client_ip(request) == expected


def test_without_the_proxy_the_header_is_ignored(settings):
    settings.BEHIND_TLS_PROXY = False
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6")

    assert client_ip(request) == "10.0.0.1"


@pytest.mark.django_db
def test_a_malformed_forwarded_header_is_no_server_error(client, settings, caseworker, client_file):
    settings.BEHIND_TLS_PROXY = True
    client.force_login(caseworker)

    response = client.get(f"/clienten/{client_file.pk}/", HTTP_X_FORWARDED_FOR="<script>:x:y")

    assert response.status_code == 200
