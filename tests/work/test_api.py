"""Employers, jobs, renewals and provisions over the API, as API.md names them."""

import datetime

import pytest

from audit.models import AccessLog
from tests.api_client import api_as
from tests.factories import (
    ClientFactory,
    EmployerFactory,
    JobFactory,
    ProvisionFactory,
    TrajectoryFactory,
    UserFactory,
)
from work.models import Employer, Job, Provision

pytestmark = pytest.mark.django_db
D = datetime.date
JOBS, PROVISIONS, EMPLOYERS = "/api/v1/jobs/", "/api/v1/provisions/", "/api/v1/employers/"


def a_job(client, at, **changes) -> dict:
    return {
        "client": client.pk,
        "kind": "regular",
        "employer": at and at.pk,
        "contract": "temporary",
        "hours_per_week": "24.5",
        "started_on": "2024-03-01",
        "planned_end_on": "2025-02-28",
        "placed_by": "uwv",
    } | changes


# Employers --------------------------------------------------------------------------------


def test_a_caseworker_adds_an_employer_and_finds_it(caseworker):
    api = api_as(caseworker)
    response = api.post(
        EMPLOYERS,
        {"name": "Bakkerij Van Dam", "payroll_tax_number": "123456789l01"},
        format="json",
        HTTP_X_CHANGE_REASON="Nieuwe werkgever van cliënt",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["payroll_tax_number"], body["kvk_number"]) == ("123456789L01", "")
    stored = Employer.objects.get()
    assert stored.history.get().history_change_reason == "Nieuwe werkgever van cliënt"

    EmployerFactory.create(name="Zorggroep Oost")
    found = api.get(EMPLOYERS, {"search": "bakkerij"}).json()["results"]
    by_number = api.get(EMPLOYERS, {"search": "123456789L01"}).json()["results"]
    assert [e["name"] for e in found] == [e["name"] for e in by_number] == ["Bakkerij Van Dam"]


@pytest.mark.parametrize(
    "body",
    [
        {"name": "X", "payroll_tax_number": "12345678L01"},
        {"name": "X", "payroll_tax_number": "123456789L01", "kvk_number": "123"},
        {"name": "", "payroll_tax_number": "123456789L02"},
    ],
)
def test_an_employer_with_a_bad_number_is_refused_per_field(caseworker, body):
    response = api_as(caseworker).post(EMPLOYERS, body, format="json")
    assert response.status_code == 400
    assert set(response.json()) <= {"name", "payroll_tax_number", "kvk_number"}


def test_a_known_payroll_tax_number_is_refused(caseworker, employer):
    response = api_as(caseworker).post(
        EMPLOYERS, {"name": "Anders", "payroll_tax_number": "123456789L01"}, format="json"
    )
    assert response.status_code == 400
    assert "Bakkerij Van Dam" in response.json()["payroll_tax_number"][0]


def test_an_auditor_reads_employers_but_adds_none(db):
    auditor = UserFactory.create(role="auditor")
    api = api_as(auditor)
    assert api.get(EMPLOYERS).status_code == 200
    body = {"name": "X", "payroll_tax_number": "123456789L01"}
    assert api.post(EMPLOYERS, body, format="json").status_code == 403


# Jobs -------------------------------------------------------------------------------------


def test_recording_a_job_answers_it_with_what_it_derives(caseworker, client_file, employer):
    response = api_as(caseworker).post(JOBS, a_job(client_file, employer), format="json")

    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["is_placement"] is True
    assert body["renewals"] == []
    assert (body["hours_per_week"], body["end_reason"], body["ended_on"]) == ("24.5", None, None)
    assert Job.objects.get().recorded_by == caseworker


def test_self_employment_is_recorded_with_null_employer_and_contract(caseworker, client_file):
    body = a_job(
        client_file,
        None,
        kind="self_employed",
        contract=None,
        planned_end_on=None,
        placed_by="self",
    )
    response = api_as(caseworker).post(JOBS, body, format="json")
    assert response.status_code == 201, response.json()
    assert (response.json()["employer"], response.json()["contract"]) == (None, None)
    assert response.json()["is_placement"] is False


def test_a_past_job_is_recorded_whole(caseworker, client_file, employer):
    body = a_job(
        client_file,
        employer,
        contract="permanent",
        planned_end_on=None,
        ended_on="2024-12-31",
        end_reason="health",
    )
    response = api_as(caseworker).post(JOBS, body, format="json")
    assert response.status_code == 201, response.json()
    assert (response.json()["ended_on"], response.json()["end_reason"]) == ("2024-12-31", "health")


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"planned_end_on": None}, "planned_end_on"),  # temporary without a planned end
        ({"ended_on": "2024-02-01", "end_reason": "health"}, "ended_on"),  # end before start
        ({"end_reason": "health"}, "ended_on"),
        ({"employer": None}, "employer"),
        ({"hours_per_week": 24}, "hours_per_week"),  # a number, not text
        ({"hours_per_week": "0"}, "hours_per_week"),
        ({"hours_per_week": "24.25"}, "hours_per_week"),
        ({"contract": "zzp"}, "contract"),
        ({"is_placement": True}, "is_placement"),  # read-only
        ({"started_on": "0001-01-01"}, "started_on"),
    ],
)
def test_a_bad_job_is_refused_with_a_message_on_its_field(
    caseworker, client_file, employer, changes, field
):
    response = api_as(caseworker).post(JOBS, a_job(client_file, employer, **changes), format="json")
    assert response.status_code == 400
    assert field in response.json(), response.json()
    assert not Job.objects.exists()


def test_a_trajectory_or_client_outside_the_scope_is_unknown(caseworker, client_file, employer):
    stranger = ClientFactory.create()
    theirs = TrajectoryFactory.create(client=stranger)
    api = api_as(caseworker)

    response = api.post(JOBS, a_job(client_file, employer, trajectory=theirs.pk), format="json")
    assert response.json()["trajectory"] == ["Onbekend traject."]
    response = api.post(JOBS, a_job(stranger, employer), format="json")
    assert response.json()["client"] == ["Onbekende cliënt."]


def test_the_list_filters_by_client_kind_and_running_day(caseworker, client_file, employer):
    ended = JobFactory.create(
        client=client_file, employer=employer, ended_on=D(2024, 6, 30), end_reason="resigned"
    )
    business = JobFactory.create(
        client=client_file,
        kind="self_employed",
        employer=None,
        contract="",
        started_on=D(2024, 7, 1),
    )
    JobFactory.create()  # another team's client
    api = api_as(caseworker)

    def ids(**query):
        return {row["id"] for row in api.get(JOBS, query).json()["results"]}

    assert ids() == {ended.pk, business.pk}
    assert ids(client=client_file.pk, kind="self_employed") == {business.pk}
    assert ids(running_on="2024-06-30") == {ended.pk}  # the last day worked
    assert ids(running_on="2024-07-01") == {business.pk}
    assert api.get(JOBS, {"running_on": "30-06-2024"}).status_code == 400


def test_patch_ends_a_running_job(caseworker, client_file, employer):
    job = JobFactory.create(client=client_file, employer=employer)
    response = api_as(caseworker).patch(
        f"{JOBS}{job.pk}/",
        {"ended_on": "2024-09-30", "end_reason": "dismissed"},
        format="json",
        HTTP_X_CHANGE_REASON="Ontslag na proeftijd",
    )
    assert response.status_code == 200, response.json()
    job.refresh_from_db()
    assert (job.ended_on, job.end_reason) == (D(2024, 9, 30), "dismissed")
    assert job.history.first().history_change_reason == "Ontslag na proeftijd"


def test_patch_corrects_fields_and_refuses_a_broken_rule(caseworker, client_file, employer):
    job = JobFactory.create(client=client_file, employer=employer)
    api = api_as(caseworker)

    fixed = api.patch(f"{JOBS}{job.pk}/", {"hours_per_week": "32"}, format="json")
    refused = api.patch(f"{JOBS}{job.pk}/", {"contract": "agency"}, format="json")

    assert fixed.status_code == 200 and fixed.json()["hours_per_week"] == "32.0"
    assert refused.status_code == 400 and "planned_end_on" in refused.json()


def test_a_job_outside_the_scope_is_not_found(caseworker):
    theirs = JobFactory.create()
    api = api_as(caseworker)
    assert api.get(f"{JOBS}{theirs.pk}/").status_code == 404
    assert (
        api.patch(f"{JOBS}{theirs.pk}/", {"hours_per_week": "8"}, format="json").status_code == 404
    )
    renewal = {"renewed_on": "2024-06-01", "made_permanent": True}
    assert api.post(f"{JOBS}{theirs.pk}/renewals/", renewal, format="json").status_code == 404


def test_renewals_extend_and_then_make_permanent(caseworker, client_file, employer):
    job = JobFactory.create(
        client=client_file, employer=employer, contract="temporary", planned_end_on=D(2024, 12, 31)
    )
    api = api_as(caseworker)
    path = f"{JOBS}{job.pk}/renewals/"

    extended = api.post(
        path, {"renewed_on": "2024-11-01", "new_planned_end_on": "2025-06-30"}, format="json"
    )
    too_early = api.post(
        path, {"renewed_on": "2024-12-01", "new_planned_end_on": "2025-06-30"}, format="json"
    )
    permanent = api.post(path, {"renewed_on": "2025-05-01", "made_permanent": True}, format="json")

    assert extended.status_code == 201, extended.json()
    assert extended.json()["planned_end_on"] == "2025-06-30"
    assert (
        too_early.status_code == 400 and "30 juni 2025" in too_early.json()["new_planned_end_on"][0]
    )
    body = permanent.json()
    assert (body["contract"], body["planned_end_on"]) == ("permanent", None)
    assert body["renewals"] == [
        {"renewed_on": "2024-11-01", "new_planned_end_on": "2025-06-30", "made_permanent": False},
        {"renewed_on": "2025-05-01", "new_planned_end_on": None, "made_permanent": True},
    ]


def test_a_renewal_shows_the_job_and_logs_the_read(caseworker, client_file, employer):
    job = JobFactory.create(
        client=client_file, employer=employer, contract="agency", planned_end_on=D(2024, 12, 31)
    )
    api_as(caseworker).post(
        f"{JOBS}{job.pk}/renewals/",
        {"renewed_on": "2024-06-01", "made_permanent": True},
        format="json",
    )
    assert AccessLog.objects.filter(user=caseworker, client=client_file).exists()


def test_an_auditor_reads_jobs_and_changes_none(client_file, employer):
    auditor = UserFactory.create(role="auditor")
    job = JobFactory.create(client=client_file, employer=employer)
    api = api_as(auditor)
    assert api.get(f"{JOBS}{job.pk}/").status_code == 200
    assert api.patch(f"{JOBS}{job.pk}/", {"hours_per_week": "8"}, format="json").status_code == 403
    assert api.post(JOBS, a_job(client_file, employer), format="json").status_code == 403


# Provisions -------------------------------------------------------------------------------


def test_a_provision_is_applied_for_filtered_as_pending_and_decided(caseworker, client_file):
    api = api_as(caseworker)
    job = JobFactory.create(client=client_file)
    created = api.post(
        PROVISIONS,
        {
            "client": client_file.pk,
            "job": job.pk,
            "kind": "wage_dispensation",
            "applicant": "employer",
            "applied_on": "2024-04-01",
        },
        format="json",
    )
    assert created.status_code == 201, created.json()
    assert created.json()["decision"] is None
    pk = created.json()["id"]
    assert [p["id"] for p in api.get(PROVISIONS, {"pending": "true"}).json()["results"]] == [pk]

    decided = api.patch(
        f"{PROVISIONS}{pk}/",
        {
            "decision": "granted",
            "decided_on": "2024-05-01",
            "valid_from": "2024-05-01",
            "wage_value_percent": 55,
            "review_on": "2025-05-01",
        },
        format="json",
    )
    assert decided.status_code == 200, decided.json()
    assert api.get(PROVISIONS, {"pending": "true"}).json()["results"] == []
    assert (
        api.get(PROVISIONS, {"pending": "false", "kind": "wage_dispensation"}).json()["count"] == 1
    )
    assert Provision.objects.get().history.first().history_change_reason == (
        "Besluit op voorziening vastgelegd"
    )


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"wage_value_percent": 40}, "wage_value_percent"),  # a job coach has no wage value
        ({"wage_value_percent": 140, "kind": "wage_dispensation"}, "wage_value_percent"),
        ({"decision": "granted"}, "decided_on"),
        ({"decision": "pending"}, "decision"),
        ({"applied_on": "2024-13-01"}, "applied_on"),
        (
            {
                "kind": "wage_dispensation",
                "decision": "granted",
                "decided_on": "2024-05-01",
                "valid_from": "2024-05-01",
                "wage_value_percent": 50,
            },
            "review_on",
        ),
    ],
)
def test_a_bad_provision_is_refused_on_its_field(caseworker, client_file, changes, field):
    body = {
        "client": client_file.pk,
        "kind": "job_coach",
        "applicant": "client",
        "applied_on": "2024-04-01",
    } | changes
    response = api_as(caseworker).post(PROVISIONS, body, format="json")
    assert response.status_code == 400
    assert field in response.json(), response.json()


def test_a_job_of_another_clients_file_outside_scope_is_unknown(caseworker, client_file):
    body = {
        "client": client_file.pk,
        "job": JobFactory.create().pk,
        "kind": "job_coach",
        "applicant": "client",
        "applied_on": "2024-04-01",
    }
    response = api_as(caseworker).post(PROVISIONS, body, format="json")
    assert response.json()["job"] == ["Onbekend werk."]


def test_provisions_outside_the_scope_are_not_listed(caseworker, client_file):
    mine = ProvisionFactory.create(client=client_file)
    ProvisionFactory.create()
    results = api_as(caseworker).get(PROVISIONS).json()["results"]
    assert [row["id"] for row in results] == [mine.pk]


def test_the_document_links_a_new_job_to_its_renewals_and_provisions():
    from drf_spectacular.generators import SchemaGenerator

    paths = SchemaGenerator().get_schema(request=None, public=True)["paths"]
    job_links = paths["/api/v1/jobs/"]["post"]["responses"]["201"]["links"]
    employer_links = paths["/api/v1/employers/"]["post"]["responses"]["201"]["links"]

    assert {"jobs_renewals_create", "jobs_partial_update"} <= set(job_links)
    assert job_links["provisions_create"]["requestBody"] == {"job": "$response.body#/id"}
    assert employer_links["jobs_create"]["requestBody"] == {"employer": "$response.body#/id"}
