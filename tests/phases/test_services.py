"""Phase transitions and phase exemptions through the services."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from clients.models import Client
from clients.services import update_client
from common.exceptions import EditConflict
from phases.models import PhaseExemption, PhasePeriod
from phases.services import record_phase_exemption, transition_phase

pytestmark = pytest.mark.django_db

FIRST_START = datetime.date(2022, 3, 1)
SECOND_START = datetime.date(2023, 9, 15)


def today() -> datetime.date:
    return timezone.localdate()


def days(n: int) -> datetime.timedelta:
    return datetime.timedelta(days=n)


def periods(client: Client) -> list[tuple[str, datetime.date, datetime.date | None]]:
    return list(
        PhasePeriod.objects.filter(client=client)
        .order_by("started_on", "id")
        .values_list("phase", "started_on", "ended_on")
    )


@pytest.fixture
def in_phase_2(client_file, caseworker):
    """`client_file` has been in phase 2 since FIRST_START (through the service)."""
    return transition_phase(
        client=client_file, phase="2", started_on=FIRST_START, reason="Intake", by=caseworker
    )


def snapshot(client: Client) -> tuple[object, ...]:
    """Everything a refused transition must leave untouched."""
    return (
        periods(client),
        PhasePeriod.history.count(),
        Client.objects.get(pk=client.pk).version,
        Client.history.filter(id=client.pk).count(),
    )


# Opening and closing periods -------------------------------------------------------------


def test_first_transition_opens_the_first_period(client_file, caseworker):
    period = transition_phase(
        client=client_file, phase="1", started_on=FIRST_START, reason="Intake", by=caseworker
    )

    assert periods(client_file) == [("1", FIRST_START, None)]
    assert period.recorded_by == caseworker


def test_transition_closes_the_current_period_on_the_new_start_date(
    client_file, caseworker, in_phase_2
):
    transition_phase(
        client=client_file,
        phase="3",
        started_on=SECOND_START,
        reason="Werkfit verklaard",
        by=caseworker,
    )

    in_phase_2.refresh_from_db()
    assert in_phase_2.ended_on == SECOND_START  # exclusive end: the last day in 2 is the 14th


def test_transition_opens_the_new_period_from_its_start_date(client_file, caseworker, in_phase_2):
    transition_phase(
        client=client_file,
        phase="3",
        started_on=SECOND_START,
        reason="Werkfit verklaard",
        by=caseworker,
    )

    assert periods(client_file) == [("2", FIRST_START, SECOND_START), ("3", SECOND_START, None)]


def test_transition_skipping_a_phase_is_allowed(client_file, caseworker):
    transition_phase(
        client=client_file, phase="1", started_on=FIRST_START, reason="Intake", by=caseworker
    )

    transition_phase(
        client=client_file,
        phase="3",
        started_on=SECOND_START,
        reason="Direct bemiddelbaar",
        by=caseworker,
    )

    assert periods(client_file)[-1] == ("3", SECOND_START, None)


def test_transition_falling_back_to_an_earlier_phase_is_allowed(client_file, caseworker):
    transition_phase(
        client=client_file, phase="4", started_on=FIRST_START, reason="Aan het werk", by=caseworker
    )

    transition_phase(
        client=client_file,
        phase="2",
        started_on=SECOND_START,
        reason="Baan verloren na ziekte",
        by=caseworker,
    )

    assert periods(client_file) == [("4", FIRST_START, SECOND_START), ("2", SECOND_START, None)]


def test_transition_on_the_start_date_of_the_current_period_replaces_it_the_same_day(
    client_file, caseworker, in_phase_2
):
    """A same-day correction: the wrong period becomes empty [D, D), the new one starts on D."""
    transition_phase(
        client=client_file,
        phase="3",
        started_on=FIRST_START,
        reason="Correctie: fase 3 bedoeld",
        by=caseworker,
    )

    assert periods(client_file) == [("2", FIRST_START, FIRST_START), ("3", FIRST_START, None)]


def test_transition_dated_today_is_accepted(client_file, caseworker, in_phase_2):
    transition_phase(
        client=client_file, phase="3", started_on=today(), reason="Werkfit", by=caseworker
    )

    assert periods(client_file)[-1] == ("3", today(), None)


def test_transition_increments_the_client_version(client_file, caseworker, in_phase_2):
    before = Client.objects.get(pk=client_file.pk).version

    transition_phase(
        client=client_file, phase="3", started_on=SECOND_START, reason="Werkfit", by=caseworker
    )

    assert Client.objects.get(pk=client_file.pk).version == before + 1
    assert client_file.version == before + 1


def test_transition_with_the_version_read_is_accepted(client_file, caseworker, in_phase_2):
    transition_phase(
        client=client_file,
        phase="3",
        started_on=SECOND_START,
        reason="Werkfit",
        by=caseworker,
        expected_version=Client.objects.get(pk=client_file.pk).version,
    )

    assert periods(client_file)[-1] == ("3", SECOND_START, None)


# History ---------------------------------------------------------------------------------


def test_transition_records_user_and_reason_on_the_closed_period(
    client_file, caseworker, in_phase_2
):
    transition_phase(
        client=client_file,
        phase="3",
        started_on=SECOND_START,
        reason="Werkfit verklaard door AD",
        by=caseworker,
    )

    row = in_phase_2.history.latest("history_date")
    assert row.history_type == "~"
    assert row.ended_on == SECOND_START
    assert row.history_user == caseworker
    assert row.history_change_reason == "Werkfit verklaard door AD"


def test_transition_records_user_and_reason_on_the_new_period(client_file, caseworker, in_phase_2):
    new = transition_phase(
        client=client_file,
        phase="3",
        started_on=SECOND_START,
        reason="Werkfit verklaard door AD",
        by=caseworker,
    )

    row = new.history.get()
    assert row.history_type == "+"
    assert row.history_user == caseworker
    assert row.history_change_reason == "Werkfit verklaard door AD"


def test_transition_records_the_trimmed_reason_on_the_period(client_file, caseworker):
    period = transition_phase(
        client=client_file, phase="1", started_on=FIRST_START, reason="  Intake  ", by=caseworker
    )

    assert PhasePeriod.objects.get(pk=period.pk).reason == "Intake"


def test_transition_with_a_long_reason_is_recorded_in_full(client_file, caseworker):
    reason = " ".join(["Cliënt is na behandeling stabiel en wil werkfit worden."] * 4)

    period = transition_phase(
        client=client_file, phase="2", started_on=FIRST_START, reason=reason, by=caseworker
    )

    assert period.history.get().history_change_reason == reason


# Refusals --------------------------------------------------------------------------------


def test_transition_to_the_current_phase_is_refused(client_file, caseworker, in_phase_2):
    with pytest.raises(ValidationError) as excinfo:
        transition_phase(
            client=client_file, phase="2", started_on=SECOND_START, reason="Nog", by=caseworker
        )

    assert "phase" in excinfo.value.message_dict


def test_transition_to_the_current_phase_writes_nothing(client_file, caseworker, in_phase_2):
    before = snapshot(client_file)

    with pytest.raises(ValidationError):
        transition_phase(
            client=client_file, phase="2", started_on=SECOND_START, reason="Nog", by=caseworker
        )

    assert snapshot(client_file) == before


def test_transition_before_the_current_period_started_is_refused(
    client_file, caseworker, in_phase_2
):
    with pytest.raises(ValidationError) as excinfo:
        transition_phase(
            client=client_file,
            phase="3",
            started_on=FIRST_START - days(1),
            reason="Te vroeg",
            by=caseworker,
        )

    assert "started_on" in excinfo.value.message_dict


def test_transition_before_the_current_period_started_writes_nothing(
    client_file, caseworker, in_phase_2
):
    before = snapshot(client_file)

    with pytest.raises(ValidationError):
        transition_phase(
            client=client_file,
            phase="3",
            started_on=FIRST_START - days(1),
            reason="Te vroeg",
            by=caseworker,
        )

    assert snapshot(client_file) == before


def test_transition_dated_tomorrow_is_refused(client_file, caseworker, in_phase_2):
    with pytest.raises(ValidationError) as excinfo:
        transition_phase(
            client=client_file,
            phase="3",
            started_on=today() + days(1),
            reason="Vooruit",
            by=caseworker,
        )

    assert "started_on" in excinfo.value.message_dict


def test_transition_dated_tomorrow_writes_nothing(client_file, caseworker, in_phase_2):
    before = snapshot(client_file)

    with pytest.raises(ValidationError):
        transition_phase(
            client=client_file,
            phase="3",
            started_on=today() + days(1),
            reason="Vooruit",
            by=caseworker,
        )

    assert snapshot(client_file) == before


@pytest.mark.parametrize("reason", ["", "   ", "\n\t"], ids=["empty", "spaces", "whitespace"])
def test_transition_without_a_reason_is_refused(client_file, caseworker, in_phase_2, reason):
    with pytest.raises(ValidationError) as excinfo:
        transition_phase(
            client=client_file, phase="3", started_on=SECOND_START, reason=reason, by=caseworker
        )

    assert "reason" in excinfo.value.message_dict


def test_transition_without_a_reason_writes_nothing(client_file, caseworker, in_phase_2):
    before = snapshot(client_file)

    with pytest.raises(ValidationError):
        transition_phase(
            client=client_file, phase="3", started_on=SECOND_START, reason="  ", by=caseworker
        )

    assert snapshot(client_file) == before


@pytest.mark.parametrize("phase", ["5", "0", "", "23"])
def test_transition_to_an_unknown_phase_is_refused(client_file, caseworker, in_phase_2, phase):
    with pytest.raises(ValidationError) as excinfo:
        transition_phase(
            client=client_file, phase=phase, started_on=SECOND_START, reason="X", by=caseworker
        )

    assert "phase" in excinfo.value.message_dict


def test_transition_to_an_unknown_phase_writes_nothing(client_file, caseworker, in_phase_2):
    before = snapshot(client_file)

    with pytest.raises(ValidationError):
        transition_phase(
            client=client_file, phase="5", started_on=SECOND_START, reason="X", by=caseworker
        )

    assert snapshot(client_file) == before


def test_transition_with_a_stale_version_raises_edit_conflict(client_file, caseworker, in_phase_2):
    stale = Client.objects.get(pk=client_file.pk).version
    update_client(
        client=client_file, expected_version=stale, changes={"last_name": "Visser"}, by=caseworker
    )

    with pytest.raises(EditConflict):
        transition_phase(
            client=client_file,
            phase="3",
            started_on=SECOND_START,
            reason="Werkfit",
            by=caseworker,
            expected_version=stale,
        )


def test_transition_with_a_stale_version_writes_nothing(client_file, caseworker, in_phase_2):
    stale = Client.objects.get(pk=client_file.pk).version
    update_client(
        client=client_file, expected_version=stale, changes={"last_name": "Visser"}, by=caseworker
    )
    before = snapshot(client_file)

    with pytest.raises(EditConflict):
        transition_phase(
            client=client_file,
            phase="3",
            started_on=SECOND_START,
            reason="Werkfit",
            by=caseworker,
            expected_version=stale,
        )

    assert snapshot(client_file) == before


# Phase exemptions ------------------------------------------------------------------------


def test_phase_exemption_with_review_date_before_its_start_is_refused(client_file, caseworker):
    with pytest.raises(ValidationError) as excinfo:
        record_phase_exemption(
            client=client_file,
            phase="1",
            reason=PhaseExemption.Reason.MEDICAL,
            valid_from=datetime.date(2024, 6, 1),
            review_on=datetime.date(2024, 5, 31),
            by=caseworker,
        )

    assert "review_on" in excinfo.value.message_dict
    assert not PhaseExemption.objects.exists()


def test_phase_exemption_reviewed_on_its_first_day_is_accepted(client_file, caseworker):
    exemption = record_phase_exemption(
        client=client_file,
        phase="1",
        reason=PhaseExemption.Reason.MEDICAL,
        valid_from=datetime.date(2024, 6, 1),
        review_on=datetime.date(2024, 6, 1),
        by=caseworker,
    )

    assert PhaseExemption.objects.get(pk=exemption.pk).review_on == datetime.date(2024, 6, 1)


def test_phase_exemption_writes_a_history_row_with_the_user_and_the_note(client_file, caseworker):
    exemption = record_phase_exemption(
        client=client_file,
        phase="1",
        reason=PhaseExemption.Reason.STABILISATION_GOAL,
        valid_from=datetime.date(2024, 6, 1),
        review_on=datetime.date(2025, 6, 1),
        note="Stabilisatie afgesproken met behandelaar",
        by=caseworker,
    )

    row = exemption.history.get()
    assert row.history_type == "+"
    assert row.history_user == caseworker
    assert row.history_change_reason == "Stabilisatie afgesproken met behandelaar"
    assert exemption.recorded_by == caseworker
