"""The conversation form on the file asks the rung: the last one preselected, one click to
change it; a held conversation saved with a rung records it on the conversation's date."""

import datetime
import re

import pytest
from django.utils import timezone

from casework.work_forms import FileContactForm
from participation.models import RungAssessment
from tests.factories import RungAssessmentFactory
from tests.interventions.test_views import post_data

pytestmark = pytest.mark.django_db
D = datetime.date


def save(client, client_file, **changes):
    return client.post(f"/clienten/{client_file.pk}/gesprek/", post_data(client_file, **changes))


def choices(form) -> list:
    return form.fields["rung"].choices


def test_the_last_rung_is_preselected_and_named_so(client_file):
    RungAssessmentFactory.create(client=client_file, rung=2, assessed_on=D(2023, 1, 1))
    RungAssessmentFactory.create(client=client_file, rung=4, assessed_on=D(2024, 1, 1))

    form = FileContactForm(client=client_file)

    assert form["rung"].initial == 4
    labels = dict(choices(form))
    assert labels[4].endswith("(vorige keer)") and not labels[2].endswith("(vorige keer)")


def test_without_a_rung_yet_not_discussed_is_preselected(client_file):
    form = FileContactForm(client=client_file)

    assert form["rung"].initial == ""
    assert str(dict(choices(form))[""]) == "Niet besproken"


def test_the_file_shows_the_rung_question(client, caseworker, client_file):
    RungAssessmentFactory.create(client=client_file, rung=5)
    client.force_login(caseworker)

    page = client.get(f"/clienten/{client_file.pk}/").content.decode()

    assert "Trede op de participatieladder" in page
    assert re.search(r'value="5"[^>]*checked', page)


def test_a_held_conversation_with_a_rung_records_it_on_its_date(client, caseworker, client_file):
    client.force_login(caseworker)
    day = timezone.localdate() - datetime.timedelta(days=2)

    response = save(client, client_file, rung="4", held_on=day.isoformat())

    assert response.status_code == 302
    found = RungAssessment.objects.get()
    conversation = client_file.conversations.get(status="held")
    assert (found.rung, found.assessed_on, found.assessed_by, found.conversation) == (
        4,
        day,
        caseworker,
        conversation,
    )


def test_confirming_the_same_rung_records_it_again(client, caseworker, client_file):
    RungAssessmentFactory.create(client=client_file, rung=3, assessed_on=D(2024, 1, 1))
    client.force_login(caseworker)

    save(client, client_file, rung="3")

    assert list(client_file.rung_assessments.values_list("rung", flat=True)) == [3, 3]


def test_not_discussed_records_no_rung(client, caseworker, client_file):
    client.force_login(caseworker)

    save(client, client_file, rung="")

    assert client_file.conversations.exclude(status="planned").count() == 1
    assert not RungAssessment.objects.exists()


def test_a_missed_conversation_records_no_rung(client, caseworker, client_file):
    client.force_login(caseworker)

    save(client, client_file, rung="4", status="no_show")

    assert client_file.conversations.exclude(status="planned").count() == 1
    assert not RungAssessment.objects.exists()


def test_an_unknown_rung_saves_nothing(client, caseworker, client_file):
    client.force_login(caseworker)

    response = save(client, client_file, rung="9")

    assert response.status_code == 200 and "rung" in response.context["contact_form"].errors
    assert client_file.conversations.count() == 0 and not RungAssessment.objects.exists()


@pytest.fixture
def rungs_3_then_5(client_file):
    """Rung 3 from 1 January 2024, rung 5 from 1 June 2024."""
    RungAssessmentFactory.create(client=client_file, rung=3, assessed_on=D(2024, 1, 1))
    RungAssessmentFactory.create(client=client_file, rung=5, assessed_on=D(2024, 6, 1))


def test_a_conversation_dated_before_the_latest_rung_cannot_confirm_that_rung(
    client, caseworker, client_file, rungs_3_then_5
):
    client.force_login(caseworker)

    response = save(client, client_file, rung="5", held_on="2024-03-01")

    assert response.status_code == 200
    [error] = response.context["contact_form"].errors["rung"]
    assert error.startswith("Trede 5 geldt pas sinds 1 juni 2024")
    assert client_file.conversations.count() == 0
    assert list(client_file.rung_assessments.values_list("rung", flat=True)) == [3, 5]


@pytest.mark.parametrize(
    ("rung", "held_on", "recorded"),
    [
        ("3", "2024-03-01", [3, 3, 5]),  # the rung of that day, confirmed
        ("4", "2024-03-01", [3, 4, 5]),  # another rung, chosen on purpose
        ("5", "2024-06-01", [3, 5, 5]),  # on the latest assessment's own day
        ("", "2024-03-01", [3, 5]),  # not discussed
    ],
)
def test_a_backdated_conversation_records_a_rung_chosen_for_its_day(
    client, caseworker, client_file, rungs_3_then_5, rung, held_on, recorded
):
    client.force_login(caseworker)

    response = save(client, client_file, rung=rung, held_on=held_on)

    assert response.status_code == 302
    ordered = client_file.rung_assessments.order_by("assessed_on", "id")
    assert list(ordered.values_list("rung", flat=True)) == recorded


def test_before_the_first_rung_the_latest_cannot_be_confirmed(client, caseworker, client_file):
    RungAssessmentFactory.create(client=client_file, rung=4, assessed_on=D(2024, 6, 1))
    client.force_login(caseworker)

    response = save(client, client_file, rung="4", held_on="2024-03-01")

    assert response.status_code == 200 and "rung" in response.context["contact_form"].errors
    assert client_file.rung_assessments.count() == 1
