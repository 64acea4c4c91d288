"""The admin's pages for work records write through the services."""

import datetime

import pytest
from django.urls import reverse

from tests.factories import JobFactory
from work.models import Employer, Job, JobRenewal

pytestmark = pytest.mark.django_db
D = datetime.date


def url(model, view: str, *args) -> str:
    return reverse(f"admin:work_{model._meta.model_name}_{view}", args=args)


def job_form(client, employer, **changes) -> dict:
    return {
        "client": client.pk,
        "kind": "regular",
        "employer": employer.pk,
        "contract": "temporary",
        "hours_per_week": "24",
        "started_on": "2024-03-01",
        "planned_end_on": "2025-02-28",
        "ended_on": "",
        "end_reason": "",
        "placed_by": "uwv",
        "trajectory": "",
        "change_reason": "Uit de loonadministratie",
    } | changes


def test_adding_a_job_goes_through_record_job(admin_client, admin_user, client_file, employer):
    response = admin_client.post(url(Job, "add"), job_form(client_file, employer))

    assert response.status_code == 302
    job = Job.objects.get()
    assert (job.recorded_by, job.history.get().history_change_reason) == (
        admin_user,
        "Uit de loonadministratie",
    )


def test_a_refused_job_shows_the_services_message_on_its_field(admin_client, client_file, employer):
    response = admin_client.post(
        url(Job, "add"), job_form(client_file, employer, planned_end_on="")
    )

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert "Geef de geplande einddatum" in errors["planned_end_on"][0]
    assert not Job.objects.exists()


def test_changing_a_job_corrects_only_what_changed(admin_client, client_file, employer):
    job = JobFactory.create(
        client=client_file, employer=employer, contract="temporary", planned_end_on=D(2025, 2, 28)
    )
    form = job_form(client_file, employer, ended_on="2024-09-30", end_reason="resigned")
    del form["client"]
    form |= {"renewals-TOTAL_FORMS": "0", "renewals-INITIAL_FORMS": "0"}  # the read-only inline

    response = admin_client.post(url(Job, "change", job.pk), form)

    assert response.status_code == 302
    job.refresh_from_db()
    assert (job.ended_on, job.end_reason) == (D(2024, 9, 30), "resigned")
    assert job.history.latest().history_change_reason == "Uit de loonadministratie"


def test_a_renewal_added_in_the_admin_changes_the_job(admin_client, client_file, employer):
    job = JobFactory.create(
        client=client_file, employer=employer, contract="agency", planned_end_on=D(2024, 12, 31)
    )
    response = admin_client.post(
        url(JobRenewal, "add"),
        {
            "job": job.pk,
            "renewed_on": "2024-12-01",
            "new_planned_end_on": "",
            "made_permanent": "on",
            "change_reason": "",
        },
    )

    assert response.status_code == 302
    job.refresh_from_db()
    assert (job.contract, job.planned_end_on) == ("permanent", None)
    assert job.renewals.get().previous_contract == "agency"


def test_an_employer_added_in_the_admin_is_normalised(admin_client):
    response = admin_client.post(
        url(Employer, "add"),
        {"name": "Zorggroep", "payroll_tax_number": "987654321l01", "kvk_number": ""},
    )
    assert response.status_code == 302
    assert Employer.objects.get().payroll_tax_number == "987654321L01"


def test_a_functional_administrator_keeps_employers_but_sees_no_jobs(client):
    from tests.factories import UserFactory

    admin = UserFactory.create(role="functional_admin", is_staff=True)
    client.force_login(admin)

    assert client.get(url(Employer, "changelist")).status_code == 200
    assert client.get(url(Employer, "add")).status_code == 200
    assert client.get(url(Job, "changelist")).status_code == 403
