"""Every admin change list of rows that grow with the clients (or with the staff) costs a pinned
number of queries, at 3 rows and at 30.

Every model in the admin is either pinned here or named in NOT_PINNED with the reason, so a new
model's change list is looked at: `test_every_admin_list_is_pinned_or_named`.
"""

import pytest
from django.contrib import admin
from django.urls import reverse

from . import rows
from .pins import Pin, World, check


def changelist(label: str):
    app_label, model_name = label.lower().split(".")
    return lambda world: reverse(f"admin:{app_label}_{model_name}_changelist")


def listed(response) -> int:
    return len(response.context["cl"].result_list)


def admin_pin(label: str, add, queries) -> Pin:
    return Pin(label, changelist(label), add, queries, listed, user="admin")


PINS = [
    admin_pin("accounts.User", rows.users, 9),
    admin_pin("accounts.Team", rows.teams, 6),
    admin_pin("accounts.Membership", rows.users, 7),
    admin_pin("clients.Client", rows.clients, 8),
    admin_pin("clients.CaseworkerAssignment", rows.assignments, 7),
    admin_pin("clients.TeamAssignment", rows.team_periods, 8),  # the teams to filter on
    admin_pin("clients.WorkCapacityDecision", rows.capacity_decisions, 7),
    admin_pin("clients.Reassessment", rows.capacity_decisions, 7),
    admin_pin("phases.PhasePeriod", rows.phase_periods, 7),
    admin_pin("phases.PhaseExemption", rows.phase_exemptions, 7),
    admin_pin("interventions.Conversation", rows.conversations, 7),
    admin_pin("interventions.ContactExemption", rows.contact_exemptions, 7),
    admin_pin("interventions.WorkPlan", rows.work_plans, 7),
    admin_pin("interventions.Agreement", rows.agreements, 7),
    admin_pin("interventions.WorkPlanLetter", rows.work_plan_letters, 7),
    admin_pin("interventions.Provider", rows.providers, 6),
    admin_pin("interventions.ServiceType", rows.service_types, 6),
    admin_pin("interventions.Trajectory", rows.trajectories, 8),
    admin_pin("interventions.TrajectoryPause", rows.trajectories, 7),
    admin_pin("work.Employer", rows.employers, 6),
    admin_pin("work.Job", rows.jobs, 7),
    admin_pin("work.JobRenewal", rows.jobs, 7),
    admin_pin("work.Provision", rows.provisions, 7),
    admin_pin("participation.RungAssessment", rows.rung_assessments, 7),
    admin_pin("referrals.Organisation", rows.organisations, 7),
    admin_pin("referrals.Referral", rows.referrals, 7),
    admin_pin("signals.Signal", rows.signals, 7),
    admin_pin("signals.Notification", rows.notifications, 6),
]

# Models in the admin whose change list is not pinned, and why.
NOT_PINNED = {
    "auth.Group": "the fixed role groups",
    "axes.AccessAttempt": "django-axes' own admin; rows grow with failed logins and are purged",
    "axes.AccessLog": "django-axes' own admin",
    "axes.AccessFailureLog": "django-axes' own admin",
    "clients.ImportRun": "one row per upload of a functional administrator",
    "norms.NormVersion": "one row per change of the norms",
}


@pytest.mark.parametrize("pin", PINS, ids=[pin.id for pin in PINS])
def test_an_admin_list_costs_its_pinned_queries_at_3_and_30_rows(pin: Pin, world: World):
    check(pin, world)


def test_every_admin_list_is_pinned_or_named():
    registered = {model._meta.label for model in admin.site._registry}
    assert "clients.Client" in registered  # the admin's registry is the one the site serves

    pinned = {pin.name for pin in PINS}
    unknown = registered - pinned - set(NOT_PINNED)
    assert not unknown, f"admin change lists neither pinned nor in NOT_PINNED: {sorted(unknown)}"
    gone = (pinned | set(NOT_PINNED)) - registered
    assert not gone, f"pins or NOT_PINNED entries of models not in the admin: {sorted(gone)}"
