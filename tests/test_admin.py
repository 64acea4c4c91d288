"""The admin: every model's pages load, and every write goes through the services."""

import datetime
from decimal import Decimal
from typing import cast

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import Membership, Team, User
from casework.importer import import_clients
from clients.capacity import request_reassessment
from clients.models import (
    CaseworkerAssignment,
    Client,
    ClientStamp,
    ImportRun,
    Reassessment,
    Regime,
    TeamAssignment,
    WorkCapacityDecision,
)
from clients.services import create_client, update_client
from common.exceptions import EditConflict
from common.history import save_with_history
from interventions.models import (
    Agreement,
    ContactExemption,
    Conversation,
    Provider,
    ServiceType,
    Trajectory,
    TrajectoryPause,
    WorkPlan,
    WorkPlanLetter,
)
from interventions.services.catalogues import save_catalogue_entry
from interventions.services.conversations import log_conversation
from interventions.services.exemptions import record_contact_exemption
from interventions.services.letters import record_letter
from interventions.services.trajectories import change_trajectory_status, purchase_trajectory
from interventions.services.work_plans import create_work_plan_version
from norms.models import NormVersion
from phases.models import PhaseExemption, PhasePeriod
from phases.services import record_phase_exemption, transition_phase
from referrals.models import Organisation, Referral
from referrals.services import refer_client, save_organisation
from signals.models import Notification, Signal
from signals.services import run_signals
from tests.factories import CaseworkerFactory, UserFactory, make_bsn, make_payroll_tax_number
from work.models import Employer, Job, JobRenewal, Provision
from work.services.employers import create_employer
from work.services.jobs import record_job
from work.services.provisions import record_provision
from work.services.renewals import renew_job

D = datetime.date
MODELS = [
    User,
    Team,
    Membership,
    Client,
    CaseworkerAssignment,
    TeamAssignment,
    WorkCapacityDecision,
    Reassessment,
    PhasePeriod,
    PhaseExemption,
    Conversation,
    ContactExemption,
    WorkPlan,
    Agreement,
    WorkPlanLetter,
    Provider,
    ServiceType,
    Trajectory,
    TrajectoryPause,
    Employer,
    Job,
    JobRenewal,
    Provision,
    Organisation,
    Referral,
    NormVersion,
    Signal,
    Notification,
    ImportRun,
]
VIEW_ONLY = {
    Membership,
    CaseworkerAssignment,
    TeamAssignment,
    TrajectoryPause,
    WorkPlanLetter,
    Signal,
    Notification,
    ImportRun,
}
NAMES = [model.__name__ for model in MODELS]


def url(model, view: str, *args) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def build_records(by: User, n: int) -> dict[type, object]:
    """One row of every model, made through the services as the application makes them."""
    team = save_with_history(Team(name=f"Team {n}", manager=by), by=by)
    caseworker = cast(User, CaseworkerFactory(username=f"casemanager{n}", team=team))
    client = create_client(
        bsn=make_bsn(n),
        first_name="Sanne",
        last_name=f"de Boer {n}",
        date_of_birth=D(1995, 6, 15),
        regime=Regime.WAJONG2015,
        in_service_since=D(2016, 1, 1),
        team=team,
        caseworker=caseworker,
        by=by,
    )
    transition_phase(client=client, phase="1", started_on=D(2016, 1, 1), reason="Intake", by=by)
    period = transition_phase(
        client=client, phase="2", started_on=D(2020, 1, 1), reason="Ok", by=by
    )
    plan = create_work_plan_version(
        client=client,
        goal="Werkritme opbouwen",
        by=by,
        agreements=[{"description": "Sollicitatiebrief", "owner": Agreement.Owner.CLIENT}],
    )
    provider = save_catalogue_entry(entry=Provider(name=f"Re-integratie {n} BV"), by=by)
    service_type = save_catalogue_entry(
        entry=ServiceType(
            code=f"WF{n:03d}", name="Werkfit", category=ServiceType.Category.WORK_FIT, phases="23"
        ),
        by=by,
    )
    trajectory = purchase_trajectory(
        client=client,
        service_type=service_type,  # type: ignore[arg-type]
        provider=provider,  # type: ignore[arg-type]
        purpose="Werkritme",
        purchased_on=D(2024, 3, 1),
        started_on=D(2024, 3, 15),
        cost=Decimal("4250.00"),
        by=by,
    )
    records: dict[type, object] = {
        User: caseworker,
        Team: team,
        Membership: caseworker.memberships.get(),
        Client: client,
        CaseworkerAssignment: client.assignments.get(),
        TeamAssignment: client.team_periods.get(),
        WorkCapacityDecision: client.capacity_decisions.get(),
        Reassessment: request_reassessment(
            client=client, requested_on=D(2024, 2, 1), reason="Werkt meer uren", by=by
        ),
        PhasePeriod: period,
        PhaseExemption: record_phase_exemption(
            client=client,
            phase="2",
            reason=PhaseExemption.Reason.MEDICAL,
            valid_from=D(2024, 1, 1),
            review_on=D(2024, 12, 31),
            by=by,
        ),
        Conversation: log_conversation(
            client=client, held_on=D(2024, 1, 10), status="held", channel="phone", by=by
        ),
        ContactExemption: record_contact_exemption(
            client=client,
            reason=ContactExemption.Reason.MEDICAL,
            valid_from=D(2024, 1, 1),
            valid_until=D(2024, 6, 30),
            by=by,
        ),
        WorkPlan: plan,
        Agreement: plan.agreements.get(),
        WorkPlanLetter: record_letter(
            work_plan=plan, handed_on=timezone.localdate(), channel="post", by=by
        ),
        Provider: provider,
        ServiceType: service_type,
        Trajectory: trajectory,
        TrajectoryPause: change_trajectory_status(
            trajectory=trajectory, action="pause", on=D(2024, 6, 1), reason="Ziek", by=by
        ).pauses.get(),
        NormVersion: save_with_history(NormVersion(effective_from=D(2030 + n, 1, 1)), by=by),
    }
    records.update(build_work_records(client, trajectory, by, n))
    records.update(build_referral_records(client, by, n))
    # The nightly checks raise both signals for the client (no contact since January 2024, in
    # phase 2 since 2020) and the caseworker's digest, as they would in production.
    run_signals(as_of=D(2025, 6, 2))
    records[Signal] = client.signals.get(kind=Signal.Kind.STALLED_PHASE)
    records[Notification] = caseworker.notifications.get()
    import_clients(b"bsn;voornaam\r\n", filename=f"lijst{n}.csv", by=by, dry_run=True)
    records[ImportRun] = ImportRun.objects.get(filename=f"lijst{n}.csv")
    return records


def build_work_records(client: Client, trajectory: Trajectory, by: User, n: int) -> dict:
    employer = create_employer(
        name=f"Bakkerij {n}", payroll_tax_number=make_payroll_tax_number(n), by=by
    )
    job = record_job(
        client=client,
        kind=Job.Kind.REGULAR,
        employer=employer,
        contract="temporary",
        started_on=D(2024, 5, 1),
        planned_end_on=D(2024, 10, 31),
        placed_by=Job.PlacedBy.PROVIDER,
        trajectory=trajectory,
        by=by,
    )
    return {
        Employer: employer,
        Job: job,
        JobRenewal: renew_job(job=job, renewed_on=D(2024, 10, 1), made_permanent=True, by=by),
        Provision: record_provision(
            client=client,
            job=job,
            kind="job_coach",
            applicant="employer",
            applied_on=D(2024, 5, 15),
            by=by,
        ),
    }


def build_referral_records(client: Client, by: User, n: int) -> dict:
    organisation = save_organisation(
        organisation=Organisation(name=f"Schuldhulp {n}", kind="debt_help", region="Utrecht"),
        by=by,
    )
    referral = refer_client(
        client=client,
        organisation=organisation,
        referred_on=D(2024, 2, 1),
        consent_on=D(2024, 2, 1),
        by=by,
    )
    return {Organisation: organisation, Referral: referral}


@pytest.fixture
def records(admin_user):
    return build_records(admin_user, 1)


def client_form(client: Client, **changes) -> dict:
    data = {
        "bsn": client.bsn,
        "first_name": client.first_name,
        "last_name": client.last_name,
        "date_of_birth": client.date_of_birth.isoformat(),
        "regime": client.regime,
        "has_work_capacity": "on" if client.has_work_capacity else "",
        "in_service_since": client.in_service_since.isoformat(),
        "out_of_service_on": "",
        "team": client.team_id,
        "caseworker": client.caseworker_id or "",
        "expected_version": client.version,
        "change_reason": "",
    }
    return data | changes


def transition_form(client: Client, **values) -> dict:
    """The admin's phase transition form as posted by a user who read `client` just now."""
    return {"client": client.pk, "expected_version": client.version} | values


# Every model's pages ---------------------------------------------------------------------


def test_every_model_of_the_domain_apps_is_registered():
    domain_models = {
        model
        for label in (
            "accounts",
            "clients",
            "phases",
            "interventions",
            "work",
            "referrals",
            "norms",
            "signals",
        )
        for model in apps.get_app_config(label).get_models()
        # The stamps are written by the database for the cache, not kept by anyone.
        if not model.__name__.startswith("Historical") and model is not ClientStamp
    }
    assert domain_models == set(MODELS)
    assert all(model in admin.site._registry for model in MODELS)


@pytest.mark.parametrize("model", MODELS, ids=NAMES)
def test_changelist_loads(admin_client, records, model):
    assert admin_client.get(url(model, "changelist")).status_code == 200


@pytest.mark.parametrize("model", MODELS, ids=NAMES)
def test_add_page_loads_where_adding_is_allowed(admin_client, records, model):
    expected = 403 if model in VIEW_ONLY else 200
    assert admin_client.get(url(model, "add")).status_code == expected


@pytest.mark.parametrize("model", MODELS, ids=NAMES)
def test_change_or_view_page_loads(admin_client, records, model):
    assert admin_client.get(url(model, "change", records[model].pk)).status_code == 200


@pytest.mark.parametrize("model", MODELS, ids=NAMES)
def test_history_page_loads(admin_client, records, model):
    response = admin_client.get(url(model, "history", records[model].pk))
    assert response.status_code == 200


@pytest.mark.parametrize("model", MODELS, ids=NAMES)
def test_changelist_queries_do_not_grow_with_the_rows(admin_client, admin_user, records, model):
    admin_client.get(url(model, "changelist"))  # warm caches (content types, session)
    with CaptureQueriesContext(connection) as one_of_each:
        before = admin_client.get(url(model, "changelist")).context["cl"].result_count
    build_records(admin_user, 2)
    with CaptureQueriesContext(connection) as two_of_each:
        after = admin_client.get(url(model, "changelist")).context["cl"].result_count
    assert after > before
    assert len(two_of_each) == len(one_of_each)


# Writes go through the services -----------------------------------------------------------


def test_adding_a_client_records_the_admin_and_the_reason(admin_client, admin_user, records):
    team, caseworker = records[Team], records[User]
    data = client_form(
        Client(
            bsn=make_bsn(99),
            first_name="Daan",
            last_name="Visser",
            date_of_birth=D(1996, 2, 1),
            regime=Regime.OWAJONG,
            in_service_since=D(2017, 1, 1),
            team=team,
            caseworker=caseworker,
        ),
        expected_version="",
        change_reason="Aangemeld via het UWV-loket",
    )

    response = admin_client.post(url(Client, "add"), data)

    assert response.status_code == 302
    client = Client.objects.get(bsn=make_bsn(99))
    created = client.history.get()
    assert created.history_user == admin_user
    assert created.history_change_reason == "Aangemeld via het UWV-loket"
    assert client.assignments.get().caseworker == caseworker  # create_client opened it


def test_stale_version_on_a_client_change_shows_a_conflict_and_changes_nothing(
    admin_client, admin_user, records
):
    client = records[Client]
    read = client_form(client)
    update_client(
        client=client,
        expected_version=client.version,
        changes={"last_name": "Bakker"},
        by=admin_user,
    )
    history_rows = client.history.count()

    response = admin_client.post(url(Client, "change", client.pk), read | {"first_name": "Eva"})

    assert response.status_code == 200
    assert str(EditConflict.default_message) in response.content.decode()
    client.refresh_from_db()
    assert (client.first_name, client.last_name) == ("Sanne", "Bakker")
    assert client.version == read["expected_version"] + 1
    assert client.history.count() == history_rows


def test_changing_the_caseworker_hands_over_through_assign_caseworker(
    admin_client, admin_user, records
):
    client, previous = records[Client], records[User]
    successor = cast(User, CaseworkerFactory(username="aid.smit", team=records[Team]))

    response = admin_client.post(
        url(Client, "change", client.pk),
        client_form(client, caseworker=successor.pk, change_reason="Herverdeling caseload"),
    )

    assert response.status_code == 302
    client.refresh_from_db()
    assert client.caseworker == successor
    ended = client.assignments.get(caseworker=previous)
    assert ended.ended_on == timezone.localdate()
    assert client.assignments.get(ended_on__isnull=True).caseworker == successor
    assert client.history.latest().history_change_reason == "Herverdeling caseload"


def test_in_the_admin_only_who_may_hand_over_changes_the_contact_person(client, records):
    """A functional administrator given the client pages (by a superuser) still does not
    hand clients over: that is the team manager's."""
    clerk = cast(User, UserFactory(username="fb.klerk", role="functional_admin", is_staff=True))
    clerk.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_client", "change_client", "add_client"])
    )
    client.force_login(clerk)
    subject, previous = records[Client], records[User]
    successor = cast(User, CaseworkerFactory(username="aid.smit", team=records[Team]))

    response = client.post(
        url(Client, "change", subject.pk),
        client_form(subject, caseworker=successor.pk, last_name="Bakker"),
    )

    assert response.status_code == 302
    subject.refresh_from_db()
    assert (subject.last_name, subject.caseworker) == ("Bakker", previous)
    assert subject.assignments.get().caseworker == previous


def test_moving_a_client_to_another_team_can_let_go_of_the_caseworker(admin_client, records):
    client = records[Client]
    other_team = save_with_history(Team(name="Team Amersfoort"), by=None)

    response = admin_client.post(
        url(Client, "change", client.pk), client_form(client, team=other_team.pk, caseworker="")
    )

    assert response.status_code == 302
    client.refresh_from_db()
    assert (client.team, client.caseworker) == (other_team, None)
    assert not client.assignments.filter(ended_on__isnull=True).exists()


def test_adding_a_phase_period_goes_through_transition_phase(admin_client, admin_user, records):
    client, open_period = records[Client], records[PhasePeriod]

    response = admin_client.post(
        url(PhasePeriod, "add"),
        transition_form(client, phase="3", started_on="2024-05-01", reason="Werkfit"),
    )

    assert response.status_code == 302
    open_period.refresh_from_db()
    assert open_period.ended_on == D(2024, 5, 1)
    new = client.phase_periods.get(ended_on__isnull=True)
    assert (new.phase, new.started_on, new.recorded_by) == ("3", D(2024, 5, 1), admin_user)
    assert new.history.get().history_change_reason == "Werkfit"


def test_a_refused_transition_shows_on_the_form_and_saves_nothing(admin_client, records):
    client = records[Client]
    version, periods = client.version, client.phase_periods.count()

    response = admin_client.post(
        url(PhasePeriod, "add"),
        transition_form(client, phase="2", started_on="2024-05-01", reason="Dubbel"),
    )

    assert response.status_code == 200
    assert "De cliënt zit al in fase 2." in response.context["adminform"].form.errors["phase"]
    client.refresh_from_db()
    assert (client.version, client.phase_periods.count()) == (version, periods)


def test_an_admin_transition_without_the_version_read_shows_the_phase_and_asks_again(
    admin_client, records
):
    client = records[Client]
    version, periods = client.version, client.phase_periods.count()
    unread = transition_form(client, phase="3", started_on="2024-05-01", reason="Werkfit")
    del unread["expected_version"]

    response = admin_client.post(url(PhasePeriod, "add"), unread)

    assert response.status_code == 200
    form = response.context["adminform"].form
    assert "fase 2" in " ".join(form.non_field_errors())
    client.refresh_from_db()
    assert (client.version, client.phase_periods.count()) == (version, periods)
    # The form now carries the version shown, so saving it again confirms the transition.
    assert form["expected_version"].value() == str(version)
    again = admin_client.post(url(PhasePeriod, "add"), unread | {"expected_version": version})
    assert again.status_code == 302
    assert client.phase_periods.get(ended_on__isnull=True).phase == "3"


def test_an_admin_transition_from_a_stale_read_is_refused(admin_client, admin_user, records):
    client = records[Client]
    read = transition_form(client, phase="4", started_on="2024-05-01", reason="Aan het werk")
    transition_phase(
        client=client, phase="3", started_on=D(2024, 5, 1), reason="Werkfit", by=admin_user
    )

    response = admin_client.post(url(PhasePeriod, "add"), read)

    assert response.status_code == 200
    assert str(EditConflict.default_message) in response.content.decode()
    assert response.context["adminform"].form["expected_version"].value() == str(client.version)
    periods = client.phase_periods.order_by("started_on")
    assert [(p.phase, p.ended_on) for p in periods] == [
        ("1", D(2020, 1, 1)),
        ("2", D(2024, 5, 1)),
        ("3", None),
    ]


def test_the_services_message_shows_rather_than_the_constraints(admin_client, records):
    response = admin_client.post(
        url(PhaseExemption, "add"),
        {
            "client": records[Client].pk,
            "phase": "2",
            "reason": "medical",
            "note": "",
            "valid_from": "2024-06-01",
            "review_on": "2024-05-01",
        },
    )

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert errors["review_on"] == ["De herbeoordelingsdatum ligt vóór de ingangsdatum."]
    assert PhaseExemption.objects.count() == 1


def test_logging_a_conversation_defaults_the_caseworker_to_the_admin(
    admin_client, admin_user, records
):
    response = admin_client.post(
        url(Conversation, "add"),
        {
            "client": records[Client].pk,
            "caseworker": "",
            "held_on": "2024-02-01",
            "status": "held",
            "channel": "video",
            "with_client": "on",
            "kind": "coaching",
            "change_reason": "Nagekomen verslag",
        },
    )

    assert response.status_code == 302
    conversation = Conversation.objects.get(held_on=D(2024, 2, 1))
    assert conversation.caseworker == admin_user
    assert conversation.history.get().history_change_reason == "Nagekomen verslag"


def test_changing_a_conversation_goes_through_update_conversation(admin_client, records):
    conversation = records[Conversation]

    response = admin_client.post(
        url(Conversation, "change", conversation.pk),
        {
            "held_on": "2024-01-10",
            "status": "held",
            "channel": "phone",
            "with_client": "on",
            "kind": "monitoring",
            "summary": "Gaat goed",
            "next_contact_on": "2023-12-01",  # before the conversation: refused
        },
    )

    assert response.status_code == 200
    assert "next_contact_on" in response.context["adminform"].form.errors
    conversation.refresh_from_db()
    assert conversation.summary == ""


def test_an_agreements_status_changes_through_set_agreement_status(admin_client, records):
    agreement = records[Agreement]

    response = admin_client.post(
        url(Agreement, "change", agreement.pk), {"status": "done", "change_reason": "Verstuurd"}
    )

    assert response.status_code == 302
    agreement.refresh_from_db()
    assert agreement.status == Agreement.Status.DONE
    assert agreement.history.latest().history_change_reason == "Verstuurd"


def test_a_work_plan_shows_its_agreements_read_only(admin_client, records):
    html = admin_client.get(url(WorkPlan, "change", records[WorkPlan].pk)).content.decode()

    assert "Sollicitatiebrief" in html
    assert 'name="agreements-0-description"' not in html


def test_adding_a_user_with_a_role_and_a_team(admin_client, admin_user, records):
    response = admin_client.post(
        url(User, "add"),
        {
            "username": "ad.devries",
            "usable_password": "true",
            "password1": "Lang-en-sterk-wachtwoord-42",
            "password2": "Lang-en-sterk-wachtwoord-42",
            "function": "ad",
            "fte": "0.80",
            "role": "caseworker",
            "teams": [records[Team].pk],
            "change_reason": "Nieuwe collega",
        },
    )

    assert response.status_code == 302
    user = User.objects.get(username="ad.devries")
    assert user.check_password("Lang-en-sterk-wachtwoord-42")
    assert user.history.get().history_change_reason == "Nieuwe collega"
    assert user.memberships.get().history.get().history_user == admin_user
    assert list(user.groups.values_list("name", flat=True)) == ["caseworker"]


def test_a_refused_user_is_not_stored(admin_client, records):
    response = admin_client.post(
        url(User, "add"),
        {
            "username": "ad.fout",
            "usable_password": "false",
            "fte": "1.50",  # more than a full-time job
            "role": "caseworker",
            "teams": [records[Team].pk],
        },
    )

    assert response.status_code == 200
    assert not User.objects.filter(username="ad.fout").exists()


def test_a_new_norm_version_is_saved_with_its_author_and_reason(admin_client, admin_user, db):
    response = admin_client.post(
        url(NormVersion, "add"),
        {
            "effective_from": "2027-01-01",
            "contact_window_months": "6",
            "stalled_phase_1_months": "24",
            "stalled_phase_2_months": "12",
            "stalled_phase_3_months": "12",
            "follow_up_days_phase_1": "90",
            "follow_up_days_phase_2": "56",
            "follow_up_days_phase_3": "42",
            "follow_up_days_phase_4": "180",
            "clients_per_fte": "400",
            "minutes_per_conversation_equivalent": "99.416",
            "production_target_per_fte": "593",
            "unusual_reads_per_day": "250",
            "contract_ending_days": "42",
            "job_ended_after_days": "14",
            "job_ended_within_days": "365",
            "minutes_intake": "60",
            "minutes_monitoring": "45",
            "minutes_coaching": "45",
            "minutes_workplan": "60",
            "minutes_handover": "30",
            "minutes_other": "30",
            "placements_per_year": "7500",
            "note": "",
            "change_reason": "Besluit directie",
        },
    )

    assert response.status_code == 302
    norm = NormVersion.objects.get(effective_from=D(2027, 1, 1))
    assert norm.created_by == admin_user
    assert norm.placements_per_year == 7500
    assert norm.minutes_for("monitoring") == 45
    assert norm.contract_ending_days == 42
    assert norm.history.get().history_change_reason == "Besluit directie"


def test_a_norm_whose_job_ended_window_closes_before_it_opens_is_refused(admin_client, db):
    norm = NormVersion.objects.get()
    fields = {
        name: getattr(norm, name)
        for name in [f.name for f in NormVersion._meta.fields]
        if name not in ("id", "created_by", "note")
    }
    fields.update(job_ended_after_days=30, job_ended_within_days=30, change_reason="Test")

    response = admin_client.post(url(NormVersion, "change", norm.pk), fields)

    assert response.status_code == 200
    assert "meer dagen dan bij" in response.content.decode()
    assert NormVersion.objects.get().job_ended_within_days == 365


# Nothing is lost or rewritten -------------------------------------------------------------


def test_deleting_a_client_is_not_offered(admin_client, records):
    client = records[Client]

    assert admin_client.get(url(Client, "delete", client.pk)).status_code == 403
    assert (
        url(Client, "delete", client.pk)
        not in admin_client.get(url(Client, "change", client.pk)).content.decode()
    )
    assert "delete_selected" not in admin_client.get(url(Client, "changelist")).content.decode()


def test_an_existing_phase_period_cannot_be_changed(admin_client, records):
    period = records[PhasePeriod]
    response = admin_client.post(url(PhasePeriod, "change", period.pk), {"phase": "4"})
    assert response.status_code == 403


def test_history_cannot_be_reverted(admin_client, records):
    client = records[Client]
    first = client.history.earliest()
    revert = url(Client, "simple_history", client.pk, first.history_id)

    assert admin_client.get(revert).status_code == 200
    assert admin_client.post(revert, client_form(client)).status_code == 403


# The BSN in the admin (finding 3 of the attack) ------------------------------------------


def test_the_client_pages_show_the_bsn_masked(admin_client, admin_user, records):
    client = cast(Client, records[Client])
    old_bsn = client.bsn
    update_client(
        client=client,
        expected_version=client.version,
        changes={"bsn": make_bsn(99)},
        by=admin_user,
        change_reason="Typefout",
    )
    version = client.history.earliest("history_date").history_id
    pages = [
        url(Client, "change", client.pk),
        url(Client, "history", client.pk),
        reverse("admin:clients_client_simple_history", args=[client.pk, version]),
        url(Client, "changelist"),
    ]

    for page in pages:
        html = admin_client.get(page).content.decode()
        assert old_bsn not in html and make_bsn(99) not in html, page
    assert f"*****{make_bsn(99)[-4:]}" in admin_client.get(pages[0]).content.decode()


def test_a_corrected_bsn_is_typed_in_an_empty_field(admin_client, records):
    client = cast(Client, records[Client])

    unchanged = admin_client.post(url(Client, "change", client.pk), client_form(client, bsn=""))
    assert unchanged.status_code == 302
    client.refresh_from_db()
    corrected = admin_client.post(
        url(Client, "change", client.pk), client_form(client, bsn=make_bsn(98))
    )

    assert corrected.status_code == 302
    client.refresh_from_db()
    assert client.bsn == make_bsn(98)


def test_an_autocomplete_search_holding_a_nul_is_a_400(admin_client, records):
    """PostgreSQL refuses a NUL in text: the search would be a server error."""
    admin_client.raise_request_exception = False

    response = admin_client.get(
        "/admin/autocomplete/",
        {
            "app_label": "phases",
            "model_name": "phaseperiod",
            "field_name": "client",
            "term": "a\x00",
        },
    )

    assert response.status_code == 400
    assert response.json() == {"error": "Een zoekterm kan geen NUL-teken bevatten."}
