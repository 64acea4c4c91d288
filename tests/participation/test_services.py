"""Recording a rung on the participation ladder, correcting it, and the rung on a day."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from participation.models import RungAssessment
from participation.selectors import assessment_on, ladder_of, last_rungs, rung_on
from participation.services import correct_rung, record_rung
from tests.factories import ConversationFactory, RungAssessmentFactory

pytestmark = pytest.mark.django_db
D = datetime.date


def test_recording_a_rung_keeps_who_and_why(client_file, caseworker):
    found = record_rung(
        client=client_file, rung=4, assessed_on=D(2024, 3, 1), by=caseworker, note=" Vrijwilliger "
    )

    assert (found.rung, found.assessed_by, found.note) == (4, caseworker, "Vrijwilliger")
    assert found.history.get().history_user == caseworker


def test_a_rung_in_the_future_is_refused(client_file, caseworker):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)

    with pytest.raises(ValidationError) as refused:
        record_rung(client=client_file, rung=3, assessed_on=tomorrow, by=caseworker)

    assert "toekomst" in refused.value.message_dict["assessed_on"][0]
    assert not RungAssessment.objects.exists()


def test_a_rung_before_birth_is_refused(client_file, caseworker):
    with pytest.raises(ValidationError) as refused:
        record_rung(client=client_file, rung=3, assessed_on=D(1990, 1, 1), by=caseworker)

    assert "geboortedatum" in refused.value.message_dict["assessed_on"][0]


@pytest.mark.parametrize("rung", [0, 7])
def test_an_unknown_rung_is_refused(client_file, caseworker, rung):
    with pytest.raises(ValidationError) as refused:
        record_rung(client=client_file, rung=rung, assessed_on=D(2024, 3, 1), by=caseworker)

    assert "rung" in refused.value.message_dict


def test_a_conversation_of_another_client_is_refused(client_file, caseworker):
    other = ConversationFactory.create()

    with pytest.raises(ValidationError) as refused:
        record_rung(
            client=client_file,
            rung=3,
            assessed_on=D(2024, 3, 1),
            by=caseworker,
            conversation=other,
        )

    assert "conversation" in refused.value.message_dict


def test_the_rung_holds_from_the_day_it_was_assessed(client_file):
    RungAssessmentFactory.create(client=client_file, rung=2, assessed_on=D(2024, 3, 1))

    assert rung_on(client_file, D(2024, 3, 1)) == 2


def test_the_rung_is_unknown_the_day_before_the_first_assessment(client_file):
    RungAssessmentFactory.create(client=client_file, rung=2, assessed_on=D(2024, 3, 1))

    assert rung_on(client_file, D(2024, 2, 29)) is None


def test_the_rung_is_unknown_with_no_assessment_yet(client_file):
    assert rung_on(client_file, D(2024, 3, 1)) is None


def test_the_earlier_rung_holds_the_day_before_a_new_one(client_file):
    RungAssessmentFactory.create(client=client_file, rung=2, assessed_on=D(2024, 3, 1))
    RungAssessmentFactory.create(client=client_file, rung=4, assessed_on=D(2024, 6, 1))

    assert [rung_on(client_file, D(2024, 5, 31)), rung_on(client_file, D(2024, 6, 1))] == [2, 4]


def test_of_two_on_one_day_the_last_recorded_wins(client_file):
    RungAssessmentFactory.create(client=client_file, rung=5, assessed_on=D(2024, 3, 1))
    later = RungAssessmentFactory.create(client=client_file, rung=3, assessed_on=D(2024, 3, 1))

    assert assessment_on(client_file, D(2024, 3, 1)) == later
    assert last_rungs([client_file.pk]) == {client_file.pk: 3}


def test_the_timeline_runs_oldest_first(client_file):
    late = RungAssessmentFactory.create(client=client_file, assessed_on=D(2024, 6, 1))
    early = RungAssessmentFactory.create(client=client_file, assessed_on=D(2023, 6, 1))

    assert list(ladder_of(client_file)) == [early, late]


def test_a_correction_asks_why_and_keeps_it(client_file, caseworker):
    found = RungAssessmentFactory.create(client=client_file, rung=2)

    with pytest.raises(ValidationError):
        correct_rung(assessment=found, changes={"rung": 3}, by=caseworker, change_reason=" ")
    corrected = correct_rung(
        assessment=found, changes={"rung": 3}, by=caseworker, change_reason="Verkeerd gekozen"
    )

    assert corrected.rung == 3
    assert corrected.history.latest().history_change_reason == "Verkeerd gekozen"


def test_a_correction_may_not_change_the_client(client_file, caseworker):
    found = RungAssessmentFactory.create(client=client_file)

    with pytest.raises(ValidationError) as refused:
        correct_rung(assessment=found, changes={"client": None}, by=caseworker, change_reason="x")

    assert "client" in refused.value.message_dict


def test_the_admin_records_through_the_service(admin_client, admin_user, client_file):
    response = admin_client.post(
        reverse("admin:participation_rungassessment_add"),
        {
            "client": client_file.pk,
            "rung": "5",
            "assessed_on": "2024-03-01",
            "note": "",
            "change_reason": "Uit het dossier",
        },
    )

    assert response.status_code == 302
    found = RungAssessment.objects.get()
    assert (found.assessed_by, found.history.get().history_change_reason) == (
        admin_user,
        "Uit het dossier",
    )
