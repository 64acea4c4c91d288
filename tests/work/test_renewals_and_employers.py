"""Renewing a fixed-term contract (extended or made permanent), and adding employers."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from tests.api_client import api_as
from tests.factories import JobFactory
from work.models import Employer, Job
from work.selectors import contract_on
from work.services.employers import create_employer
from work.services.renewals import renew_job

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def temporary(client_file, employer) -> Job:
    return JobFactory.create(
        client=client_file,
        employer=employer,
        contract="temporary",
        started_on=D(2024, 1, 1),
        planned_end_on=D(2024, 12, 31),
    )


def refusal(**kwargs) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as refused:
        renew_job(**kwargs)
    return refused.value.message_dict


def test_an_extension_moves_the_planned_end_and_keeps_the_old_one(temporary, caseworker):
    renewal = renew_job(
        job=temporary,
        renewed_on=D(2024, 11, 1),
        new_planned_end_on=D(2025, 12, 31),
        by=caseworker,
    )
    temporary.refresh_from_db()

    assert temporary.planned_end_on == D(2025, 12, 31)
    assert (renewal.previous_contract, renewal.previous_planned_end_on) == (
        "temporary",
        D(2024, 12, 31),
    )
    assert renewal.history.get().history_change_reason == "Contract verlengd tot 31 december 2025"
    assert (
        temporary.history.first().history_change_reason
        == renewal.history.get().history_change_reason
    )


def test_made_permanent_clears_the_planned_end_and_counts_from_that_day(temporary, caseworker):
    renew_job(
        job=temporary,
        renewed_on=D(2024, 6, 1),
        made_permanent=True,
        by=caseworker,
        change_reason="Vast contract aangeboden",
    )
    temporary.refresh_from_db()

    assert (temporary.contract, temporary.planned_end_on) == ("permanent", None)
    assert contract_on(job=temporary, day=D(2024, 5, 31)) == "temporary"
    assert contract_on(job=temporary, day=D(2024, 6, 1)) == "permanent"
    assert temporary.history.first().history_change_reason == "Vast contract aangeboden"


@pytest.mark.parametrize("new_end", [D(2024, 12, 31), D(2024, 6, 30)])
def test_a_renewal_not_later_than_the_current_end_is_refused(temporary, caseworker, new_end):
    errors = refusal(
        job=temporary, renewed_on=D(2024, 11, 1), new_planned_end_on=new_end, by=caseworker
    )
    assert errors["new_planned_end_on"] == [
        "De nieuwe einddatum moet na de huidige geplande einddatum (31 december 2024) liggen."
    ]


def test_one_day_later_than_the_current_end_is_a_renewal(temporary, caseworker):
    renew_job(
        job=temporary, renewed_on=D(2024, 11, 1), new_planned_end_on=D(2025, 1, 1), by=caseworker
    )
    temporary.refresh_from_db()
    assert temporary.planned_end_on == D(2025, 1, 1)


def test_a_renewal_names_a_new_end_or_permanence_not_both_nor_neither(temporary, caseworker):
    both = refusal(
        job=temporary,
        renewed_on=D(2024, 11, 1),
        new_planned_end_on=D(2025, 6, 1),
        made_permanent=True,
        by=caseworker,
    )
    neither = refusal(job=temporary, renewed_on=D(2024, 11, 1), by=caseworker)
    assert "niet allebei" in both["new_planned_end_on"][0]
    assert "Geef de nieuwe geplande einddatum" in neither["new_planned_end_on"][0]


def test_the_day_of_a_renewal_lies_within_the_job_and_not_in_the_future(temporary, caseworker):
    before_start = refusal(
        job=temporary, renewed_on=D(2023, 12, 31), made_permanent=True, by=caseworker
    )
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    future = refusal(job=temporary, renewed_on=tomorrow, made_permanent=True, by=caseworker)

    assert "1 januari 2024" in before_start["renewed_on"][0]
    assert future["renewed_on"] == ["De verlengdatum kan niet in de toekomst liggen."]
    # the first day of the job and today are both allowed
    renew_job(
        job=temporary, renewed_on=D(2024, 1, 1), new_planned_end_on=D(2025, 3, 1), by=caseworker
    )
    renew_job(job=temporary, renewed_on=timezone.localdate(), made_permanent=True, by=caseworker)


def test_a_renewal_is_not_dated_before_the_last_one(temporary, caseworker):
    renew_job(
        job=temporary, renewed_on=D(2024, 11, 1), new_planned_end_on=D(2025, 6, 30), by=caseworker
    )
    errors = refusal(
        job=temporary, renewed_on=D(2024, 10, 1), new_planned_end_on=D(2025, 12, 31), by=caseworker
    )
    assert "1 november 2024" in errors["renewed_on"][0]


def test_an_ended_job_is_renewed_only_up_to_its_last_day(temporary, caseworker):
    Job.objects.filter(pk=temporary.pk).update(ended_on=D(2024, 8, 31), end_reason="resigned")
    errors = refusal(job=temporary, renewed_on=D(2024, 9, 1), made_permanent=True, by=caseworker)
    assert "31 augustus 2024" in errors["renewed_on"][0]


@pytest.mark.parametrize("contract", ["permanent", None])
def test_only_a_fixed_term_contract_is_renewed(client_file, employer, caseworker, contract):
    job = (
        JobFactory.create(client=client_file, employer=employer)
        if contract
        else JobFactory.create(client=client_file, kind="self_employed", employer=None, contract="")
    )
    with pytest.raises(ValidationError) as refused:
        renew_job(job=job, renewed_on=D(2024, 6, 1), made_permanent=True, by=caseworker)
    assert "Alleen een tijdelijk contract" in refused.value.messages[0]


# Employers --------------------------------------------------------------------------------


def test_an_employer_is_stored_with_its_number_in_capitals(caseworker):
    employer = create_employer(
        name="  Zorggroep Oost ",
        payroll_tax_number="987654321l02",
        kvk_number="1234 5678",
        by=caseworker,
    )
    assert (employer.name, employer.payroll_tax_number, employer.kvk_number) == (
        "Zorggroep Oost",
        "987654321L02",
        "12345678",
    )
    assert employer.history.get().history_change_reason == "Werkgever toegevoegd"


@pytest.mark.parametrize(
    "number",
    ["12345678L01", "1234567890L01", "123456789X01", "123456789L1", "123456789L012", ""],
)
def test_a_payroll_tax_number_in_another_form_is_refused(caseworker, number):
    with pytest.raises(ValidationError) as refused:
        create_employer(name="Bakkerij", payroll_tax_number=number, by=caseworker)
    assert "payroll_tax_number" in refused.value.message_dict
    assert not Employer.objects.exists()


def test_a_known_payroll_tax_number_names_its_employer(employer, caseworker):
    with pytest.raises(ValidationError) as refused:
        create_employer(name="Andere naam", payroll_tax_number="123456789l01", by=caseworker)
    assert refused.value.message_dict == {
        "payroll_tax_number": ["Dit loonheffingennummer hoort al bij werkgever Bakkerij Van Dam."]
    }


def test_a_number_added_meanwhile_is_refused_as_known_not_as_an_error(rival_employer, caseworker):
    response = api_as(caseworker).post(
        "/api/v1/employers/",
        {"name": "Andere naam", "payroll_tax_number": "123456789L01"},
        format="json",
    )
    assert response.status_code == 400
    assert response.json() == {
        "payroll_tax_number": ["Dit loonheffingennummer hoort al bij werkgever Bakkerij Van Dam."]
    }
    assert list(Employer.objects.all()) == [rival_employer]


@pytest.mark.parametrize("kvk", ["1234567", "123456789", "1234567a"])
def test_a_kvk_number_has_eight_digits(caseworker, kvk):
    with pytest.raises(ValidationError) as refused:
        create_employer(
            name="Bakkerij", payroll_tax_number="111222333L01", kvk_number=kvk, by=caseworker
        )
    assert "Een KvK-nummer bestaat uit 8 cijfers." in refused.value.message_dict["kvk_number"]


def test_the_database_refuses_a_payroll_tax_number_in_lower_case(db):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Employer.objects.create(name="X", payroll_tax_number="123456789l01")
