"""The signals on work (contract_ending, job_ended) to the day: every boundary its own test.

Rows are written with factories, so each test controls exactly what the nightly check sees on
the as-of date D; the immediate resolving goes through the services, as a caseworker would.
"""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from clients.models import Client
from interventions.services.conversations import log_conversation
from norms.models import NormVersion
from signals.models import Signal
from signals.services import dismiss_signal, run_signals
from tests.api_client import api_as
from tests.factories import (
    ClientFactory,
    ConversationFactory,
    EmployerFactory,
    JobFactory,
    JobRenewalFactory,
)
from work.models import Job
from work.services.jobs import end_job, record_job
from work.services.renewals import renew_job

D = datetime.date(2026, 11, 2)
day = datetime.timedelta(days=1)
WORK_KINDS = ("contract_ending", "job_ended")

pytestmark = pytest.mark.django_db


def temporary(client: Client, planned_end_on: datetime.date, **fields) -> Job:
    values = {"contract": "temporary", "started_on": datetime.date(2025, 1, 1), **fields}
    return JobFactory.create(client=client, planned_end_on=planned_end_on, **values)


def ended(client: Client, ended_on: datetime.date, **fields) -> Job:
    values = {"started_on": datetime.date(2020, 1, 1), "end_reason": "dismissed", **fields}
    return JobFactory.create(client=client, ended_on=ended_on, **values)


def talk(client: Client, on: datetime.date, channel: str = "phone", **fields) -> None:
    values = {"status": "held", "with_client": True, **fields}
    ConversationFactory.create(
        client=client, caseworker=client.caseworker, held_on=on, channel=channel, **values
    )


def work_signals(client: Client) -> set[str]:
    return set(
        Signal.objects.filter(client=client, status="open", kind__in=WORK_KINDS).values_list(
            "kind", flat=True
        )
    )


# contract_ending: the window -------------------------------------------------------------


@pytest.mark.parametrize("days", [0, 1, 55, 56])
def test_planned_end_from_d_to_d_plus_56_raises_contract_ending(person, days):
    temporary(person, D + days * day)
    run_signals(as_of=D)
    assert work_signals(person) == {"contract_ending"}


def test_planned_end_on_d_plus_57_is_not_yet_ending(person):
    temporary(person, D + 57 * day)
    run_signals(as_of=D)
    assert work_signals(person) == set()


def test_planned_end_the_day_before_d_is_no_longer_ending(person):
    temporary(person, D - day)
    run_signals(as_of=D)
    assert "contract_ending" not in work_signals(person)


def test_an_agency_contract_ending_raises_it_too(person):
    temporary(person, D + 10 * day, contract="agency")
    run_signals(as_of=D)
    assert work_signals(person) == {"contract_ending"}


def test_a_job_with_its_end_recorded_does_not_raise_contract_ending(person):
    temporary(person, D + 10 * day, ended_on=D + 10 * day, end_reason="contract_ended")
    run_signals(as_of=D)
    assert work_signals(person) == set()


def test_a_job_starting_after_d_does_not_raise_contract_ending(person):
    temporary(person, D + 20 * day, started_on=D + day)
    run_signals(as_of=D)
    assert work_signals(person) == set()


def test_a_permanent_job_never_raises_contract_ending(person):
    JobFactory.create(client=person, contract="permanent")
    run_signals(as_of=D)
    assert work_signals(person) == set()


def test_the_window_is_a_norm_and_the_version_is_stored(person):
    NormVersion.objects.create(effective_from=D, contract_ending_days=28)
    job = temporary(person, D + 28 * day, employer=EmployerFactory.create(name="Bakkerij Jansen"))
    temporary(person, D + 29 * day)

    run_signals(as_of=D)

    signal = Signal.objects.get(client=person, kind="contract_ending")
    assert signal.rule_version == NormVersion.objects.get(effective_from=D)
    assert signal.details == {
        "job": job.pk,
        "employer": "Bakkerij Jansen",
        "contract": "temporary",
        "planned_end_on": str(D + 28 * day),
    }


def test_overlapping_ending_jobs_raise_one_signal_naming_the_first_to_end(person):
    temporary(person, D + 40 * day)
    first = temporary(person, D + 5 * day, contract="agency")

    run = run_signals(as_of=D)

    assert run.raised["contract_ending"] == 1
    assert Signal.objects.get(kind="contract_ending").details["job"] == first.pk


def test_details_name_the_job_without_the_bsn(person):
    temporary(person, D + 5 * day)
    run_signals(as_of=D)
    assert person.bsn not in str(Signal.objects.get(kind="contract_ending").details)


# contract_ending: renewals ---------------------------------------------------------------


def renewed(job: Job, on: datetime.date, new_end: datetime.date | None) -> None:
    """Write a renewal on `on` as the service leaves it: the job's terms are the new ones."""
    JobRenewalFactory.create(
        job=job,
        renewed_on=on,
        new_planned_end_on=new_end,
        made_permanent=new_end is None,
        previous_contract=job.contract,
        previous_planned_end_on=job.planned_end_on,
    )
    Job.objects.filter(pk=job.pk).update(
        contract="temporary" if new_end else "permanent", planned_end_on=new_end
    )


def test_a_renewal_past_the_window_resolves_contract_ending(person):
    job = temporary(person, D + 30 * day)
    run_signals(as_of=D)
    renewed(job, D + day, D + 400 * day)

    run = run_signals(as_of=D + day)

    signal = Signal.objects.get(client=person, kind="contract_ending")
    assert (signal.status, signal.resolved_on, run.resolved["contract_ending"]) == (
        "resolved",
        D + day,
        1,
    )


def test_made_permanent_resolves_contract_ending(person):
    job = temporary(person, D + 30 * day)
    run_signals(as_of=D)
    renewed(job, D + day, None)

    run_signals(as_of=D + day)

    assert work_signals(person) == set()


def test_an_extension_still_inside_the_window_keeps_it_open(person):
    job = temporary(person, D + 10 * day)
    run_signals(as_of=D)
    renewed(job, D + day, D + 50 * day)

    run_signals(as_of=D + day)

    assert work_signals(person) == {"contract_ending"}


def test_a_past_date_uses_the_planned_end_as_it_stood_then(person):
    """Renewed on D + 5 to next year: on D its contract was still ending in 30 days."""
    job = temporary(person, D + 30 * day)
    renewed(job, D + 5 * day, D + 400 * day)

    run_signals(as_of=D)

    assert work_signals(person) == {"contract_ending"}


def test_a_contract_made_permanent_after_d_was_ending_on_d(person):
    job = temporary(person, D + 30 * day)
    renewed(job, D + 5 * day, None)

    run_signals(as_of=D)

    assert Signal.objects.get(kind="contract_ending").details["contract"] == "temporary"


# job_ended: the window -------------------------------------------------------------------


@pytest.mark.parametrize("days_ago", [14, 15, 364, 365])
def test_last_day_worked_14_to_365_days_before_d_raises_job_ended(person, days_ago):
    ended(person, D - days_ago * day)
    run_signals(as_of=D)
    assert work_signals(person) == {"job_ended"}


@pytest.mark.parametrize("days_ago", [13, 366])
def test_last_day_worked_outside_the_window_does_not_raise_job_ended(person, days_ago):
    ended(person, D - days_ago * day)
    run_signals(as_of=D)
    assert work_signals(person) == set()


def test_the_latest_end_counts_when_several_jobs_ended(person):
    ended(person, D - 100 * day)
    ended(person, D - 13 * day, started_on=D - 90 * day)
    run_signals(as_of=D)
    assert work_signals(person) == set()


def test_overlapping_ended_jobs_raise_one_signal_naming_the_last_to_end(person):
    ended(person, D - 100 * day)
    last = ended(person, D - 30 * day, employer=EmployerFactory.create(name="Kwekerij Groen"))

    run = run_signals(as_of=D)

    assert run.raised["job_ended"] == 1
    signal = Signal.objects.get(kind="job_ended")
    assert signal.details == {
        "job": last.pk,
        "employer": "Kwekerij Groen",
        "ended_on": "2026-10-03",
    }
    assert signal.rule_version == NormVersion.objects.get()


def test_another_job_running_on_d_prevents_job_ended(person):
    ended(person, D - 30 * day)
    JobFactory.create(client=person, started_on=D - 60 * day)
    run_signals(as_of=D)
    assert work_signals(person) == set()


def test_a_running_self_employed_job_prevents_job_ended(person):
    ended(person, D - 30 * day)
    JobFactory.create(
        client=person, kind="self_employed", employer=None, contract="", started_on=D - 5 * day
    )
    run_signals(as_of=D)
    assert work_signals(person) == set()


def test_a_new_job_starting_on_d_prevents_job_ended(person):
    ended(person, D - 30 * day)
    JobFactory.create(client=person, started_on=D)
    run_signals(as_of=D)
    assert work_signals(person) == set()


@pytest.mark.parametrize("kind", ["regular", "self_employed"])
def test_a_job_starting_the_day_after_d_is_no_work_on_d(person, kind):
    ended(person, D - 30 * day)
    employer = {} if kind == "regular" else {"employer": None, "contract": ""}
    JobFactory.create(client=person, kind=kind, started_on=D + day, **employer)
    run_signals(as_of=D)
    assert work_signals(person) == {"job_ended"}


def test_a_later_job_already_ended_today_does_not_hide_the_end_on_d(person):
    first = ended(person, D - 30 * day)
    JobFactory.create(
        client=person, started_on=D + 5 * day, ended_on=D + 10 * day, end_reason="resigned"
    )
    run_signals(as_of=D)
    signal = Signal.objects.get(client=person, kind="job_ended", status="open")
    assert (signal.details["job"], signal.details["ended_on"]) == (first.pk, "2026-10-03")


def test_job_ended_resolves_in_the_nightly_run_of_the_new_jobs_first_day(person):
    ended(person, D - 30 * day)
    JobFactory.create(client=person, started_on=D + day)
    run_signals(as_of=D)
    run_signals(as_of=D + day)
    signal = Signal.objects.get(client=person, kind="job_ended")
    assert (signal.status, signal.resolved_on) == ("resolved", D + day)


def test_an_ended_self_employed_job_alone_does_not_raise_job_ended(person):
    ended(person, D - 30 * day, kind="self_employed", employer=None, contract="")
    run_signals(as_of=D)
    assert work_signals(person) == set()


# job_ended: the conversation after the end -----------------------------------------------


def test_a_phone_conversation_the_day_after_the_end_prevents_job_ended(person):
    ended(person, D - 30 * day)
    talk(person, D - 29 * day, channel="phone")
    run_signals(as_of=D)
    assert work_signals(person) == set()


def test_a_conversation_on_the_last_day_worked_does_not_count(person):
    ended(person, D - 30 * day)
    talk(person, D - 30 * day)
    run_signals(as_of=D)
    assert work_signals(person) == {"job_ended"}


@pytest.mark.parametrize(
    "fields",
    [
        {"channel": "written"},
        {"with_client": False},
        {"status": "no_show"},
        {"status": "cancelled"},
    ],
)
def test_a_conversation_that_is_no_contact_does_not_prevent_job_ended(person, fields):
    ended(person, D - 30 * day)
    talk(person, D - 10 * day, **fields)
    run_signals(as_of=D)
    assert work_signals(person) == {"job_ended"}


def test_a_phone_conversation_resolves_job_ended_in_the_nightly_run(person):
    ended(person, D - 30 * day)
    run_signals(as_of=D)
    talk(person, D + day, channel="phone")

    run = run_signals(as_of=D + day)

    assert (run.resolved["job_ended"], work_signals(person)) == (1, set())


def test_a_written_conversation_does_not_resolve_job_ended(person):
    ended(person, D - 30 * day)
    run_signals(as_of=D)
    talk(person, D + day, channel="written")

    run_signals(as_of=D + day)

    assert work_signals(person) == {"job_ended"}


# Both: only active clients, once, dismissed until a date ---------------------------------


@pytest.mark.parametrize(
    "change",
    [
        {"out_of_service_on": D},
        {"has_work_capacity": False},
        {"in_service_since": D + day},
    ],
)
def test_inactive_clients_get_no_work_signals(person, change):
    temporary(person, D + 10 * day)
    ended(person, D - 30 * day)
    Client.objects.filter(pk=person.pk).update(**change)
    if change.get("has_work_capacity") is False:  # the decision in force on D says so
        person.capacity_decisions.update(outcome="lasting_none")

    run_signals(as_of=D)

    assert work_signals(person) == set()


def test_running_twice_for_the_same_day_changes_nothing(person, team, caseworker):
    temporary(person, D + 10 * day)
    other = ClientFactory.create(team=team, caseworker=caseworker)
    ended(other, D - 30 * day)
    first = run_signals(as_of=D)
    rows, history = Signal.objects.count(), Signal.history.count()

    second = run_signals(as_of=D)

    assert (first.raised["contract_ending"], first.raised["job_ended"]) == (1, 1)
    assert [second.raised[k] + second.resolved[k] for k in WORK_KINDS] == [0, 0]
    assert (Signal.objects.count(), Signal.history.count()) == (rows, history)


@pytest.mark.parametrize("kind", WORK_KINDS)
def test_a_dismissed_work_signal_stays_dismissed_until_its_until_date(person, caseworker, kind):
    today = timezone.localdate()  # an until-date cannot lie in the past
    if kind == "contract_ending":
        temporary(person, today + 20 * day, started_on=today - 200 * day)
    else:
        ended(person, today - 30 * day)
    run_signals(as_of=today)
    signal = Signal.objects.get(client=person, kind=kind)
    dismiss_signal(signal=signal, reason="Al besproken", until=today + day, by=caseworker)

    run_signals(as_of=today + day)
    assert work_signals(person) == set()

    run_signals(as_of=today + 2 * day)
    assert work_signals(person) == {kind}


def test_dismissing_needs_a_reason(person, caseworker):
    temporary(person, D + 10 * day)
    run_signals(as_of=D)
    with pytest.raises(ValidationError):
        dismiss_signal(
            signal=Signal.objects.get(kind="contract_ending"),
            reason=" ",
            until=timezone.localdate(),
            by=caseworker,
        )


# Resolved at once by the writes that end the condition ------------------------------------


@pytest.fixture
def today() -> datetime.date:
    return timezone.localdate()


@pytest.fixture
def ending_today(person, today) -> Job:
    job = temporary(person, today + 20 * day, started_on=today - 200 * day)
    run_signals(as_of=today)
    assert work_signals(person) == {"contract_ending"}
    return job


@pytest.fixture
def ended_today(person, today) -> Job:
    job = ended(person, today - 30 * day)
    run_signals(as_of=today)
    assert work_signals(person) == {"job_ended"}
    return job


def test_recording_a_renewal_resolves_contract_ending_at_once(
    ending_today, person, caseworker, today, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        renew_job(
            job=ending_today, renewed_on=today, new_planned_end_on=today + 300 * day, by=caseworker
        )

    signal = Signal.objects.get(client=person, kind="contract_ending")
    assert (signal.status, signal.resolved_on) == ("resolved", today)
    assert signal.history.first().history_user == caseworker


def test_making_it_permanent_resolves_contract_ending_at_once(
    ending_today, person, caseworker, today, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        renew_job(job=ending_today, renewed_on=today, made_permanent=True, by=caseworker)

    assert work_signals(person) == set()


def test_recording_the_end_resolves_contract_ending_at_once(
    ending_today, person, caseworker, today, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        end_job(job=ending_today, ended_on=today, end_reason="contract_ended", by=caseworker)

    assert "contract_ending" not in work_signals(person)


def test_a_phone_conversation_resolves_job_ended_at_once(
    ended_today, person, caseworker, today, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        log_conversation(
            client=person, held_on=today, status="held", channel="phone", by=caseworker
        )

    assert work_signals(person) == set()


def test_a_written_conversation_leaves_job_ended_open(
    ended_today, person, caseworker, today, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        log_conversation(
            client=person, held_on=today, status="held", channel="written", by=caseworker
        )

    assert work_signals(person) == {"job_ended"}


@pytest.mark.parametrize("starts_in, left_open", [(0, set()), (1, {"job_ended"})])
def test_a_new_job_resolves_job_ended_at_once_from_its_first_day(
    ended_today, person, caseworker, today, django_capture_on_commit_callbacks, starts_in, left_open
):
    with django_capture_on_commit_callbacks(execute=True):
        record_job(
            client=person,
            kind="regular",
            employer=EmployerFactory.create(),
            contract="permanent",
            started_on=today + starts_in * day,
            placed_by="self",
            by=caseworker,
        )

    assert work_signals(person) == left_open


# The API serves and dismisses them ---------------------------------------------------------


@pytest.mark.parametrize("kind", WORK_KINDS)
def test_the_api_serves_and_dismisses_the_work_signals(person, caseworker, today, kind):
    if kind == "contract_ending":
        temporary(person, today + 20 * day, started_on=today - 200 * day)
    else:
        ended(person, today - 30 * day)
    run_signals(as_of=today)
    api = api_as(caseworker)

    listed = api.get("/api/v1/signals/", {"kind": kind}).json()["results"]

    assert [(row["client"], row["kind"], row["status"]) for row in listed] == [
        (person.pk, kind, "open")
    ]
    assert listed[0]["rule_version"] == NormVersion.objects.get().pk
    answer = api.post(
        f"/api/v1/signals/{listed[0]['id']}/dismiss/",
        {"reason": "Werkgever gebeld", "until": str(today + 7 * day)},
        format="json",
    )
    assert (answer.status_code, answer.json()["status"]) == (200, "dismissed")
