"""The work section of the client file and its quick forms: who may use them, what they save
(with history and a reason), and each refusal as a message next to its field."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from audit.models import AccessLog
from tests.factories import (
    ClientFactory,
    EmployerFactory,
    JobFactory,
    JobRenewalFactory,
    ProvisionFactory,
    TeamFactory,
    UserFactory,
)
from work.models import Employer, Job

pytestmark = pytest.mark.django_db
today = timezone.localdate
ONE_DAY = datetime.timedelta(days=1)


def job_data(**changes):
    data = {
        "kind": "regular",
        "payroll_tax_number": "123456789L01",
        "employer_name": "",
        "contract": "permanent",
        "hours_per_week": "24",
        "started_on": "2025-03-01",
        "planned_end_on": "",
        "placed_by": "uwv",
        "ended_on": "",
        "end_reason": "",
    }
    data.update(changes)
    return data


def new_job_url(client):
    return f"/clienten/{client.pk}/werk/nieuw/"


def errors_of(response):
    assert response.status_code == 200, "the form is shown again"
    return response.context["form"].errors


# ---- the work section on the file ----------------------------------------------------------


def test_file_shows_an_empty_work_section_that_says_what_to_do(client, caseworker, client_file):
    client.force_login(caseworker)
    page = client.get(f"/clienten/{client_file.pk}/").content.decode()
    assert "Nog geen werk of voorzieningen vastgelegd" in page
    assert f"/clienten/{client_file.pk}/werk/nieuw/" in page


def test_file_lists_current_and_past_jobs_with_placement_renewals_and_provisions(
    client, caseworker, client_file
):
    bakery = EmployerFactory.create(name="Bakkerij Van Dam")
    past = JobFactory.create(
        client=client_file,
        employer=EmployerFactory.create(name="Drukkerij Oost"),
        started_on=datetime.date(2020, 1, 1),
        ended_on=datetime.date(2021, 1, 1),
        end_reason="dismissed",
    )
    running = JobFactory.create(
        client=client_file,
        employer=bakery,
        contract="temporary",
        planned_end_on=datetime.date(2026, 6, 1),
        started_on=datetime.date(2024, 3, 1),
    )
    JobRenewalFactory.create(
        job=running,
        renewed_on=datetime.date(2025, 2, 1),
        previous_planned_end_on=datetime.date(2025, 3, 1),
        new_planned_end_on=datetime.date(2026, 6, 1),
    )
    ProvisionFactory.create(client=client_file, job=running, kind="wage_dispensation")
    client.force_login(caseworker)
    response = client.get(f"/clienten/{client_file.pk}/")
    work = response.context["work"]
    assert [j.pk for j in work.current] == [running.pk]
    assert [j.pk for j in work.past] == [past.pk]
    page = response.content.decode()
    assert "Bakkerij Van Dam" in page and "Drukkerij Oost" in page
    assert "plaatsing" in page
    assert "verlengd op 01-02-2025 tot 01-06-2026" in page
    assert "Ontslagen" in page
    assert "Loondispensatie" in page and "Besluit vastleggen" in page


def test_a_job_ending_today_is_still_current(client, caseworker, client_file):
    JobFactory.create(client=client_file, ended_on=today(), end_reason="resigned")
    client.force_login(caseworker)
    work = client.get(f"/clienten/{client_file.pk}/").context["work"]
    assert len(work.current) == 1 and work.past == []


def test_a_job_change_straight_after_another_is_no_placement(client, caseworker, client_file):
    JobFactory.create(
        client=client_file,
        started_on=datetime.date(2023, 1, 1),
        ended_on=datetime.date(2024, 2, 29),
        end_reason="other_job",
    )
    JobFactory.create(client=client_file, started_on=datetime.date(2024, 3, 1))
    client.force_login(caseworker)
    work = client.get(f"/clienten/{client_file.pk}/").context["work"]
    assert [j.is_placement for j in work.current + work.past] == [False, True]


def test_auditor_sees_the_work_section_without_the_forms(client, client_file):
    JobFactory.create(client=client_file)
    client.force_login(UserFactory.create(role="auditor"))
    page = client.get(f"/clienten/{client_file.pk}/").content.decode()
    assert 'id="werk"' in page
    assert "/werk/nieuw/" not in page and "Einde vastleggen" not in page


# ---- who may use the forms -----------------------------------------------------------------


def test_anonymous_is_sent_to_login(client, client_file):
    response = client.get(new_job_url(client_file))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_auditor_may_not_record_work(client, client_file):
    client.force_login(UserFactory.create(role="auditor"))
    assert client.get(new_job_url(client_file)).status_code == 403
    assert client.post(new_job_url(client_file), job_data()).status_code == 403
    assert not Job.objects.exists()


def test_client_of_another_team_is_not_found(client, caseworker):
    other = ClientFactory.create(team=TeamFactory.create(name="Team Ander"))
    job = JobFactory.create(client=other)
    client.force_login(caseworker)
    assert client.get(new_job_url(other)).status_code == 404
    assert client.get(f"/clienten/{other.pk}/werk/{job.pk}/einde/").status_code == 404


def test_another_clients_job_is_not_found_on_this_file(client, caseworker, client_file):
    job = JobFactory.create(client=ClientFactory.create(team=client_file.team))
    client.force_login(caseworker)
    assert client.get(f"/clienten/{client_file.pk}/werk/{job.pk}/einde/").status_code == 404


def test_form_page_is_a_logged_read(client, caseworker, client_file):
    client.force_login(caseworker)
    assert client.get(new_job_url(client_file)).status_code == 200
    assert AccessLog.objects.filter(user=caseworker, client=client_file).exists()


# ---- recording a job -----------------------------------------------------------------------


def test_records_a_job_at_a_known_employer_with_history(client, caseworker, client_file):
    employer = EmployerFactory.create(payroll_tax_number="123456789L01")
    client.force_login(caseworker)
    response = client.post(new_job_url(client_file), job_data(payroll_tax_number="123 456 789 l01"))
    assert response.status_code == 302
    job = Job.objects.get(client=client_file)
    assert job.employer == employer and job.hours_per_week == Decimal("24")
    record = job.history.get()
    assert record.history_user == caseworker and record.history_change_reason == "Werk vastgelegd"


def test_job_form_offers_the_clients_earlier_employers(client, caseworker, client_file):
    JobFactory.create(client=client_file, employer=EmployerFactory.create(name="Drukkerij Oost"))
    EmployerFactory.create(name="Werkgever van een ander")
    client.force_login(caseworker)
    page = client.get(new_job_url(client_file)).content.decode()
    assert "Drukkerij Oost" in page and "Werkgever van een ander" not in page


def test_adds_an_unknown_employer_with_the_job(client, caseworker, client_file):
    client.force_login(caseworker)
    client.post(new_job_url(client_file), job_data(employer_name="Tuincentrum De Linde"))
    employer = Job.objects.get(client=client_file).employer
    assert employer is not None
    assert (employer.name, employer.payroll_tax_number) == ("Tuincentrum De Linde", "123456789L01")


def test_an_employer_added_meanwhile_is_used_for_the_job(
    rival_employer, client, caseworker, client_file
):
    client.force_login(caseworker)
    response = client.post(new_job_url(client_file), job_data(employer_name="Andere naam"))
    assert response.status_code == 302
    assert Job.objects.get(client=client_file).employer == rival_employer
    assert Employer.objects.count() == 1


def test_refused_job_adds_no_employer_either(client, caseworker, client_file):
    client.force_login(caseworker)
    data = job_data(employer_name="Tuincentrum De Linde", contract="temporary")
    errors = errors_of(client.post(new_job_url(client_file), data))
    assert "planned_end_on" in errors
    assert not Employer.objects.exists() and not Job.objects.exists()


def test_records_self_employment_without_employer(client, caseworker, client_file):
    client.force_login(caseworker)
    data = job_data(kind="self_employed", payroll_tax_number="", contract="", placed_by="self")
    assert client.post(new_job_url(client_file), data).status_code == 302
    assert Job.objects.get().employer is None


def test_records_a_past_job_whole(client, caseworker, client_file):
    EmployerFactory.create(payroll_tax_number="123456789L01")
    client.force_login(caseworker)
    data = job_data(ended_on="2025-06-30", end_reason="resigned")
    assert client.post(new_job_url(client_file), data).status_code == 302
    assert Job.objects.get().ended_on == datetime.date(2025, 6, 30)


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"contract": "temporary"},
            "planned_end_on",
            "Geef de geplande einddatum: een tijdelijk contract of uitzendcontract heeft er een.",
        ),
        (
            {"contract": "agency"},
            "planned_end_on",
            "Geef de geplande einddatum: een tijdelijk contract of uitzendcontract heeft er een.",
        ),
        (
            {"ended_on": "2025-02-28", "end_reason": "resigned"},
            "ended_on",
            "De laatste werkdag ligt vóór de startdatum.",
        ),
        (
            {"contract": "temporary", "planned_end_on": "2025-02-28"},
            "planned_end_on",
            "De geplande einddatum ligt vóór de startdatum.",
        ),
        (
            {"payroll_tax_number": "12345678L01"},
            "payroll_tax_number",
            "Een loonheffingennummer bestaat uit 9 cijfers, de letter L en 2 cijfers, "
            "bijvoorbeeld 123456789L01.",
        ),
        ({"payroll_tax_number": ""}, "payroll_tax_number", "Geef het loonheffingennummer"),
        ({}, "employer_name", "Dit loonheffingennummer is nog niet bekend."),
        (
            {"kind": "self_employed", "contract": ""},
            "payroll_tax_number",
            "Zelfstandig werk heeft geen werkgever.",
        ),
        (
            {"started_on": "1995-06-14"},
            "started_on",
            "De startdatum ligt vóór de geboortedatum van de cliënt (15 juni 1995).",
        ),
        ({"started_on": "1899-12-31"}, "started_on", "De startdatum moet tussen"),
        ({"end_reason": "resigned"}, "ended_on", "Geef de laatste werkdag bij de reden"),
    ],
)
def test_refuses_a_job_with_a_message_per_field(
    client, caseworker, client_file, changes, field, message
):
    client.force_login(caseworker)
    if field != "employer_name":
        EmployerFactory.create(payroll_tax_number="123456789L01")
    errors = errors_of(client.post(new_job_url(client_file), job_data(**changes)))
    assert any(message in error for error in errors[field]), errors
    assert not Job.objects.exists()


def test_refused_form_shows_the_error_summary(client, caseworker, client_file):
    client.force_login(caseworker)
    page = client.post(new_job_url(client_file), job_data(contract="temporary")).content.decode()
    assert "Niet opgeslagen. Controleer het volgende:" in page


def test_start_on_the_birthday_is_accepted(client, caseworker, client_file):
    EmployerFactory.create(payroll_tax_number="123456789L01")
    client.force_login(caseworker)
    data = job_data(started_on="1995-06-15", ended_on="1995-06-15", end_reason="other")
    assert client.post(new_job_url(client_file), data).status_code == 302
