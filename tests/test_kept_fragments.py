"""Parts of pages kept in the cache (common.fragments): each response carries its own CSRF
token, so a form on a kept page posts like any other."""

import re

import pytest
from django.db import connection
from django.test import Client as HttpClient
from django.test.utils import CaptureQueriesContext

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.mark.django_db
def test_a_form_on_a_kept_list_posts_with_the_token_its_response_gave(caseworker, client_file):
    browser = HttpClient(enforce_csrf_checks=True)
    browser.force_login(caseworker)
    first = browser.get("/clienten/").content.decode()
    with CaptureQueriesContext(connection) as queries:
        kept = browser.get("/clienten/").content.decode()
    if connection.vendor == "postgresql":  # kept: the list's figures were not read again
        assert not [q for q in queries.captured_queries if "interventions_conversation" in q["sql"]]

    tokens = TOKEN.findall(kept)
    assert len(tokens) >= 2  # the list's bulk form, and the page's own forms
    assert "csrf-standin" not in kept
    assert set(tokens).isdisjoint(TOKEN.findall(first))  # masked anew for every response

    answer = browser.post("/i18n/setlang/", {"language": "en", "csrfmiddlewaretoken": tokens[0]})
    assert answer.status_code == 302
    refused = browser.post("/i18n/setlang/", {"language": "en", "csrfmiddlewaretoken": "x" * 64})
    assert refused.status_code == 403
