"""Provisions: applied, decided, valid; each rule refused on its field, with history."""

import datetime
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from tests.factories import JobFactory, ProvisionFactory
from work.models import Provision
from work.services.provisions import change_provision, decide_provision, record_provision

pytestmark = pytest.mark.django_db
D = datetime.date


def record(client, by, **changes) -> Provision:
    fields: dict[str, Any] = {
        "kind": "job_coach",
        "applicant": "employer",
        "applied_on": D(2024, 4, 1),
    } | changes
    return record_provision(client=client, by=by, **fields)


def refusal(call, **kwargs) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as refused:
        call(**kwargs)
    return refused.value.message_dict


def test_an_application_is_pending_until_decided(client_file, caseworker):
    provision = record(client_file, caseworker, change_reason="Werkgever belde")

    assert provision.decision == ""
    assert list(Provision.objects.pending()) == [provision]
    assert provision.history.get().history_change_reason == "Werkgever belde"


def test_a_past_granted_wage_dispensation_is_recorded_whole(client_file, caseworker):
    job = JobFactory.create(client=client_file)
    provision = record(
        client_file,
        caseworker,
        kind="wage_dispensation",
        job=job,
        decided_on=D(2024, 5, 1),
        decision="granted",
        valid_from=D(2024, 5, 1),
        valid_until=D(2025, 4, 30),
        wage_value_percent=60,
        review_on=D(2025, 3, 1),
    )
    assert (provision.job, provision.wage_value_percent) == (job, 60)


@pytest.mark.parametrize(
    "changes, field, message",
    [
        ({"decision": "granted", "valid_from": D(2024, 5, 1)}, "decided_on", "Geef de datum"),
        ({"decided_on": D(2024, 5, 1)}, "decision", "Kies het besluit"),
        (
            {"decision": "refused", "decided_on": D(2024, 3, 31)},
            "decided_on",
            "Het besluit kan niet vóór de aanvraag liggen.",
        ),
        ({"decision": "granted", "decided_on": D(2024, 5, 1)}, "valid_from", "ingangsdatum"),
        (
            {"decision": "refused", "decided_on": D(2024, 5, 1), "valid_from": D(2024, 5, 1)},
            "valid_from",
            "Alleen een toegekende voorziening",
        ),
        (
            {
                "decision": "granted",
                "decided_on": D(2024, 5, 1),
                "valid_from": D(2024, 5, 1),
                "valid_until": D(2024, 4, 30),
            },
            "valid_until",
            "De einddatum ligt vóór de ingangsdatum.",
        ),
        ({"wage_value_percent": 50}, "wage_value_percent", "Alleen bij loondispensatie"),
        (
            {
                "kind": "wage_dispensation",
                "decision": "granted",
                "decided_on": D(2024, 5, 1),
                "valid_from": D(2024, 5, 1),
            },
            "wage_value_percent",
            "Geef de vastgestelde loonwaarde",
        ),
        (
            {
                "kind": "wage_dispensation",
                "decision": "granted",
                "decided_on": D(2024, 5, 1),
                "valid_from": D(2024, 5, 1),
                "wage_value_percent": 60,
            },
            "review_on",
            "Geef de datum waarop de loondispensatie wordt herbeoordeeld.",
        ),
        ({"kind": "wage_dispensation", "wage_value_percent": 101}, "wage_value_percent", "100"),
        ({"review_on": D(2024, 3, 1)}, "review_on", "vóór de aanvraag"),
        ({"applicant": "uwv"}, "applicant", "geen geldige keuze"),
    ],
)
def test_a_provision_breaking_a_rule_is_refused_on_its_field(
    client_file, caseworker, changes, field, message
):
    errors = refusal(record, client=client_file, by=caseworker, **changes)
    assert message in " ".join(errors[field])
    assert not Provision.objects.exists()


def test_dates_after_today_are_refused_for_the_application_and_decision(client_file, caseworker):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    errors = refusal(record, client=client_file, by=caseworker, applied_on=tomorrow)
    assert errors["applied_on"] == ["De aanvraagdatum kan niet in de toekomst liggen."]
    errors = refusal(
        record, client=client_file, by=caseworker, decision="refused", decided_on=tomorrow
    )
    assert errors["decided_on"] == ["De besluitdatum kan niet in de toekomst liggen."]


def test_the_job_must_be_the_clients_own(client_file, caseworker):
    errors = refusal(record, client=client_file, by=caseworker, job=JobFactory.create())
    assert errors["job"] == ["Dit werk hoort bij een andere cliënt."]


def test_deciding_a_pending_application_with_history(client_file, caseworker):
    provision = record(client_file, caseworker, kind="transport")
    decided = decide_provision(
        provision=provision,
        decision="granted",
        decided_on=D(2024, 4, 20),
        valid_from=D(2024, 5, 1),
        by=caseworker,
    )
    assert (decided.decision, decided.valid_from, decided.valid_until) == (
        "granted",
        D(2024, 5, 1),
        None,
    )
    assert decided.history.first().history_change_reason == "Besluit op voorziening vastgelegd"


def test_a_decided_application_is_not_decided_again(client_file, caseworker):
    provision = ProvisionFactory.create(
        client=client_file, decision="refused", decided_on=D(2024, 4, 10)
    )
    errors = refusal(
        decide_provision,
        provision=provision,
        decision="granted",
        decided_on=D(2024, 5, 1),
        valid_from=D(2024, 5, 1),
        by=caseworker,
    )
    assert "al besloten (afgewezen, 10 april 2024)" in errors["decision"][0]


def test_a_correction_keeps_the_rules_and_changes_only_what_differs(client_file, caseworker):
    provision = record(client_file, caseworker)
    change_provision(provision=provision, changes={"kind": "job_coach"}, by=caseworker)
    assert provision.history.count() == 1

    corrected = change_provision(
        provision=provision, changes={"applied_on": D(2024, 3, 15)}, by=caseworker
    )
    assert corrected.history.first().history_change_reason == "Voorziening gecorrigeerd"
    errors = refusal(
        change_provision, provision=provision, changes={"decision": "withdrawn"}, by=caseworker
    )
    assert "decided_on" in errors


def test_the_database_refuses_what_the_services_refuse(client_file):
    from django.db import IntegrityError, transaction

    invalid: list[dict[str, Any]] = [
        {"decision": "granted"},  # no decision date, no validity
        {"decided_on": D(2024, 5, 1)},  # no decision
        {"decision": "refused", "decided_on": D(2024, 5, 1), "valid_from": D(2024, 5, 1)},
        {"wage_value_percent": 50},  # not wage dispensation
        {"kind": "wage_dispensation", "wage_value_percent": 120},
        {
            "kind": "wage_dispensation",
            "decision": "granted",
            "decided_on": D(2024, 5, 1),
            "valid_from": D(2024, 5, 1),
        },  # without a wage value
        {"review_on": D(2024, 1, 1)},
    ]
    for fields in invalid:
        with pytest.raises(IntegrityError), transaction.atomic():
            ProvisionFactory.create(client=client_file, **fields)
    assert not Provision.objects.exists()


@pytest.mark.parametrize(
    "changes, field, what",
    [
        ({"applied_on": D(1995, 6, 14)}, "applied_on", "De aanvraagdatum"),
        (
            {"decision": "granted", "decided_on": D(2024, 5, 1), "valid_from": D(1995, 1, 1)},
            "valid_from",
            "De ingangsdatum",
        ),
    ],
)
def test_a_provision_date_before_the_clients_birth_is_refused(
    client_file, caseworker, changes, field, what
):
    found = refusal(record, client=client_file, by=caseworker, **changes)
    assert found[field] == [f"{what} ligt vóór de geboortedatum van de cliënt (15 juni 1995)."]
    assert not Provision.objects.exists()


def test_a_decision_valid_from_before_the_birth_is_refused(client_file, caseworker):
    pending = record(client_file, caseworker)
    found = refusal(
        decide_provision,
        provision=pending,
        decision="granted",
        decided_on=D(2024, 5, 1),
        valid_from=D(1990, 1, 1),
        by=caseworker,
    )
    assert list(found) == ["valid_from"]
    pending.refresh_from_db()
    assert pending.decision == ""
