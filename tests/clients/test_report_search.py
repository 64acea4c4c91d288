"""Search in conversation reports within the user's scope (full-text with Dutch stemming on
PostgreSQL), the BSN in any notation, and a hint when the answer is in the whole team."""

import pytest
from django.db import connection

from audit.models import AccessLog
from tests.factories import ClientFactory, ConversationFactory, TeamFactory

pytestmark = pytest.mark.django_db

URL = "/gesprekken/zoeken/"


@pytest.fixture
def reports(client_file, caseworker):
    found = ConversationFactory.create(
        client=client_file, caseworker=caseworker, summary="Besproken: gesprek met twee werkgevers"
    )
    ConversationFactory.create(
        client=client_file, caseworker=caseworker, summary="Alleen over de dagbesteding"
    )
    elsewhere = ClientFactory.create(team=TeamFactory(name="Team Elders"))
    ConversationFactory.create(client=elsewhere, summary="Ook twee werkgevers benaderd")
    return found


def results(response) -> list[int]:
    return [c.pk for c in response.context["page"]]


def test_reports_in_scope_are_found_and_each_client_read_is_logged(
    client, reports, caseworker, client_file
):
    client.force_login(caseworker)

    response = client.get(URL, {"q": "twee werkgevers"})

    assert results(response) == [reports.pk]
    assert "1 gesprek gevonden." in response.content.decode()
    assert AccessLog.objects.filter(user=caseworker, client=client_file, action="list").exists()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="Dutch stemming is PostgreSQL's")
def test_a_word_finds_its_other_forms_and_the_match_is_marked(client, reports, caseworker):
    client.force_login(caseworker)

    response = client.get(URL, {"q": "werkgever"})

    assert results(response) == [reports.pk]
    assert "<mark>werkgevers</mark>" in response.content.decode()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the index is PostgreSQL's")
def test_the_search_has_its_index():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE indexname = 'conversation_summary_fts_idx'"
        )
        (definition,) = cursor.fetchone()
    assert "gin" in definition and "dutch" in definition


def test_a_report_is_shown_escaped(client, client_file, caseworker):
    ConversationFactory.create(
        client=client_file, caseworker=caseworker, summary="<script>alert(1)</script> werkgevers"
    )
    client.force_login(caseworker)

    html = client.get(URL, {"q": "werkgevers"}).content.decode()

    assert "<script>alert(1)</script>" not in html
    if connection.vendor != "postgresql":  # (PostgreSQL's excerpt drops the tags altogether)
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_an_empty_or_too_long_search_is_refused_with_a_message(client, caseworker):
    client.force_login(caseworker)

    response = client.get(URL, {"q": "x" * 201})

    assert response.status_code == 200 and response.context["page"] is None
    assert "niet meer dan 200 tekens" in response.content.decode()


# The caseload's search --------------------------------------------------------------------


@pytest.mark.parametrize("notation", ["{0}", "{1} {2} {3}", "{1}.{2}.{3}", "{1}-{2}-{3}"])
def test_the_bsn_is_found_in_any_common_notation(client, client_file, caseworker, notation):
    bsn = client_file.bsn
    client.force_login(caseworker)

    query = notation.format(bsn, bsn[:3], bsn[3:6], bsn[6:])
    response = client.get("/clienten/", {"q": query})

    assert response.context["client_ids"] == [client_file.pk]


def test_a_search_that_finds_nothing_of_mine_points_to_the_team(
    client, client_file, caseworker, colleague
):
    theirs = ClientFactory.create(team=client_file.team, caseworker=colleague, last_name="Zwart")
    client.force_login(caseworker)

    response = client.get("/clienten/", {"q": "Zwart"})

    html = response.content.decode()
    assert response.context["found_in_team"] == 1
    assert "Wel 1 cliënt in uw team: toon die." in html
    assert "team=on" in html
    assert f"/clienten/{theirs.pk}/" not in html  # not listed before asked
