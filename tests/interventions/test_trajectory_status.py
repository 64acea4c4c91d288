"""A trajectory's status after its purchase: start, pause, resume, complete and cancel, all
through `change_trajectory_status`."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from common.exceptions import EditConflict
from interventions.models import Trajectory, TrajectoryPause
from interventions.services.trajectories import action_towards, change_trajectory_status
from tests.factories import TrajectoryFactory

pytestmark = pytest.mark.django_db


def today() -> datetime.date:
    return timezone.localdate()


def days(n: int) -> datetime.timedelta:
    return datetime.timedelta(days=n)


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
    change_trajectory_status(
        action="pause", trajectory=running, on=PAUSED_FROM, reason="Opname", by=caseworker
    )
    running.refresh_from_db()
    return running


def test_pausing_a_running_trajectory_opens_a_pause_and_sets_it_paused(running, caseworker):
    changed = change_trajectory_status(
        action="pause", trajectory=running, on=PAUSED_FROM, reason="Ziekenhuisopname", by=caseworker
    )

    stored = TrajectoryPause.objects.get(trajectory=running)
    assert changed.status == Trajectory.Status.PAUSED
    assert (stored.from_date, stored.to_date, stored.reason) == (
        PAUSED_FROM,
        None,
        "Ziekenhuisopname",
    )
    assert Trajectory.objects.get(pk=running.pk).status == Trajectory.Status.PAUSED


def test_pause_has_history_rows_with_the_user(running, caseworker):
    change_trajectory_status(
        action="pause", trajectory=running, on=PAUSED_FROM, reason="Ziekenhuisopname", by=caseworker
    )

    assert running.pauses.get().history.get().history_user == caseworker
    trajectory_row = running.history.latest("history_date")
    assert (trajectory_row.status, trajectory_row.history_user) == ("paused", caseworker)


def test_pausing_a_requested_trajectory_is_refused(client_file, caseworker, work_fit, provider):
    requested = TrajectoryFactory.create(
        client=client_file, service_type=work_fit, started_on=None, status="requested"
    )

    with pytest.raises(ValidationError) as excinfo:
        change_trajectory_status(
            action="pause", trajectory=requested, on=PAUSED_FROM, reason="X", by=caseworker
        )

    assert "status" in excinfo.value.message_dict
    assert not requested.pauses.exists()


def test_pausing_a_paused_trajectory_again_is_refused(paused, caseworker):
    with pytest.raises(ValidationError):
        change_trajectory_status(
            action="pause", trajectory=paused, on=PAUSED_FROM + days(5), reason="Nog", by=caseworker
        )

    assert paused.pauses.count() == 1


def test_pause_without_a_reason_is_refused(running, caseworker):
    with pytest.raises(ValidationError) as excinfo:
        change_trajectory_status(
            action="pause", trajectory=running, on=PAUSED_FROM, reason="   ", by=caseworker
        )

    assert "reason" in excinfo.value.message_dict
    assert Trajectory.objects.get(pk=running.pk).status == Trajectory.Status.RUNNING


def test_pause_before_the_trajectory_started_is_refused(running, caseworker):
    with pytest.raises(ValidationError) as excinfo:
        change_trajectory_status(
            action="pause", trajectory=running, on=STARTED - days(1), reason="Opname", by=caseworker
        )

    assert "from_date" in excinfo.value.message_dict


def test_pause_dated_tomorrow_is_refused(running, caseworker):
    with pytest.raises(ValidationError) as excinfo:
        change_trajectory_status(
            action="pause", trajectory=running, on=today() + days(1), reason="Opname", by=caseworker
        )

    assert "from_date" in excinfo.value.message_dict


def test_resuming_closes_the_pause_and_sets_it_running(paused, caseworker):
    change_trajectory_status(action="resume", trajectory=paused, on=RESUMED_ON, by=caseworker)

    pause = paused.pauses.get()
    assert (pause.from_date, pause.to_date) == (PAUSED_FROM, RESUMED_ON)
    assert Trajectory.objects.get(pk=paused.pk).status == Trajectory.Status.RUNNING


def test_resume_has_history_rows_with_the_user(paused, caseworker):
    change_trajectory_status(
        action="resume", trajectory=paused, on=RESUMED_ON, by=caseworker, change_reason="Hersteld"
    )

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
        change_trajectory_status(
            action="resume", trajectory=paused, on=PAUSED_FROM - days(1), by=caseworker
        )

    assert paused.pauses.get().to_date is None
    assert Trajectory.objects.get(pk=paused.pk).status == Trajectory.Status.PAUSED


def test_resuming_a_running_trajectory_is_refused(running, caseworker):
    with pytest.raises(ValidationError) as excinfo:
        change_trajectory_status(action="resume", trajectory=running, on=RESUMED_ON, by=caseworker)

    assert "status" in excinfo.value.message_dict


def test_pausing_again_before_the_last_resume_is_refused(paused, caseworker):
    change_trajectory_status(action="resume", trajectory=paused, on=RESUMED_ON, by=caseworker)

    with pytest.raises(ValidationError) as excinfo:
        change_trajectory_status(
            action="pause",
            trajectory=paused,
            on=RESUMED_ON - days(1),
            reason="Terugval",
            by=caseworker,
        )

    assert "from_date" in excinfo.value.message_dict
    assert paused.pauses.count() == 1


def test_pausing_again_on_the_day_of_the_last_resume_is_accepted(paused, caseworker):
    change_trajectory_status(action="resume", trajectory=paused, on=RESUMED_ON, by=caseworker)

    change_trajectory_status(
        action="pause", trajectory=paused, on=RESUMED_ON, reason="Terugval", by=caseworker
    )

    assert list(paused.pauses.values_list("from_date", "to_date")) == [
        (PAUSED_FROM, RESUMED_ON),
        (RESUMED_ON, None),
    ]


def test_completing_a_trajectory_without_an_outcome_is_refused(running, caseworker):
    with pytest.raises(ValidationError) as excinfo:
        change_trajectory_status(
            action="complete", trajectory=running, on=RESUMED_ON, by=caseworker
        )

    assert "outcome" in excinfo.value.message_dict
    assert Trajectory.objects.get(pk=running.pk).status == Trajectory.Status.RUNNING


def test_completing_a_trajectory_with_an_outcome_records_end_and_outcome(running, caseworker):
    change_trajectory_status(
        action="complete",
        trajectory=running,
        on=RESUMED_ON,
        outcome=Trajectory.Outcome.WORK_FIT,
        by=caseworker,
        change_reason="Eindrapportage ontvangen",
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
    change_trajectory_status(action="cancel", trajectory=running, on=RESUMED_ON, by=caseworker)

    assert Trajectory.objects.get(pk=running.pk).status == Trajectory.Status.CANCELLED


def test_closing_a_paused_trajectory_ends_its_open_pause_on_the_end_date(paused, caseworker):
    ended_on = datetime.date(2024, 6, 1)

    change_trajectory_status(action="cancel", trajectory=paused, on=ended_on, by=caseworker)

    assert paused.pauses.get().to_date == ended_on
    assert not paused.pauses.filter(to_date__isnull=True).exists()
    assert Trajectory.objects.get(pk=paused.pk).status == Trajectory.Status.CANCELLED


def test_closing_a_paused_trajectory_records_the_user_on_the_pause(paused, caseworker):
    change_trajectory_status(
        action="cancel", trajectory=paused, on=datetime.date(2024, 6, 1), by=caseworker
    )

    assert paused.pauses.get().history.latest("history_date").history_user == caseworker


def test_closing_a_paused_trajectory_before_its_pause_began_is_refused_on_ended_on(
    paused, caseworker
):
    with pytest.raises(ValidationError) as excinfo:
        change_trajectory_status(
            action="cancel",
            trajectory=paused,
            on=PAUSED_FROM - days(1),
            by=caseworker,
        )

    assert "ended_on" in excinfo.value.message_dict


def test_closing_a_trajectory_twice_is_refused(running, caseworker):
    change_trajectory_status(
        action="complete",
        trajectory=running,
        on=RESUMED_ON,
        outcome=Trajectory.Outcome.WORK_FOUND,
        by=caseworker,
    )

    with pytest.raises(ValidationError) as excinfo:
        change_trajectory_status(action="cancel", trajectory=running, on=RESUMED_ON, by=caseworker)

    assert "status" in excinfo.value.message_dict
    stored = Trajectory.objects.get(pk=running.pk)
    assert (stored.status, stored.outcome) == (
        Trajectory.Status.COMPLETED,
        Trajectory.Outcome.WORK_FOUND,
    )


def test_closing_a_trajectory_before_it_started_is_refused(running, caseworker):
    with pytest.raises(ValidationError) as excinfo:
        change_trajectory_status(
            action="cancel", trajectory=running, on=STARTED - days(1), by=caseworker
        )

    assert "ended_on" in excinfo.value.message_dict


def test_closing_a_trajectory_before_its_last_resume_is_refused(paused, caseworker):
    change_trajectory_status(action="resume", trajectory=paused, on=RESUMED_ON, by=caseworker)

    with pytest.raises(ValidationError) as excinfo:
        change_trajectory_status(
            action="cancel",
            trajectory=paused,
            on=RESUMED_ON - days(1),
            by=caseworker,
        )

    assert "ended_on" in excinfo.value.message_dict


def test_a_requested_trajectory_starts_on_the_day_given(client_file, caseworker, work_fit):
    requested = TrajectoryFactory.create(
        client=client_file,
        service_type=work_fit,
        purchased_on=datetime.date(2024, 3, 1),
        started_on=None,
        status=Trajectory.Status.REQUESTED,
    )

    change_trajectory_status(trajectory=requested, action="start", on=STARTED, by=caseworker)

    stored = Trajectory.objects.get(pk=requested.pk)
    assert (stored.status, stored.started_on) == (Trajectory.Status.RUNNING, STARTED)
    assert stored.history.latest("history_date").history_change_reason == "Traject gestart"


def test_starting_a_running_trajectory_is_refused(running, caseworker):
    with pytest.raises(ValidationError) as excinfo:
        change_trajectory_status(trajectory=running, action="start", on=STARTED, by=caseworker)

    assert "status" in excinfo.value.message_dict


def test_a_pause_keeps_its_reason_and_the_history_the_change_reason_when_given(running, caseworker):
    change_trajectory_status(
        trajectory=running,
        action="pause",
        on=PAUSED_FROM,
        reason="Opname",
        change_reason="Gemeld door de aanbieder",
        by=caseworker,
    )

    assert running.pauses.get().reason == "Opname"
    row = running.history.latest("history_date")
    assert row.history_change_reason == "Gemeld door de aanbieder"


def test_an_unknown_action_is_refused(running, caseworker):
    with pytest.raises(ValidationError) as excinfo:
        change_trajectory_status(trajectory=running, action="restart", on=STARTED, by=caseworker)

    assert "action" in excinfo.value.message_dict


def test_a_change_with_a_stale_status_conflicts_and_changes_nothing(running, caseworker):
    with pytest.raises(EditConflict):
        change_trajectory_status(
            trajectory=running,
            action="cancel",
            on=RESUMED_ON,
            expected_status=Trajectory.Status.PAUSED,
            by=caseworker,
        )

    assert Trajectory.objects.get(pk=running.pk).status == Trajectory.Status.RUNNING


@pytest.mark.parametrize(
    "current, status, action",
    [
        ("requested", "running", "start"),
        ("paused", "running", "resume"),
        ("running", "paused", "pause"),
        ("running", "completed", "complete"),
        ("paused", "cancelled", "cancel"),
    ],
)
def test_the_action_towards_a_status_depends_on_the_current_one(current, status, action):
    assert action_towards(trajectory=Trajectory(status=current), status=status) == action


def test_a_requested_trajectory_can_be_cancelled_before_its_planned_start(
    client_file, work_fit, provider, caseworker
):
    """Found by the stateful API test: a trajectory bought today to start next month could not
    be cancelled (nor completed) before that start, though it never began."""
    requested = TrajectoryFactory.create(
        client=client_file,
        service_type=work_fit,
        provider=provider,
        purchased_on=today() - days(3),
        started_on=today() + days(30),
        status=Trajectory.Status.REQUESTED,
    )

    change_trajectory_status(action="cancel", trajectory=requested, on=today(), by=caseworker)

    requested.refresh_from_db()
    assert (requested.status, requested.ended_on) == (Trajectory.Status.CANCELLED, today())
    with pytest.raises(ValidationError):
        change_trajectory_status(
            action="cancel",
            trajectory=TrajectoryFactory.create(
                client=client_file,
                service_type=work_fit,
                provider=provider,
                purchased_on=today() - days(3),
                started_on=today() + days(30),
                status=Trajectory.Status.REQUESTED,
            ),
            on=today() - days(4),
            by=caseworker,
        )
