"""Each kind of record in a client file shows up in its history with who, what and why."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from accounts.models import Membership
from audit.selectors import KINDS, client_history
from clients.capacity import record_capacity_decision, request_reassessment
from clients.services import assign_caseworker, move_to_team, update_client
from interventions.services.conversations import log_conversation
from interventions.services.exemptions import record_contact_exemption
from interventions.services.letters import record_letter
from interventions.services.trajectories import change_trajectory_status, purchase_trajectory
from interventions.services.work_plans import create_work_plan_version, set_agreement_status
from participation.services import record_rung
from phases.services import record_phase_exemption, transition_phase
from referrals.services import refer_client
from signals.services import dismiss_signal
from tests.factories import ProviderFactory, ServiceTypeFactory, SignalFactory, TeamFactory
from tests.referrals.factories import OrganisationFactory
from work.services.employers import create_employer
from work.services.jobs import record_job
from work.services.provisions import record_provision
from work.services.renewals import renew_job

pytestmark = pytest.mark.django_db
D = datetime.date
REASON = "Reden voor de auditor"


def change(kind: str, client, worker, colleague):
    """Make one change of `kind` through its service, by `worker`, for REASON."""
    today = timezone.localdate()
    if kind == "client":
        update_client(
            client=client,
            expected_version=client.version,
            changes={"regime": "owajong"},
            by=worker,
            change_reason=REASON,
        )
    elif kind == "assignment":
        assign_caseworker(
            client=client, caseworker=colleague, on=today, by=worker, change_reason=REASON
        )
    elif kind == "team_period":
        team = TeamFactory.create()
        if client.caseworker is not None:
            Membership.objects.create(user=client.caseworker, team=team)
        move_to_team(client=client, team=team, on=today, by=worker, change_reason=REASON)
    elif kind == "capacity_decision":
        record_capacity_decision(
            client=client, decided_on=today, outcome="lasting_none", by=worker, change_reason=REASON
        )
    elif kind == "reassessment":
        request_reassessment(
            client=client, requested_on=today, reason="Meer uren", by=worker, change_reason=REASON
        )
    elif kind == "phase":
        transition_phase(client=client, phase="3", started_on=today, reason=REASON, by=worker)
    elif kind == "phase_exemption":
        record_phase_exemption(
            client=client,
            phase="2",
            reason="medical",
            note=REASON,
            valid_from=today,
            review_on=today + datetime.timedelta(days=90),
            by=worker,
        )
    elif kind == "conversation":
        log_conversation(
            client=client,
            held_on=today,
            status="held",
            channel="phone",
            by=worker,
            change_reason=REASON,
        )
    elif kind == "contact_exemption":
        record_contact_exemption(
            client=client,
            reason="medical",
            note=REASON,
            valid_from=today,
            valid_until=today + datetime.timedelta(days=90),
            by=worker,
        )
    elif kind == "work_plan":
        create_work_plan_version(client=client, goal="Werkritme", by=worker, change_reason=REASON)
    elif kind == "agreement":
        plan = create_work_plan_version(
            client=client,
            goal="Werkritme",
            agreements=[{"description": "Rooster", "owner": "client", "due_on": None}],
            by=worker,
        )
        set_agreement_status(
            agreement=plan.agreements.get(), status="done", by=worker, change_reason=REASON
        )
    elif kind == "work_plan_letter":
        record_letter(
            work_plan=create_work_plan_version(client=client, goal="Werkritme", by=worker),
            handed_on=today,
            channel="email",
            by=worker,
            change_reason=REASON,
        )
    elif kind in ("trajectory", "trajectory_pause"):
        trajectory = purchase_trajectory(
            client=client,
            service_type=ServiceTypeFactory.create(phases="2"),
            provider=ProviderFactory.create(),
            purpose="Werkfit",
            purchased_on=today,
            started_on=today,
            cost=Decimal("100"),
            by=worker,
            change_reason=REASON,
        )
        if kind == "trajectory_pause":
            change_trajectory_status(
                trajectory=trajectory, action="pause", on=today, reason=REASON, by=worker
            )
    elif kind == "signal":
        dismiss_signal(
            signal=SignalFactory.create(client=client),
            reason=REASON,
            until=today + datetime.timedelta(days=30),
            by=worker,
        )
    elif kind in ("job", "job_renewal"):
        employer = create_employer(
            name="Bakkerij Noord", payroll_tax_number="123456789L01", by=worker
        )
        job = record_job(
            client=client,
            kind="regular",
            employer=employer,
            contract="temporary",
            started_on=today - datetime.timedelta(days=30),
            planned_end_on=today + datetime.timedelta(days=150),
            placed_by="uwv",
            by=worker,
            change_reason=REASON,
        )
        if kind == "job_renewal":
            renew_job(
                job=job, renewed_on=today, made_permanent=True, by=worker, change_reason=REASON
            )
    elif kind == "provision":
        record_provision(
            client=client,
            kind="job_coach",
            applicant="client",
            applied_on=today,
            by=worker,
            change_reason=REASON,
        )
    elif kind == "rung_assessment":
        record_rung(client=client, rung=3, assessed_on=today, by=worker, change_reason=REASON)
    elif kind == "referral":
        refer_client(
            client=client,
            organisation=OrganisationFactory.create(),
            referred_on=today,
            consent_on=today,
            by=worker,
            change_reason=REASON,
        )
    else:
        pytest.fail(f"no change written for {kind}; add it here")


@pytest.mark.parametrize("kind", [kind.key for kind in KINDS])
def test_each_kind_records_who_what_and_why(kind, client_file, caseworker, colleague):
    from tests.factories import PhasePeriodFactory

    PhasePeriodFactory.create(client=client_file, phase="2", started_on=D(2024, 1, 1))
    change(kind, client_file, caseworker, colleague)

    entries = [e for e in client_history(client_file, kinds=[kind]) if e.reason == REASON]

    assert entries, f"no {kind} change with the reason in the history"
    entry = entries[0]
    assert entry.user == caseworker
    assert entry.changes  # field, old and new value
    assert all(change.new_display for change in entry.changes)
