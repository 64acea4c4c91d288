"""Conversations, contact exemptions, work plans and trajectories through the services."""

import datetime
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from interventions.models import (
    Agreement,
    ContactExemption,
    Conversation,
    Trajectory,
    TrajectoryPause,
    WorkPlan,
)
from interventions.services.conversations import log_conversation, update_conversation
from interventions.services.exemptions import record_contact_exemption
from interventions.services.trajectories import (
    close_trajectory,
    pause_trajectory,
    purchase_trajectory,
    resume_trajectory,
)
from interventions.services.work_plans import (
    add_agreement,
    agree_work_plan,
    create_work_plan_version,
    set_agreement_status,
)
from tests.factories import (
    PhasePeriodFactory,
    ProviderFactory,
    ServiceTypeFactory,
    TrajectoryFactory,
)

pytestmark = pytest.mark.django_db

HELD = Conversation.Status.HELD
PLANNED = Conversation.Status.PLANNED
NO_SHOW = Conversation.Status.NO_SHOW
IN_PERSON = Conversation.Channel.IN_PERSON


def today() -> datetime.date:
    return timezone.localdate()


def days(n: int) -> datetime.timedelta:
    return datetime.timedelta(days=n)


# Conversations ---------------------------------------------------------------------------


def log(client, by, **overrides: Any) -> Conversation:
    fields: dict[str, Any] = {
        "client": client,
        "held_on": today(),
        "status": HELD,
        "channel": IN_PERSON,
        "by": by,
    }
    fields.update(overrides)
    return log_conversation(**fields)


def test_held_conversation_dated_today_is_accepted(client_file, caseworker):
    conversation = log(client_file, caseworker, held_on=today())

    assert Conversation.objects.get(pk=conversation.pk).held_on == today()


def test_held_conversation_dated_tomorrow_is_refused(client_file, caseworker):
    with pytest.raises(ValidationError) as excinfo:
        log(client_file, caseworker, held_on=today() + days(1))

    assert "held_on" in excinfo.value.message_dict
    assert not Conversation.objects.exists()


def test_planned_conversation_dated_tomorrow_is_accepted(client_file, caseworker):
    conversation = log(client_file, caseworker, status=PLANNED, held_on=today() + days(1))

    assert Conversation.objects.get(pk=conversation.pk).status == PLANNED


def test_no_show_dated_tomorrow_is_refused(client_file, caseworker):
    with pytest.raises(ValidationError) as excinfo:
        log(client_file, caseworker, status=NO_SHOW, held_on=today() + days(1))

    assert "held_on" in excinfo.value.message_dict
    assert not Conversation.objects.exists()


def test_next_contact_on_the_conversation_date_is_refused(client_file, caseworker):
    held_on = datetime.date(2024, 5, 13)

    with pytest.raises(ValidationError) as excinfo:
        log(client_file, caseworker, held_on=held_on, next_contact_on=held_on)

    assert "next_contact_on" in excinfo.value.message_dict
    assert not Conversation.objects.exists()


def test_next_contact_the_day_after_the_conversation_is_accepted(client_file, caseworker):
    held_on = datetime.date(2024, 5, 13)

    conversation = log(client_file, caseworker, held_on=held_on, next_contact_on=held_on + days(1))

    assert Conversation.objects.get(pk=conversation.pk).next_contact_on == held_on + days(1)


def test_conversation_caseworker_defaults_to_the_user_who_logs_it(client_file, caseworker):
    conversation = log(client_file, caseworker)

    assert Conversation.objects.get(pk=conversation.pk).caseworker == caseworker


def test_conversation_logged_for_a_colleague_keeps_that_colleague(
    client_file, caseworker, colleague
):
    conversation = log(client_file, caseworker, caseworker=colleague)

    assert Conversation.objects.get(pk=conversation.pk).caseworker == colleague


def test_logged_conversation_has_a_history_row_with_the_user_and_the_reason(
    client_file, caseworker
):
    conversation = log(client_file, caseworker, reason="Jaarlijks monitoringsgesprek")

    row = conversation.history.get()
    assert row.history_type == "+"
    assert row.history_user == caseworker
    assert row.history_change_reason == "Jaarlijks monitoringsgesprek"


def test_planned_conversation_can_be_marked_held_on_its_day(client_file, caseworker):
    planned = log(client_file, caseworker, status=PLANNED, held_on=today())

    update_conversation(
        conversation=planned,
        changes={"status": HELD, "summary": "Gaat goed op het werk"},
        by=caseworker,
        reason="Gesprek gevoerd",
    )

    assert Conversation.objects.get(pk=planned.pk).status == HELD
    row = planned.history.latest("history_date")
    assert (row.status, row.history_user, row.history_change_reason) == (
        HELD,
        caseworker,
        "Gesprek gevoerd",
    )


def test_planned_conversation_for_tomorrow_cannot_be_marked_held(client_file, caseworker):
    planned = log(client_file, caseworker, status=PLANNED, held_on=today() + days(1))

    with pytest.raises(ValidationError) as excinfo:
        update_conversation(conversation=planned, changes={"status": HELD}, by=caseworker)

    assert "held_on" in excinfo.value.message_dict
    assert Conversation.objects.get(pk=planned.pk).status == PLANNED


def test_update_conversation_refuses_a_field_that_is_not_editable(
    client_file, caseworker, colleague
):
    conversation = log(client_file, caseworker)

    with pytest.raises(ValidationError) as excinfo:
        update_conversation(
            conversation=conversation, changes={"caseworker": colleague}, by=caseworker
        )

    assert "caseworker" in excinfo.value.message_dict


def test_update_conversation_without_a_date_is_refused_on_the_date(client_file, caseworker):
    conversation = log(client_file, caseworker)

    with pytest.raises(ValidationError) as excinfo:
        update_conversation(
            conversation=conversation,
            changes={"held_on": None, "next_contact_on": datetime.date(2024, 2, 1)},
            by=caseworker,
        )

    assert "held_on" in excinfo.value.message_dict


# Contact exemptions ----------------------------------------------------------------------


def test_contact_exemption_ending_before_it_starts_is_refused(client_file, caseworker):
    with pytest.raises(ValidationError) as excinfo:
        record_contact_exemption(
            client=client_file,
            reason=ContactExemption.Reason.MEDICAL,
            valid_from=datetime.date(2024, 6, 1),
            valid_until=datetime.date(2024, 5, 31),
            by=caseworker,
        )

    assert "valid_until" in excinfo.value.message_dict
    assert not ContactExemption.objects.exists()


def test_contact_exemption_of_a_single_day_is_accepted(client_file, caseworker):
    exemption = record_contact_exemption(
        client=client_file,
        reason=ContactExemption.Reason.MEDICAL,
        valid_from=datetime.date(2024, 6, 1),
        valid_until=datetime.date(2024, 6, 1),
        by=caseworker,
    )

    assert ContactExemption.objects.filter(pk=exemption.pk).exists()


def test_contact_exemption_has_a_history_row_with_the_user(client_file, caseworker):
    exemption = record_contact_exemption(
        client=client_file,
        reason=ContactExemption.Reason.STABLE_WORK,
        valid_from=datetime.date(2024, 6, 1),
        valid_until=datetime.date(2025, 5, 31),
        note="Vast contract, werkgever tevreden",
        by=caseworker,
    )

    row = exemption.history.get()
    assert row.history_user == caseworker
    assert row.history_change_reason == "Vast contract, werkgever tevreden"


# Work plans ------------------------------------------------------------------------------


def new_plan(client, by, goal: str = "Werkfit worden", **kwargs: Any) -> WorkPlan:
    return create_work_plan_version(client=client, goal=goal, by=by, **kwargs)


def test_first_work_plan_is_version_one(client_file, caseworker):
    plan = new_plan(client_file, caseworker)

    assert WorkPlan.objects.get(pk=plan.pk).version == 1


def test_new_work_plan_version_supersedes_the_previous_one(client_file, caseworker):
    first = new_plan(client_file, caseworker)

    second = new_plan(client_file, caseworker, goal="Betaald werk vinden")

    first.refresh_from_db()
    assert first.status == WorkPlan.Status.SUPERSEDED
    assert (second.version, second.status) == (2, WorkPlan.Status.DRAFT)
    current = WorkPlan.objects.filter(client=client_file).exclude(status="superseded")
    assert list(current) == [second]


def test_new_work_plan_version_carries_over_only_open_agreements(client_file, caseworker):
    first = new_plan(
        client_file,
        caseworker,
        agreements=[
            {"description": "Open afspraak", "owner": Agreement.Owner.CLIENT},
            {"description": "Afgeronde afspraak", "owner": Agreement.Owner.UWV},
            {"description": "Vervallen afspraak", "owner": Agreement.Owner.PROVIDER},
        ],
    )
    by_description = {a.description: a for a in first.agreements.all()}
    set_agreement_status(
        agreement=by_description["Afgeronde afspraak"], status="done", by=caseworker
    )
    set_agreement_status(
        agreement=by_description["Vervallen afspraak"], status="cancelled", by=caseworker
    )

    second = new_plan(client_file, caseworker, goal="Betaald werk vinden")

    carried = list(second.agreements.values_list("description", "owner", "status"))
    assert carried == [("Open afspraak", Agreement.Owner.CLIENT, Agreement.Status.OPEN)]


def test_carried_over_agreement_keeps_its_due_date(client_file, caseworker):
    due = datetime.date(2025, 3, 1)
    new_plan(
        client_file,
        caseworker,
        agreements=[{"description": "CV bijwerken", "owner": "client", "due_on": due}],
    )

    second = new_plan(client_file, caseworker, goal="Betaald werk vinden")

    assert second.agreements.get().due_on == due


def test_earlier_work_plan_version_remains_readable_with_its_agreements(client_file, caseworker):
    first = new_plan(
        client_file,
        caseworker,
        goal="Werkfit worden",
        agreements=[{"description": "Dagbesteding 3 dagen", "owner": "client"}],
    )

    new_plan(client_file, caseworker, goal="Betaald werk vinden")

    kept = WorkPlan.objects.get(client=client_file, version=1)
    assert kept.pk == first.pk
    assert kept.goal == "Werkfit worden"
    assert list(kept.agreements.values_list("description", flat=True)) == ["Dagbesteding 3 dagen"]


def test_work_plan_without_a_goal_is_refused(client_file, caseworker):
    with pytest.raises(ValidationError) as excinfo:
        new_plan(client_file, caseworker, goal="   ")

    assert "goal" in excinfo.value.message_dict
    assert not WorkPlan.objects.exists()


def test_new_work_plan_version_has_a_history_row_with_the_user(client_file, caseworker):
    plan = new_plan(client_file, caseworker, reason="Na coachingsgesprek")

    row = plan.history.get()
    assert row.history_user == caseworker
    assert row.history_change_reason == "Na coachingsgesprek"


def test_agreeing_a_work_plan_today_sets_status_and_date(client_file, caseworker):
    plan = new_plan(client_file, caseworker)

    agree_work_plan(work_plan=plan, agreed_on=today(), by=caseworker)

    stored = WorkPlan.objects.get(pk=plan.pk)
    assert (stored.status, stored.agreed_on) == (WorkPlan.Status.AGREED, today())


def test_agreeing_a_work_plan_dated_tomorrow_is_refused(client_file, caseworker):
    plan = new_plan(client_file, caseworker)

    with pytest.raises(ValidationError) as excinfo:
        agree_work_plan(work_plan=plan, agreed_on=today() + days(1), by=caseworker)

    assert "agreed_on" in excinfo.value.message_dict
    stored = WorkPlan.objects.get(pk=plan.pk)
    assert (stored.status, stored.agreed_on) == (WorkPlan.Status.DRAFT, None)


def test_agreeing_a_superseded_work_plan_is_refused(client_file, caseworker):
    first = new_plan(client_file, caseworker)
    new_plan(client_file, caseworker, goal="Betaald werk vinden")
    first.refresh_from_db()

    with pytest.raises(ValidationError):
        agree_work_plan(work_plan=first, agreed_on=today(), by=caseworker)

    assert WorkPlan.objects.get(pk=first.pk).status == WorkPlan.Status.SUPERSEDED


def test_adding_an_agreement_to_a_superseded_work_plan_is_refused(client_file, caseworker):
    first = new_plan(client_file, caseworker)
    new_plan(client_file, caseworker, goal="Betaald werk vinden")
    first.refresh_from_db()

    with pytest.raises(ValidationError):
        add_agreement(work_plan=first, description="Te laat", owner="uwv", by=caseworker)

    assert not first.agreements.exists()


def test_adding_an_agreement_to_a_plan_superseded_since_it_was_read_is_refused(
    client_file, caseworker
):
    read_earlier = new_plan(client_file, caseworker)
    new_plan(client_file, caseworker, goal="Betaald werk vinden")  # supersedes it in the DB

    with pytest.raises(ValidationError):
        add_agreement(work_plan=read_earlier, description="Te laat", owner="uwv", by=caseworker)


def test_changing_an_agreement_status_on_a_superseded_work_plan_is_refused(client_file, caseworker):
    first = new_plan(
        client_file, caseworker, agreements=[{"description": "Bellen", "owner": "uwv"}]
    )
    new_plan(client_file, caseworker, goal="Betaald werk vinden")
    old_agreement = Agreement.objects.get(work_plan=first)

    with pytest.raises(ValidationError):
        set_agreement_status(agreement=old_agreement, status="done", by=caseworker)

    assert Agreement.objects.get(pk=old_agreement.pk).status == Agreement.Status.OPEN


def test_agreement_status_change_has_a_history_row_with_the_user(client_file, caseworker):
    plan = new_plan(client_file, caseworker)
    agreement = add_agreement(work_plan=plan, description="Bellen", owner="uwv", by=caseworker)

    set_agreement_status(agreement=agreement, status="done", by=caseworker, reason="Gebeld")

    row = agreement.history.latest("history_date")
    assert (row.status, row.history_user, row.history_change_reason) == (
        "done",
        caseworker,
        "Gebeld",
    )


# Trajectories: purchase ------------------------------------------------------------------


@pytest.fixture
def work_fit(db):
    """A werkfit trajectory for clients in phases 2 and 3."""
    return ServiceTypeFactory.create(code="WF001", name="Werkfit-traject", phases="23")


@pytest.fixture
def provider(db):
    return ProviderFactory.create(name="Re-integratie Midden BV")


@pytest.fixture
def in_phase_2(client_file):
    return PhasePeriodFactory.create(
        client=client_file, phase="2", started_on=datetime.date(2020, 1, 1)
    )


def purchase(client, service_type, provider, by, **overrides: Any) -> Trajectory:
    fields: dict[str, Any] = {
        "client": client,
        "service_type": service_type,
        "provider": provider,
        "purpose": "Werkritme opbouwen",
        "purchased_on": today(),
        "cost": Decimal("4250.00"),
        "by": by,
    }
    fields.update(overrides)
    return purchase_trajectory(**fields)


def test_purchase_starting_today_is_running(client_file, caseworker, work_fit, provider):
    trajectory = purchase(client_file, work_fit, provider, caseworker, started_on=today())

    assert Trajectory.objects.get(pk=trajectory.pk).status == Trajectory.Status.RUNNING


def test_purchase_without_a_start_date_is_requested(client_file, caseworker, work_fit, provider):
    trajectory = purchase(client_file, work_fit, provider, caseworker)

    assert Trajectory.objects.get(pk=trajectory.pk).status == Trajectory.Status.REQUESTED


def test_purchase_starting_tomorrow_is_requested_not_running(
    client_file, caseworker, work_fit, provider
):
    trajectory = purchase(client_file, work_fit, provider, caseworker, started_on=today() + days(1))

    assert Trajectory.objects.get(pk=trajectory.pk).status == Trajectory.Status.REQUESTED


def test_purchase_dated_tomorrow_is_refused(client_file, caseworker, work_fit, provider):
    with pytest.raises(ValidationError) as excinfo:
        purchase(client_file, work_fit, provider, caseworker, purchased_on=today() + days(1))

    assert "purchased_on" in excinfo.value.message_dict


def test_purchase_has_a_history_row_with_the_user(client_file, caseworker, work_fit, provider):
    trajectory = purchase(client_file, work_fit, provider, caseworker, reason="Na werkplan v2")

    row = trajectory.history.get()
    assert row.history_user == caseworker
    assert row.history_change_reason == "Na werkplan v2"
    assert trajectory.purchased_by == caseworker


def test_repeat_purchase_without_justification_is_refused(
    client_file, caseworker, work_fit, provider
):
    TrajectoryFactory.create(
        client=client_file,
        service_type=work_fit,
        status=Trajectory.Status.COMPLETED,
        ended_on=datetime.date(2024, 9, 1),
        outcome=Trajectory.Outcome.NO_RESULT,
    )

    with pytest.raises(ValidationError) as excinfo:
        purchase(client_file, work_fit, provider, caseworker, repeat_justification="  ")

    assert "repeat_justification" in excinfo.value.message_dict
    assert Trajectory.objects.filter(client=client_file).count() == 1


def test_repeat_purchase_with_justification_is_accepted(
    client_file, caseworker, work_fit, provider
):
    TrajectoryFactory.create(
        client=client_file,
        service_type=work_fit,
        status=Trajectory.Status.COMPLETED,
        ended_on=datetime.date(2024, 9, 1),
        outcome=Trajectory.Outcome.NO_RESULT,
    )

    trajectory = purchase(
        client_file,
        work_fit,
        provider,
        caseworker,
        repeat_justification="Eerste traject afgebroken door opname; nu stabiel.",
    )

    assert Trajectory.objects.get(pk=trajectory.pk).repeat_justification.startswith("Eerste")


def test_earlier_cancelled_purchase_does_not_require_a_justification(
    client_file, caseworker, work_fit, provider
):
    TrajectoryFactory.create(
        client=client_file,
        service_type=work_fit,
        started_on=None,
        status=Trajectory.Status.CANCELLED,
        ended_on=datetime.date(2024, 3, 5),
    )

    trajectory = purchase(client_file, work_fit, provider, caseworker)

    assert Trajectory.objects.filter(pk=trajectory.pk).exists()


def test_purchase_of_a_different_service_type_does_not_require_a_justification(
    client_file, caseworker, work_fit, provider
):
    TrajectoryFactory.create(
        client=client_file, service_type=ServiceTypeFactory.create(code="JC001")
    )

    trajectory = purchase(client_file, work_fit, provider, caseworker)

    assert Trajectory.objects.filter(pk=trajectory.pk).exists()


def test_purchase_of_a_service_not_for_the_clients_current_phase_is_refused(
    client_file, caseworker, work_fit, provider
):
    PhasePeriodFactory.create(client=client_file, phase="4", started_on=datetime.date(2020, 1, 1))

    with pytest.raises(ValidationError) as excinfo:
        purchase(client_file, work_fit, provider, caseworker)

    assert "service_type" in excinfo.value.message_dict
    assert not Trajectory.objects.exists()


def test_purchase_of_an_inactive_service_for_another_phase_reports_both_problems(
    client_file, caseworker, work_fit, provider
):
    PhasePeriodFactory.create(client=client_file, phase="4", started_on=datetime.date(2020, 1, 1))
    work_fit.active = False
    work_fit.save()

    with pytest.raises(ValidationError) as excinfo:
        purchase(client_file, work_fit, provider, caseworker)

    assert len(excinfo.value.message_dict["service_type"]) == 2


def test_purchase_of_a_service_for_the_clients_current_phase_is_accepted(
    client_file, caseworker, work_fit, provider, in_phase_2
):
    trajectory = purchase(client_file, work_fit, provider, caseworker)

    assert Trajectory.objects.filter(pk=trajectory.pk).exists()


def test_purchase_with_planned_end_before_the_start_is_refused(
    client_file, caseworker, work_fit, provider
):
    start = datetime.date(2024, 3, 15)

    with pytest.raises(ValidationError) as excinfo:
        purchase(
            client_file,
            work_fit,
            provider,
            caseworker,
            purchased_on=datetime.date(2024, 3, 1),
            started_on=start,
            planned_end_on=start - days(1),
        )

    assert "planned_end_on" in excinfo.value.message_dict


def test_purchase_with_planned_end_on_the_start_day_is_accepted(
    client_file, caseworker, work_fit, provider
):
    start = datetime.date(2024, 3, 15)

    trajectory = purchase(
        client_file,
        work_fit,
        provider,
        caseworker,
        purchased_on=datetime.date(2024, 3, 1),
        started_on=start,
        planned_end_on=start,
    )

    assert Trajectory.objects.get(pk=trajectory.pk).planned_end_on == start


@pytest.mark.parametrize("cost", ["0.10", "4250.35", "99999999.99"])
def test_trajectory_cost_is_stored_as_an_exact_decimal(
    client_file, caseworker, work_fit, provider, cost
):
    trajectory = purchase(client_file, work_fit, provider, caseworker, cost=Decimal(cost))

    stored = Trajectory.objects.get(pk=trajectory.pk).cost
    assert isinstance(stored, Decimal)
    assert stored == Decimal(cost)


def test_trajectory_cost_in_fractions_of_a_cent_is_refused(
    client_file, caseworker, work_fit, provider
):
    with pytest.raises(ValidationError) as excinfo:
        purchase(client_file, work_fit, provider, caseworker, cost=Decimal("10.005"))

    assert "cost" in excinfo.value.message_dict


def test_trajectory_with_negative_cost_is_refused(client_file, caseworker, work_fit, provider):
    with pytest.raises(ValidationError) as excinfo:
        purchase(client_file, work_fit, provider, caseworker, cost=Decimal("-1.00"))

    assert "cost" in excinfo.value.message_dict


# Trajectories: pause, resume, close ------------------------------------------------------

STARTED = datetime.date(2024, 3, 15)
PAUSED_FROM = datetime.date(2024, 4, 1)
RESUMED_ON = datetime.date(2024, 5, 1)


@pytest.fixture
def running(client_file, work_fit, provider):
    return TrajectoryFactory.create(
        client=client_file,
        service_type=work_fit,
        provider=provider,
        purchased_on=datetime.date(2024, 3, 1),
        started_on=STARTED,
        status=Trajectory.Status.RUNNING,
    )


@pytest.fixture
def paused(running, caseworker):
    pause_trajectory(trajectory=running, from_date=PAUSED_FROM, reason="Opname", by=caseworker)
    running.refresh_from_db()
    return running


def test_pausing_a_running_trajectory_opens_a_pause_and_sets_it_paused(running, caseworker):
    pause = pause_trajectory(
        trajectory=running, from_date=PAUSED_FROM, reason="Ziekenhuisopname", by=caseworker
    )

    stored = TrajectoryPause.objects.get(pk=pause.pk)
    assert (stored.from_date, stored.to_date, stored.reason) == (
        PAUSED_FROM,
        None,
        "Ziekenhuisopname",
    )
    assert Trajectory.objects.get(pk=running.pk).status == Trajectory.Status.PAUSED


def test_pause_has_history_rows_with_the_user(running, caseworker):
    pause = pause_trajectory(
        trajectory=running, from_date=PAUSED_FROM, reason="Ziekenhuisopname", by=caseworker
    )

    assert pause.history.get().history_user == caseworker
    trajectory_row = running.history.latest("history_date")
    assert (trajectory_row.status, trajectory_row.history_user) == ("paused", caseworker)


def test_pausing_a_requested_trajectory_is_refused(client_file, caseworker, work_fit, provider):
    requested = TrajectoryFactory.create(
        client=client_file, service_type=work_fit, started_on=None, status="requested"
    )

    with pytest.raises(ValidationError) as excinfo:
        pause_trajectory(trajectory=requested, from_date=PAUSED_FROM, reason="X", by=caseworker)

    assert "status" in excinfo.value.message_dict
    assert not requested.pauses.exists()


def test_pausing_a_paused_trajectory_again_is_refused(paused, caseworker):
    with pytest.raises(ValidationError):
        pause_trajectory(
            trajectory=paused, from_date=PAUSED_FROM + days(5), reason="Nog", by=caseworker
        )

    assert paused.pauses.count() == 1


def test_pause_without_a_reason_is_refused(running, caseworker):
    with pytest.raises(ValidationError) as excinfo:
        pause_trajectory(trajectory=running, from_date=PAUSED_FROM, reason="   ", by=caseworker)

    assert "reason" in excinfo.value.message_dict
    assert Trajectory.objects.get(pk=running.pk).status == Trajectory.Status.RUNNING


def test_pause_before_the_trajectory_started_is_refused(running, caseworker):
    with pytest.raises(ValidationError) as excinfo:
        pause_trajectory(
            trajectory=running, from_date=STARTED - days(1), reason="Opname", by=caseworker
        )

    assert "from_date" in excinfo.value.message_dict


def test_pause_dated_tomorrow_is_refused(running, caseworker):
    with pytest.raises(ValidationError) as excinfo:
        pause_trajectory(
            trajectory=running, from_date=today() + days(1), reason="Opname", by=caseworker
        )

    assert "from_date" in excinfo.value.message_dict


def test_resuming_closes_the_pause_and_sets_it_running(paused, caseworker):
    resume_trajectory(trajectory=paused, on=RESUMED_ON, by=caseworker)

    pause = paused.pauses.get()
    assert (pause.from_date, pause.to_date) == (PAUSED_FROM, RESUMED_ON)
    assert Trajectory.objects.get(pk=paused.pk).status == Trajectory.Status.RUNNING


def test_resume_has_history_rows_with_the_user(paused, caseworker):
    resume_trajectory(trajectory=paused, on=RESUMED_ON, by=caseworker, reason="Hersteld")

    pause_row = paused.pauses.get().history.latest("history_date")
    assert (pause_row.to_date, pause_row.history_user) == (RESUMED_ON, caseworker)
    row = paused.history.latest("history_date")
    assert (row.status, row.history_user, row.history_change_reason) == (
        "running",
        caseworker,
        "Hersteld",
    )


def test_resuming_before_the_pause_started_is_refused(paused, caseworker):
    with pytest.raises(ValidationError):
        resume_trajectory(trajectory=paused, on=PAUSED_FROM - days(1), by=caseworker)

    assert paused.pauses.get().to_date is None
    assert Trajectory.objects.get(pk=paused.pk).status == Trajectory.Status.PAUSED


def test_resuming_a_running_trajectory_is_refused(running, caseworker):
    with pytest.raises(ValidationError) as excinfo:
        resume_trajectory(trajectory=running, on=RESUMED_ON, by=caseworker)

    assert "status" in excinfo.value.message_dict


def test_pausing_again_before_the_last_resume_is_refused(paused, caseworker):
    resume_trajectory(trajectory=paused, on=RESUMED_ON, by=caseworker)

    with pytest.raises(ValidationError) as excinfo:
        pause_trajectory(
            trajectory=paused, from_date=RESUMED_ON - days(1), reason="Terugval", by=caseworker
        )

    assert "from_date" in excinfo.value.message_dict
    assert paused.pauses.count() == 1


def test_pausing_again_on_the_day_of_the_last_resume_is_accepted(paused, caseworker):
    resume_trajectory(trajectory=paused, on=RESUMED_ON, by=caseworker)

    pause_trajectory(trajectory=paused, from_date=RESUMED_ON, reason="Terugval", by=caseworker)

    assert list(paused.pauses.values_list("from_date", "to_date")) == [
        (PAUSED_FROM, RESUMED_ON),
        (RESUMED_ON, None),
    ]


def test_completing_a_trajectory_without_an_outcome_is_refused(running, caseworker):
    with pytest.raises(ValidationError) as excinfo:
        close_trajectory(trajectory=running, status="completed", ended_on=RESUMED_ON, by=caseworker)

    assert "outcome" in excinfo.value.message_dict
    assert Trajectory.objects.get(pk=running.pk).status == Trajectory.Status.RUNNING


def test_completing_a_trajectory_with_an_outcome_records_end_and_outcome(running, caseworker):
    close_trajectory(
        trajectory=running,
        status="completed",
        ended_on=RESUMED_ON,
        outcome=Trajectory.Outcome.WORK_FIT,
        by=caseworker,
        reason="Eindrapportage ontvangen",
    )

    stored = Trajectory.objects.get(pk=running.pk)
    assert (stored.status, stored.ended_on, stored.outcome) == (
        Trajectory.Status.COMPLETED,
        RESUMED_ON,
        Trajectory.Outcome.WORK_FIT,
    )
    row = running.history.latest("history_date")
    assert (row.history_user, row.history_change_reason) == (
        caseworker,
        "Eindrapportage ontvangen",
    )


def test_cancelling_a_trajectory_needs_no_outcome(running, caseworker):
    close_trajectory(trajectory=running, status="cancelled", ended_on=RESUMED_ON, by=caseworker)

    assert Trajectory.objects.get(pk=running.pk).status == Trajectory.Status.CANCELLED


def test_closing_a_paused_trajectory_ends_its_open_pause_on_the_end_date(paused, caseworker):
    ended_on = datetime.date(2024, 6, 1)

    close_trajectory(trajectory=paused, status="cancelled", ended_on=ended_on, by=caseworker)

    assert paused.pauses.get().to_date == ended_on
    assert not paused.pauses.filter(to_date__isnull=True).exists()
    assert Trajectory.objects.get(pk=paused.pk).status == Trajectory.Status.CANCELLED


def test_closing_a_paused_trajectory_records_the_user_on_the_pause(paused, caseworker):
    close_trajectory(
        trajectory=paused, status="cancelled", ended_on=datetime.date(2024, 6, 1), by=caseworker
    )

    assert paused.pauses.get().history.latest("history_date").history_user == caseworker


def test_closing_a_paused_trajectory_before_its_pause_began_is_refused_on_ended_on(
    paused, caseworker
):
    with pytest.raises(ValidationError) as excinfo:
        close_trajectory(
            trajectory=paused,
            status="cancelled",
            ended_on=PAUSED_FROM - days(1),
            by=caseworker,
        )

    assert "ended_on" in excinfo.value.message_dict


def test_closing_a_trajectory_twice_is_refused(running, caseworker):
    close_trajectory(
        trajectory=running,
        status="completed",
        ended_on=RESUMED_ON,
        outcome=Trajectory.Outcome.WORK_FOUND,
        by=caseworker,
    )

    with pytest.raises(ValidationError) as excinfo:
        close_trajectory(trajectory=running, status="cancelled", ended_on=RESUMED_ON, by=caseworker)

    assert "status" in excinfo.value.message_dict
    stored = Trajectory.objects.get(pk=running.pk)
    assert (stored.status, stored.outcome) == (
        Trajectory.Status.COMPLETED,
        Trajectory.Outcome.WORK_FOUND,
    )


def test_closing_a_trajectory_before_it_started_is_refused(running, caseworker):
    with pytest.raises(ValidationError) as excinfo:
        close_trajectory(
            trajectory=running, status="cancelled", ended_on=STARTED - days(1), by=caseworker
        )

    assert "ended_on" in excinfo.value.message_dict


def test_closing_a_trajectory_before_its_last_resume_is_refused(paused, caseworker):
    resume_trajectory(trajectory=paused, on=RESUMED_ON, by=caseworker)

    with pytest.raises(ValidationError) as excinfo:
        close_trajectory(
            trajectory=paused,
            status=Trajectory.Status.CANCELLED,
            ended_on=RESUMED_ON - days(1),
            by=caseworker,
        )

    assert "ended_on" in excinfo.value.message_dict
    assert Trajectory.objects.get(pk=paused.pk).status == Trajectory.Status.RUNNING
