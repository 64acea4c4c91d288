"""The client file shows the ladder next to the phase: the rung now, and each rung with its
date and who assessed it."""

import datetime

import pytest
from django.utils.html import escape

from tests.factories import RungAssessmentFactory

pytestmark = pytest.mark.django_db
D = datetime.date


def test_the_file_shows_the_current_rung_and_the_ladder(client, caseworker, client_file):
    RungAssessmentFactory.create(
        client=client_file, rung=2, assessed_on=D(2023, 5, 1), assessed_by=caseworker
    )
    RungAssessmentFactory.create(client=client_file, rung=4, assessed_on=D(2024, 5, 1))
    client.force_login(caseworker)

    response = client.get(f"/clienten/{client_file.pk}/")

    page = response.content.decode()
    assert "trede 4 sinds 1 mei 2024" in page
    assert [r.rung for r in response.context["file"].ladder] == [4, 2]
    assert "2 – Sociale contacten buiten de deur" in page and escape(str(caseworker)) in page


def test_a_confirmed_rung_counts_from_its_first_day(client, caseworker, client_file):
    for rung, day in ((2, D(2022, 3, 1)), (4, D(2023, 5, 1)), (4, D(2024, 5, 1))):
        RungAssessmentFactory.create(client=client_file, rung=rung, assessed_on=day)
    client.force_login(caseworker)

    page = client.get(f"/clienten/{client_file.pk}/").content.decode()

    assert "trede 4 sinds 1 mei 2023, bevestigd 1 mei 2024" in page


def test_a_file_without_a_rung_says_so(client, caseworker, client_file):
    client.force_login(caseworker)

    page = client.get(f"/clienten/{client_file.pk}/").content.decode()

    assert "nog niet bekend" in page and "Nog geen trede vastgelegd" in page


def test_the_form_preselects_the_rung_the_file_shows(client, caseworker, client_file):
    RungAssessmentFactory.create(client=client_file, rung=5, assessed_on=D(2024, 5, 1))
    RungAssessmentFactory.create(client=client_file, rung=3, assessed_on=D(2024, 5, 1))
    client.force_login(caseworker)

    response = client.get(f"/clienten/{client_file.pk}/")

    assert response.context["contact_form"]["rung"].initial == 3
