"""Work plans with their agreements over the API."""

import pytest

from interventions.models import WorkPlan
from tests.api_client import api_as
from tests.factories import AgreementFactory, UserFactory, WorkPlanFactory

pytestmark = pytest.mark.django_db
LIST = "/api/v1/workplans/"


def plan(client, **changes):
    return {
        "client": client.pk,
        "goal": "Werkritme opbouwen",
        "agreements": [
            {"description": "Weekrooster bijhouden", "owner": "client", "due_on": "2027-03-01"},
            {"description": "Werkgever bellen", "owner": "uwv", "due_on": None},
        ],
    } | changes


def test_a_new_version_replaces_the_current_one_with_exactly_its_agreements(
    caseworker, client_file
):
    old = WorkPlanFactory.create(client=client_file, version=1, goal="Oud")
    AgreementFactory.create(work_plan=old, description="Oude afspraak")

    response = api_as(caseworker).post(LIST, plan(client_file), format="json")

    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["version"], body["status"]) == (2, "draft")
    assert [a["description"] for a in body["agreements"]] == [
        "Weekrooster bijhouden",
        "Werkgever bellen",
    ]
    assert all(a["status"] == "open" for a in body["agreements"])
    old.refresh_from_db()
    assert old.status == "superseded"


def test_a_plan_agreed_at_once_needs_its_date(caseworker, client_file):
    api = api_as(caseworker)
    refused = api.post(LIST, plan(client_file, status="agreed"), format="json")
    assert refused.status_code == 400 and "agreed_on" in refused.json()
    agreed = api.post(
        LIST, plan(client_file, status="agreed", agreed_on="2026-11-01"), format="json"
    )
    assert agreed.status_code == 201 and agreed.json()["agreed_on"] == "2026-11-01"
    assert WorkPlan.objects.get().status == "agreed"


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"goal": ""}, "goal"),
        ({"agreements": [{"description": "x", "owner": "buurman"}]}, "agreements"),
        (
            {"agreements": [{"description": "x", "owner": "uwv", "due_on": "9999-01-01"}]},
            "agreements",
        ),
        ({"status": "superseded"}, "status"),
        ({"agreed_on": "2999-01-01", "status": "agreed"}, "agreed_on"),
    ],
)
def test_bad_plans_are_refused_and_nothing_is_written(caseworker, client_file, changes, field):
    response = api_as(caseworker).post(LIST, plan(client_file, **changes), format="json")
    assert response.status_code == 400 and field in response.json()
    assert not WorkPlan.objects.exists()


def test_every_version_is_listed_newest_first(caseworker, client_file):
    api = api_as(caseworker)
    api.post(LIST, plan(client_file, goal="Eerste"), format="json")
    api.post(LIST, plan(client_file, goal="Tweede"), format="json")
    body = api.get(LIST, {"client": client_file.pk}).json()
    assert [(p["version"], p["status"]) for p in body["results"]] == [
        (2, "draft"),
        (1, "superseded"),
    ]


def test_an_auditor_reads_but_does_not_write(client_file):
    auditor = UserFactory.create(username="audit", role="auditor")
    assert api_as(auditor).post(LIST, plan(client_file), format="json").status_code == 403
    assert api_as(auditor).get(LIST).status_code == 200
