"""A day in a client's file before the client was born is refused over the API as on the screens
(the services refuse it): 400 on the field, saying so, and nothing written."""

import datetime

import pytest

from interventions.models import ContactExemption, Conversation, Trajectory, WorkPlan
from participation.models import RungAssessment
from phases.models import PhaseExemption, PhasePeriod
from tests.api_client import api_as
from tests.factories import (
    EmployerFactory,
    JobFactory,
    PhasePeriodFactory,
    ProviderFactory,
    ServiceTypeFactory,
)
from work.models import Job, JobRenewal, Provision

pytestmark = pytest.mark.django_db

BORN = datetime.date(1995, 6, 15)  # ClientFactory's
BEFORE = "1995-06-14"
IN_WORDS = "(15 juni 1995)"


@pytest.fixture
def in_phase_2(client_file):
    assert client_file.date_of_birth == BORN
    PhasePeriodFactory.create(client=client_file, phase="2", started_on=datetime.date(2020, 1, 1))
    return client_file


def conversation(client, day):
    body = {"client": client.pk, "held_on": day, "status": "held", "channel": "phone"}
    return "/api/v1/conversations/", body, Conversation


def contact_exemption(client, day):
    body = {
        "client": client.pk,
        "reason": "medical",
        "valid_from": day,
        "valid_until": "2030-01-01",
    }
    return "/api/v1/contact-exemptions/", body, ContactExemption


def phase_exemption(client, day):
    body = {
        "client": client.pk,
        "phase": "2",
        "reason": "medical",
        "valid_from": day,
        "review_on": "2030-01-01",
    }
    return "/api/v1/phase-exemptions/", body, PhaseExemption


def phase_transition(client, day):
    body = {"phase": "3", "started_on": day, "reason": "Werkfit", "version": client.version}
    return f"/api/v1/clients/{client.pk}/phase-transitions/", body, PhasePeriod


def rung(client, day):
    body = {"rung": 3, "assessed_on": day}
    return f"/api/v1/clients/{client.pk}/ladder/", body, RungAssessment


def trajectory(client, day):
    body = {
        "client": client.pk,
        "service_type": ServiceTypeFactory.create(code="WF", phases="23").pk,
        "provider": ProviderFactory.create().pk,
        "purpose": "Werkritme",
        "purchased_on": day,
        "cost": "4250.00",
    }
    return "/api/v1/trajectories/", body, Trajectory


def agreed_plan(client, day):
    body = {"client": client.pk, "goal": "Werk", "status": "agreed", "agreed_on": day}
    return "/api/v1/workplans/", body, WorkPlan


def plan_with_agreement(client, day):
    agreement = {"description": "Rooster bijhouden", "owner": "client", "due_on": day}
    body = {"client": client.pk, "goal": "Werk", "agreements": [agreement]}
    return "/api/v1/workplans/", body, WorkPlan


def job(client, day):
    body = {
        "client": client.pk,
        "kind": "regular",
        "employer": EmployerFactory.create().pk,
        "contract": "permanent",
        "started_on": day,
        "placed_by": "uwv",
    }
    return "/api/v1/jobs/", body, Job


def provision(client, day):
    body = {"client": client.pk, "kind": "job_coach", "applicant": "client", "applied_on": day}
    return "/api/v1/provisions/", body, Provision


def renewal(client, day):
    """A temporary job stored from before the birth (as no service would now), renewed."""
    temporary = JobFactory.create(
        client=client,
        contract="temporary",
        started_on=datetime.date(1990, 1, 1),
        planned_end_on=datetime.date(2030, 1, 1),
    )
    body = {"renewed_on": day, "made_permanent": True}
    return f"/api/v1/jobs/{temporary.pk}/renewals/", body, JobRenewal


REQUESTS = [
    (conversation, "held_on", "De gespreksdatum"),
    (contact_exemption, "valid_from", "De ingangsdatum"),
    (phase_exemption, "valid_from", "De ingangsdatum"),
    (phase_transition, "started_on", "De ingangsdatum"),
    (rung, "assessed_on", "De datum van de beoordeling"),
    (trajectory, "purchased_on", "De inkoopdatum"),
    (agreed_plan, "agreed_on", "De afspraakdatum"),
    (plan_with_agreement, "due_on", "De uiterste datum"),
    (job, "started_on", "De startdatum"),
    (provision, "applied_on", "De aanvraagdatum"),
    (renewal, "renewed_on", "De verlengdatum"),
]


@pytest.mark.parametrize(
    "request_for, field, what", REQUESTS, ids=[r[0].__name__ for r in REQUESTS]
)
def test_a_day_before_the_client_was_born_is_refused_and_nothing_written(
    caseworker, in_phase_2, request_for, field, what
):
    path, body, model = request_for(in_phase_2, BEFORE)
    count = model.objects.count()

    response = api_as(caseworker).post(path, body, format="json")

    assert response.status_code == 400
    assert response.json() == {
        field: [f"{what} ligt vóór de geboortedatum van de cliënt {IN_WORDS}."]
    }
    assert model.objects.count() == count


@pytest.mark.parametrize(
    "request_for",
    [conversation, contact_exemption, phase_exemption, phase_transition, job, provision, rung],
)
def test_the_day_of_birth_itself_is_taken(caseworker, client_file, request_for):
    path, body, model = request_for(client_file, BORN.isoformat())

    response = api_as(caseworker).post(path, body, format="json")

    assert response.status_code == 201, response.json()
    assert model.objects.filter(client=client_file).exists()
