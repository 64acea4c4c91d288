"""Work capacity as dated decisions, and the reassessment that ends in one."""

import datetime
import importlib

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from clients.capacity import decide_reassessment, record_capacity_decision, request_reassessment
from clients.models import Client, Reassessment, WorkCapacity, WorkCapacityDecision
from clients.services import update_client
from tests.factories import ClientFactory

pytestmark = pytest.mark.django_db
D = datetime.date
HAS, NONE = WorkCapacity.HAS, WorkCapacity.LASTING_NONE


def decisions(client: Client) -> list[tuple[datetime.date, str, datetime.date | None]]:
    return list(
        WorkCapacityDecision.objects.filter(client=client)
        .order_by("decided_on")
        .values_list("decided_on", "outcome", "superseded_on")
    )


def today() -> datetime.date:
    return timezone.localdate()


def test_a_decision_today_supersedes_the_one_before_and_sets_the_current_value(
    client_file, caseworker
):
    record_capacity_decision(client=client_file, decided_on=today(), outcome=NONE, by=caseworker)

    assert decisions(client_file) == [(D(2015, 1, 1), HAS, today()), (today(), NONE, None)]
    assert Client.objects.get(pk=client_file.pk).has_work_capacity is False
    assert client_file.has_work_capacity is False


def test_a_decision_between_two_others_takes_its_place_and_leaves_the_current_value(
    client_file, caseworker
):
    record_capacity_decision(client=client_file, decided_on=D(2024, 1, 1), outcome=HAS, by=None)

    record_capacity_decision(client=client_file, decided_on=D(2020, 6, 1), outcome=NONE, by=None)

    assert decisions(client_file) == [
        (D(2015, 1, 1), HAS, D(2020, 6, 1)),
        (D(2020, 6, 1), NONE, D(2024, 1, 1)),
        (D(2024, 1, 1), HAS, None),
    ]
    assert Client.objects.get(pk=client_file.pk).has_work_capacity is True


def test_a_second_decision_on_the_same_day_is_refused(client_file):
    with pytest.raises(ValidationError) as excinfo:
        record_capacity_decision(
            client=client_file, decided_on=D(2015, 1, 1), outcome=NONE, by=None
        )

    assert "decided_on" in excinfo.value.message_dict


def test_a_decision_dated_tomorrow_is_refused(client_file):
    tomorrow = today() + datetime.timedelta(days=1)

    with pytest.raises(ValidationError) as excinfo:
        record_capacity_decision(client=client_file, decided_on=tomorrow, outcome=NONE, by=None)

    assert "decided_on" in excinfo.value.message_dict
    assert len(decisions(client_file)) == 1


def test_a_decision_before_the_clients_birth_is_refused(client_file):
    with pytest.raises(ValidationError) as excinfo:
        record_capacity_decision(
            client=client_file, decided_on=D(1990, 1, 1), outcome=NONE, by=None
        )

    assert "decided_on" in excinfo.value.message_dict


def test_changing_has_work_capacity_in_the_client_data_is_a_decision_dated_today(
    client_file, caseworker
):
    update_client(
        client=client_file,
        expected_version=client_file.version,
        changes={"has_work_capacity": False},
        by=caseworker,
        change_reason="Besluit UWV",
    )

    assert decisions(client_file)[-1] == (today(), NONE, None)
    update_client(
        client=client_file,
        expected_version=client_file.version,
        changes={"has_work_capacity": True},
        by=caseworker,
    )
    assert decisions(client_file)[-1] == (today(), HAS, None)  # the same day corrected


# The reassessment's life cycle ----------------------------------------------------------


@pytest.mark.parametrize("outcome", [HAS, NONE])
def test_a_requested_reassessment_is_decided_with_each_outcome(client_file, caseworker, outcome):
    request = request_reassessment(
        client=client_file,
        requested_on=D(2024, 3, 1),
        reason="Werkt sinds een jaar 20 uur",
        practical_assessment="Praktijkonderzoek bij De Werkplaats",
        by=caseworker,
    )
    assert request.decision is None

    decision = decide_reassessment(
        reassessment=request, decided_on=D(2024, 5, 1), outcome=outcome, by=caseworker
    )

    assert Reassessment.objects.get(pk=request.pk).decision == decision
    assert decisions(client_file)[-1] == (D(2024, 5, 1), outcome, None)
    assert Client.objects.get(pk=client_file.pk).has_work_capacity is (outcome == HAS)


def test_a_reassessment_decided_before_it_was_requested_is_refused(client_file, caseworker):
    request = request_reassessment(
        client=client_file, requested_on=D(2024, 3, 1), reason="Meer uren", by=caseworker
    )

    with pytest.raises(ValidationError) as excinfo:
        decide_reassessment(
            reassessment=request, decided_on=D(2024, 2, 29), outcome=NONE, by=caseworker
        )

    assert "decided_on" in excinfo.value.message_dict
    assert Reassessment.objects.get(pk=request.pk).decision is None
    assert len(decisions(client_file)) == 1


def test_a_reassessment_decided_on_the_day_it_was_requested_is_accepted(client_file, caseworker):
    request = request_reassessment(
        client=client_file, requested_on=D(2024, 3, 1), reason="Meer uren", by=caseworker
    )

    decide_reassessment(reassessment=request, decided_on=D(2024, 3, 1), outcome=HAS, by=caseworker)

    assert Reassessment.objects.get(pk=request.pk).decision is not None


def test_a_decided_reassessment_cannot_be_decided_again(client_file, caseworker):
    request = request_reassessment(
        client=client_file, requested_on=D(2024, 3, 1), reason="Meer uren", by=caseworker
    )
    decide_reassessment(reassessment=request, decided_on=D(2024, 4, 1), outcome=HAS, by=caseworker)

    with pytest.raises(ValidationError):
        decide_reassessment(
            reassessment=request, decided_on=D(2024, 5, 1), outcome=NONE, by=caseworker
        )


def test_a_second_open_reassessment_is_refused(client_file, caseworker):
    request_reassessment(
        client=client_file, requested_on=D(2024, 3, 1), reason="Meer uren", by=caseworker
    )

    with pytest.raises(ValidationError):
        request_reassessment(
            client=client_file, requested_on=D(2024, 4, 1), reason="Nog eens", by=caseworker
        )


def test_a_reassessment_without_a_reason_is_refused(client_file, caseworker):
    with pytest.raises(ValidationError) as excinfo:
        request_reassessment(client=client_file, requested_on=D(2024, 3, 1), reason=" ", by=None)

    assert "reason" in excinfo.value.message_dict


def test_the_migration_gives_every_client_one_decision_with_its_current_value(team):
    able, unable = (
        ClientFactory.create(team=team),
        ClientFactory.create(team=team, has_work_capacity=False),
    )
    WorkCapacityDecision.objects.all().delete()
    migration = importlib.import_module("clients.migrations.0010_capacity_decisions_from_clients")

    migration.first_decisions(apps, None)

    assert decisions(able) == [(able.in_service_since, HAS, None)]
    assert decisions(unable) == [(unable.in_service_since, NONE, None)]


# The screen ------------------------------------------------------------------------------


def url(client: Client) -> str:
    return reverse("work_capacity", args=[client.pk])


def test_the_page_lists_the_decisions(client, client_file, caseworker):
    client.force_login(caseworker)

    page = client.get(url(client_file))

    assert page.status_code == 200
    assert len(page.context["decisions"]) == 1
    assert "Herbeoordeling aanvragen" in page.content.decode()


def test_a_decision_is_recorded_from_the_page(client, client_file, caseworker):
    client.force_login(caseworker)

    answer = client.post(
        url(client_file),
        {
            "besluit-version": client_file.version,
            "besluit-decided_on": "2024-06-01",
            "besluit-outcome": NONE,
            "besluit-basis": "Rapport verzekeringsarts",
        },
    )

    assert answer.status_code == 302
    assert decisions(client_file)[-1] == (D(2024, 6, 1), NONE, None)


def test_a_reassessment_is_requested_then_decided_from_the_page(client, client_file, caseworker):
    client.force_login(caseworker)
    client.post(
        url(client_file),
        {"aanvraag-requested_on": "2024-03-01", "aanvraag-reason": "Werkt meer uren"},
    )
    assert Reassessment.objects.filter(client=client_file, decision__isnull=True).exists()

    answer = client.post(
        url(client_file),
        {"herbeoordeling-decided_on": "2024-02-01", "herbeoordeling-outcome": HAS},
    )
    assert answer.status_code == 200  # before the request: refused, shown again
    assert answer.context["outcome_form"].errors

    client.post(
        url(client_file),
        {"herbeoordeling-decided_on": "2024-04-01", "herbeoordeling-outcome": HAS},
    )
    decided = Reassessment.objects.get(client=client_file).decision
    assert decided is not None
    assert decided.decided_on == D(2024, 4, 1)


def leaving(client_file, **values) -> dict:
    return {
        "uitstroom-version": client_file.version,
        "uitstroom-out_of_service_on": "2026-01-31",
        "uitstroom-out_of_service_reason": "retirement",
    } | {f"uitstroom-{key}": value for key, value in values.items()}


def test_leaving_the_benefit_is_recorded_from_the_page_with_its_reason(
    client, client_file, caseworker
):
    client.force_login(caseworker)

    answer = client.post(url(client_file), leaving(client_file))

    assert answer.status_code == 302
    client_file.refresh_from_db()
    assert (client_file.out_of_service_on, client_file.out_of_service_reason) == (
        D(2026, 1, 31),
        "retirement",
    )
    changed = client_file.history.first()
    assert (changed.history_user, changed.history_change_reason) == (caseworker, "Uit zorg")
    changed_rows = client_file.history.count()
    page = client.get(url(client_file)).content.decode()
    assert "Uit zorg per 31-01-2026: pensioen." in page and "Uit zorg corrigeren" in page
    again = client.post(url(client_file), leaving(client_file))  # the same values
    assert again.status_code == 302 and client_file.history.count() == changed_rows


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        ({"out_of_service_reason": ""}, "out_of_service_reason", "Kies de reden uit zorg."),
        ({"out_of_service_on": ""}, "out_of_service_on", "Geef de datum uit zorg."),
        (
            {"out_of_service_on": "2014-12-31"},
            "out_of_service_on",
            "De datum uit zorg moet na de datum in zorg liggen.",
        ),
        ({"out_of_service_reason": "holiday"}, "out_of_service_reason", "geldige keuze"),
    ],
)
def test_a_bad_leaving_is_refused_in_dutch_and_changes_nothing(
    client, client_file, caseworker, values, field, message
):
    client.force_login(caseworker)

    answer = client.post(url(client_file), leaving(client_file, **values))

    assert answer.status_code == 200
    assert message in " ".join(answer.context["leaving_form"].errors[field])
    client_file.refresh_from_db()
    assert client_file.out_of_service_on is None


@pytest.mark.parametrize(
    "posted",
    [
        lambda file: leaving(file),
        lambda file: {
            "besluit-version": file.version,
            "besluit-decided_on": "2024-06-01",
            "besluit-outcome": NONE,
        },
    ],
    ids=["leaving", "decision"],
)
def test_a_form_on_a_file_changed_meanwhile_comes_back_with_a_message(
    client, client_file, caseworker, posted
):
    client.force_login(caseworker)
    client_file.refresh_from_db()
    stale = posted(client_file)
    update_client(
        client=client_file,
        expected_version=client_file.version,
        changes={"phone": "0612345678"},
        by=None,
    )

    answer = client.post(url(client_file), stale)

    assert answer.status_code == 200
    assert "Iemand anders heeft dit dossier intussen gewijzigd." in answer.content.decode()
    client_file.refresh_from_db()
    assert client_file.out_of_service_on is None
    assert len(decisions(client_file)) == 1
