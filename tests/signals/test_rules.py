"""The signal rules (no contact, a stalled phase) to the day: every boundary is its own test.

Rows are written directly with factories (not services), so each test controls exactly what
the nightly check sees for the as-of date D.
"""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from clients.models import Client
from common.dates import months_before
from interventions.models import ContactExemption, Conversation
from interventions.services.conversations import log_conversation
from norms.models import NormVersion
from phases.models import PhaseExemption
from phases.services import transition_phase
from signals.models import Notification, Signal
from signals.services import dismiss_signal, run_signals
from tests.factories import ClientFactory, ConversationFactory, PhasePeriodFactory

D = datetime.date(2026, 11, 2)
ONE_YEAR_BEFORE_D = datetime.date(2025, 11, 2)
day = datetime.timedelta(days=1)
NO_WORK_SIGNALS = {"contract_ending": 0, "job_ended": 0}

pytestmark = pytest.mark.django_db


def held(client: Client, on: datetime.date, **fields) -> Conversation:
    values = {"status": "held", "channel": "in_person", "with_client": True, **fields}
    return ConversationFactory.create(
        client=client, caseworker=client.caseworker, held_on=on, **values
    )


def open_kinds(client: Client) -> set[str]:
    return set(Signal.objects.filter(client=client, status="open").values_list("kind", flat=True))


# Calendar arithmetic ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (datetime.date(2024, 2, 29), 12, datetime.date(2023, 2, 28)),
        (datetime.date(2024, 3, 31), 1, datetime.date(2024, 2, 29)),
        (datetime.date(2025, 1, 31), 2, datetime.date(2024, 11, 30)),
        (datetime.date(2026, 11, 2), 24, datetime.date(2024, 11, 2)),
    ],
)
def test_months_before_uses_calendar_arithmetic(start, months, expected):
    assert months_before(start, months) == expected


# No contact: the window ------------------------------------------------------------------


def test_contact_exactly_one_calendar_year_before_d_counts(person):
    held(person, ONE_YEAR_BEFORE_D)
    run_signals(as_of=D)
    assert "no_contact" not in open_kinds(person)


def test_contact_the_day_before_the_window_does_not_count(person):
    held(person, ONE_YEAR_BEFORE_D - day)
    run_signals(as_of=D)
    assert "no_contact" in open_kinds(person)


def test_contact_on_d_counts(person):
    held(person, D)
    run_signals(as_of=D)
    assert "no_contact" not in open_kinds(person)


def test_contact_after_d_does_not_count_for_d(person):
    held(person, D + day)
    run_signals(as_of=D)
    assert "no_contact" in open_kinds(person)


@pytest.mark.parametrize("status", ["no_show", "cancelled", "planned"])
def test_conversation_that_was_not_held_does_not_count(person, status):
    held(person, D - 30 * day, status=status)
    run_signals(as_of=D)
    assert "no_contact" in open_kinds(person)


def test_written_contact_does_not_count(person):
    held(person, D - 30 * day, channel="written")
    run_signals(as_of=D)
    assert "no_contact" in open_kinds(person)


@pytest.mark.parametrize("channel", ["in_person", "video", "phone"])
def test_spoken_contact_counts_on_every_spoken_channel(person, channel):
    held(person, D - 30 * day, channel=channel)
    run_signals(as_of=D)
    assert "no_contact" not in open_kinds(person)


def test_conversation_without_the_client_does_not_count(person):
    held(person, D - 30 * day, with_client=False)
    run_signals(as_of=D)
    assert "no_contact" in open_kinds(person)


def test_on_leap_day_a_contact_on_28_february_a_year_before_counts(person):
    leap_day = datetime.date(2024, 2, 29)
    held(person, datetime.date(2023, 2, 28))
    run_signals(as_of=leap_day)
    assert "no_contact" not in open_kinds(person)


def test_on_leap_day_a_contact_on_27_february_a_year_before_does_not_count(person):
    leap_day = datetime.date(2024, 2, 29)
    held(person, datetime.date(2023, 2, 27))
    run_signals(as_of=leap_day)
    assert "no_contact" in open_kinds(person)


# No contact: who is in scope -------------------------------------------------------------


def test_client_in_service_less_than_a_year_is_not_flagged(person):
    Client.objects.filter(pk=person.pk).update(in_service_since=ONE_YEAR_BEFORE_D + day)
    run_signals(as_of=D)
    assert "no_contact" not in open_kinds(person)


def test_client_in_service_exactly_a_year_is_flagged(person):
    Client.objects.filter(pk=person.pk).update(in_service_since=ONE_YEAR_BEFORE_D)
    run_signals(as_of=D)
    assert "no_contact" in open_kinds(person)


def test_client_out_of_service_on_d_is_not_flagged(person):
    Client.objects.filter(pk=person.pk).update(out_of_service_on=D)
    run_signals(as_of=D)
    assert open_kinds(person) == set()


def test_client_out_of_service_the_day_after_d_is_flagged(person):
    Client.objects.filter(pk=person.pk).update(out_of_service_on=D + day)
    run_signals(as_of=D)
    assert "no_contact" in open_kinds(person)


def test_client_without_work_capacity_is_not_flagged(person):
    person.capacity_decisions.update(outcome="lasting_none")  # the decision in force on D
    run_signals(as_of=D)
    assert open_kinds(person) == set()


def contact_exemption(client: Client, valid_from: datetime.date, valid_until: datetime.date):
    return ContactExemption.objects.create(
        client=client, reason="stable_work", valid_from=valid_from, valid_until=valid_until
    )


def test_contact_exemption_ending_on_d_still_covers_d(person):
    contact_exemption(person, D - 100 * day, D)
    run_signals(as_of=D)
    assert "no_contact" not in open_kinds(person)


def test_contact_exemption_ending_the_day_before_d_no_longer_covers_d(person):
    contact_exemption(person, D - 100 * day, D - day)
    run_signals(as_of=D)
    assert "no_contact" in open_kinds(person)


def test_contact_exemption_starting_the_day_after_d_does_not_cover_d(person):
    contact_exemption(person, D + day, D + 100 * day)
    run_signals(as_of=D)
    assert "no_contact" in open_kinds(person)


# Stalled phase ---------------------------------------------------------------------------

THRESHOLDS = {"1": 24, "2": 12, "3": 12}


@pytest.fixture
def in_phase(team, caseworker):
    def make(phase: str, since: datetime.date) -> Client:
        client = ClientFactory.create(
            team=team, caseworker=caseworker, in_service_since=datetime.date(2015, 1, 1)
        )
        PhasePeriodFactory.create(client=client, phase=phase, started_on=since)
        held(client, D - 10 * day)  # spoken recently: only the phase rule is in play
        return client

    return make


@pytest.mark.parametrize("phase", ["1", "2", "3"])
def test_phase_started_exactly_the_threshold_before_d_is_stalled(in_phase, phase):
    client = in_phase(phase, months_before(D, THRESHOLDS[phase]))
    run_signals(as_of=D)
    assert open_kinds(client) == {"stalled_phase"}


@pytest.mark.parametrize("phase", ["1", "2", "3"])
def test_phase_started_a_day_short_of_the_threshold_is_not_stalled(in_phase, phase):
    client = in_phase(phase, months_before(D, THRESHOLDS[phase]) + day)
    run_signals(as_of=D)
    assert open_kinds(client) == set()


def test_phase_4_never_stalls(in_phase):
    client = in_phase("4", datetime.date(2012, 1, 1))
    run_signals(as_of=D)
    assert open_kinds(client) == set()


def test_a_regression_restarts_the_clock(in_phase):
    client = in_phase("3", datetime.date(2020, 1, 1))
    client.phase_periods.update(ended_on=D - 30 * day)
    PhasePeriodFactory.create(client=client, phase="2", started_on=D - 30 * day)
    run_signals(as_of=D)
    assert open_kinds(client) == set()


def test_the_phase_period_covering_d_counts_not_a_later_one(in_phase):
    client = in_phase("2", datetime.date(2020, 1, 1))
    client.phase_periods.update(ended_on=D + day)
    PhasePeriodFactory.create(client=client, phase="4", started_on=D + day)
    run_signals(as_of=D)
    assert open_kinds(client) == {"stalled_phase"}


def phase_exemption(client, phase, valid_from, review_on):
    return PhaseExemption.objects.create(
        client=client, phase=phase, reason="medical", valid_from=valid_from, review_on=review_on
    )


def test_phase_exemption_for_the_current_phase_prevents_the_signal(in_phase):
    client = in_phase("1", datetime.date(2020, 1, 1))
    phase_exemption(client, "1", D - 100 * day, D + 100 * day)
    run_signals(as_of=D)
    assert open_kinds(client) == set()


def test_phase_exemption_for_another_phase_does_not_count(in_phase):
    client = in_phase("1", datetime.date(2020, 1, 1))
    phase_exemption(client, "2", D - 100 * day, D + 100 * day)
    run_signals(as_of=D)
    assert open_kinds(client) == {"stalled_phase"}


def test_phase_exemption_with_review_date_on_d_still_covers_d(in_phase):
    client = in_phase("2", datetime.date(2020, 1, 1))
    phase_exemption(client, "2", D - 100 * day, D)
    run_signals(as_of=D)
    assert open_kinds(client) == set()


def test_phase_exemption_whose_review_date_has_passed_no_longer_covers(in_phase):
    client = in_phase("2", datetime.date(2020, 1, 1))
    phase_exemption(client, "2", D - 100 * day, D - day)
    run_signals(as_of=D)
    assert open_kinds(client) == {"stalled_phase"}


def test_inactive_client_does_not_stall(in_phase):
    client = in_phase("1", datetime.date(2020, 1, 1))
    Client.objects.filter(pk=client.pk).update(out_of_service_on=D)
    run_signals(as_of=D)
    assert open_kinds(client) == set()


# Norms as data ---------------------------------------------------------------------------


def test_thresholds_come_from_the_norm_version_in_force(in_phase):
    stricter = NormVersion.objects.create(effective_from=D, stalled_phase_2_months=6)
    client = in_phase("2", months_before(D, 7))

    run_signals(as_of=D - day)
    assert open_kinds(client) == set()

    run_signals(as_of=D)
    signal = Signal.objects.get(client=client, status="open")
    assert (signal.kind, signal.rule_version) == ("stalled_phase", stricter)


def test_signal_details_say_what_the_check_saw(person, in_phase):
    held(person, datetime.date(2024, 6, 1))
    stalled = in_phase("2", datetime.date(2024, 1, 15))
    run_signals(as_of=D)

    no_contact = Signal.objects.get(client=person, kind="no_contact")
    assert no_contact.details == {
        "last_contact_on": "2024-06-01",
        "window_start": ONE_YEAR_BEFORE_D.isoformat(),
    }
    phase = Signal.objects.get(client=stalled, kind="stalled_phase")
    assert phase.details == {"phase": "2", "phase_since": "2024-01-15", "threshold_months": 12}
    assert no_contact.raised_on == D
    assert no_contact.rule_version == NormVersion.objects.get(effective_from="2018-01-01")


# Running twice, resolving, dismissing ----------------------------------------------------


def test_running_twice_for_the_same_day_changes_nothing(person, in_phase):
    in_phase("1", datetime.date(2020, 1, 1))
    first = run_signals(as_of=D)
    rows, history = Signal.objects.count(), Signal.history.count()

    second = run_signals(as_of=D)

    assert first.raised == {"no_contact": 1, "stalled_phase": 1, **NO_WORK_SIGNALS}
    assert second.raised == {"no_contact": 0, "stalled_phase": 0, **NO_WORK_SIGNALS}
    assert second.resolved == {"no_contact": 0, "stalled_phase": 0, **NO_WORK_SIGNALS}
    assert (Signal.objects.count(), Signal.history.count()) == (rows, history)


def test_open_signal_is_kept_while_the_condition_holds(person):
    run_signals(as_of=D)
    first = Signal.objects.get(client=person)

    run_signals(as_of=D + day)

    assert list(Signal.objects.filter(client=person)) == [first]
    assert Signal.objects.get(pk=first.pk).status == "open"


def test_nightly_run_resolves_a_signal_whose_condition_no_longer_holds(person):
    run_signals(as_of=D)
    held(person, D + day)

    run = run_signals(as_of=D + day)

    signal = Signal.objects.get(client=person)
    assert (signal.status, signal.resolved_on, run.resolved["no_contact"]) == (
        "resolved",
        D + day,
        1,
    )
    last = signal.history.first()
    assert (last.history_type, last.status) == ("~", "resolved")


def test_logging_a_held_conversation_resolves_the_signal_at_once(
    person, caseworker, django_capture_on_commit_callbacks
):
    today = timezone.localdate()
    run_signals(as_of=today)
    assert "no_contact" in open_kinds(person)

    with django_capture_on_commit_callbacks(execute=True):
        log_conversation(
            client=person, held_on=today, status="held", channel="phone", by=caseworker
        )

    signal = Signal.objects.get(client=person, kind="no_contact")
    assert (signal.status, signal.resolved_on) == ("resolved", today)
    assert signal.history.first().history_user == caseworker


def test_planning_a_conversation_does_not_resolve_the_signal(
    person, caseworker, django_capture_on_commit_callbacks
):
    today = timezone.localdate()
    run_signals(as_of=today)

    with django_capture_on_commit_callbacks(execute=True):
        log_conversation(
            client=person, held_on=today + day, status="planned", channel="phone", by=caseworker
        )

    assert "no_contact" in open_kinds(person)


def test_a_phase_transition_resolves_the_stalled_signal_at_once(
    in_phase, caseworker, django_capture_on_commit_callbacks
):
    today = timezone.localdate()
    client = in_phase("2", datetime.date(2020, 1, 1))
    run_signals(as_of=today)
    assert open_kinds(client) == {"stalled_phase"}

    with django_capture_on_commit_callbacks(execute=True):
        transition_phase(
            client=client, phase="3", started_on=today, reason="Werkfit", by=caseworker
        )

    assert open_kinds(client) == set()
    assert Signal.objects.get(client=client).resolved_on == today


def test_dismissed_signal_stays_dismissed_until_its_until_date(person, caseworker):
    run_signals(as_of=D)
    signal = Signal.objects.get(client=person)
    until = timezone.localdate() + 30 * day
    dismiss_signal(signal=signal, reason="Cliënt in het buitenland", until=until, by=caseworker)

    run_signals(as_of=until)

    assert list(Signal.objects.filter(client=person).values_list("status", flat=True)) == [
        "dismissed"
    ]


def test_after_the_until_date_a_new_signal_is_raised_if_the_condition_holds(person, caseworker):
    run_signals(as_of=D)
    signal = Signal.objects.get(client=person)
    until = timezone.localdate() + 30 * day
    dismiss_signal(signal=signal, reason="Cliënt in het buitenland", until=until, by=caseworker)

    run_signals(as_of=until + day)

    statuses = sorted(Signal.objects.filter(client=person).values_list("status", flat=True))
    assert statuses == ["dismissed", "open"]
    assert Signal.objects.get(client=person, status="open").raised_on == until + day


def test_after_the_until_date_nothing_is_raised_if_the_condition_is_gone(person, caseworker):
    run_signals(as_of=D)
    signal = Signal.objects.get(client=person)
    until = timezone.localdate() + 30 * day
    dismiss_signal(signal=signal, reason="Cliënt in het buitenland", until=until, by=caseworker)
    held(person, until)

    run_signals(as_of=until + day)

    assert open_kinds(person) == set()


def test_dismissal_records_who_why_and_until_in_the_history(person, caseworker):
    run_signals(as_of=D)
    signal = Signal.objects.get(client=person)
    until = timezone.localdate() + 30 * day

    dismiss_signal(signal=signal, reason="Opname", until=until, by=caseworker)

    last = Signal.history.filter(id=signal.pk).first()
    assert (last.status, last.dismissed_until, last.history_user) == (
        "dismissed",
        until,
        caseworker,
    )
    assert last.history_change_reason == "Opname"


@pytest.mark.parametrize(
    ("reason", "until_offset", "field"),
    [("", 10, "reason"), ("   ", 10, "reason"), ("Opname", -1, "until")],
)
def test_dismissal_without_reason_or_with_past_until_is_refused(
    person, caseworker, reason, until_offset, field
):
    run_signals(as_of=D)
    signal = Signal.objects.get(client=person)

    with pytest.raises(ValidationError) as excinfo:
        dismiss_signal(
            signal=signal,
            reason=reason,
            until=timezone.localdate() + until_offset * day,
            by=caseworker,
        )

    assert field in excinfo.value.message_dict
    assert Signal.objects.get(pk=signal.pk).status == "open"


def test_only_an_open_signal_can_be_dismissed(person, caseworker):
    run_signals(as_of=D)
    held(person, D + day)
    run_signals(as_of=D + day)
    signal = Signal.objects.get(client=person)

    with pytest.raises(ValidationError):
        dismiss_signal(signal=signal, reason="x", until=timezone.localdate(), by=caseworker)


# Scale, digest, counts -------------------------------------------------------------------


def queries_for_a_run(on: datetime.date) -> int:
    with CaptureQueriesContext(connection) as captured:
        run_signals(as_of=on)
    return len(captured.captured_queries)


def test_the_number_of_queries_does_not_grow_with_the_caseload(team, caseworker):
    def clients(n: int) -> None:
        for _ in range(n):
            client = ClientFactory.create(team=team, caseworker=caseworker)
            PhasePeriodFactory.create(
                client=client, phase="1", started_on=datetime.date(2019, 1, 1)
            )

    clients(3)
    small = queries_for_a_run(D)
    clients(30)
    # A first run again (it skips looking for signals to resolve): like with like.
    Signal.history.all().delete()
    Signal.objects.all().delete()
    large = queries_for_a_run(D + day)

    assert Signal.objects.filter(status="open").count() == 66
    assert large == small


def test_each_caseworker_gets_one_digest_per_day_with_the_count_of_new_signals(
    person, in_phase, caseworker
):
    in_phase("1", datetime.date(2020, 1, 1))

    run_signals(as_of=D)
    run_signals(as_of=D)

    digest = Notification.objects.get(recipient=caseworker)
    assert (digest.day, digest.count, digest.read_at) == (D, 2, None)


def test_large_batches_take_the_set_based_path_and_give_the_same_result(
    monkeypatch, person, in_phase, team, caseworker
):
    """At full size the first run raises tens of thousands: no id lists, same signals."""
    import signals.services

    other = ClientFactory.create(team=team, caseworker=caseworker)
    PhasePeriodFactory.create(client=other, phase="4", started_on=datetime.date(2016, 1, 1))
    stalled = in_phase("1", datetime.date(2020, 1, 1))
    monkeypatch.setattr(signals.services, "IDS_PER_STATEMENT", 1)

    first = run_signals(as_of=D)
    held(person, D + day)
    held(other, D + day)
    second = run_signals(as_of=D + day)

    assert first.raised == {"no_contact": 2, "stalled_phase": 1, **NO_WORK_SIGNALS}
    assert second.resolved == {"no_contact": 2, "stalled_phase": 0, **NO_WORK_SIGNALS}
    assert open_kinds(stalled) == {"stalled_phase"}
    assert Signal.history.filter(history_type="~").count() == 2
