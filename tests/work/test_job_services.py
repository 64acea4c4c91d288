"""Recording, ending and correcting jobs: each rule refused with a message on its field, every
write with its history row and reason, announced to the apps that derive from it."""

import datetime
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from common.events import Fact, client_changed, past_changed
from reports.models import FigureState
from tests.factories import ClientFactory, JobFactory, TrajectoryFactory
from work.models import Job
from work.services.jobs import correct_job, end_job, record_job
from work.services.renewals import renew_job

pytestmark = pytest.mark.django_db
D = datetime.date


def record(client, by, employer=None, **changes) -> Job:
    fields = {
        "kind": "regular",
        "employer": employer,
        "contract": "temporary",
        "hours_per_week": Decimal("24"),
        "started_on": D(2024, 3, 1),
        "planned_end_on": D(2025, 2, 28),
        "placed_by": "uwv",
    } | changes
    return record_job(client=client, by=by, **fields)


def refusal(call, *args, **kwargs) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as refused:
        call(*args, **kwargs)
    return refused.value.message_dict


def test_a_job_is_recorded_with_its_history_user_and_reason(client_file, caseworker, employer):
    job = record(client_file, caseworker, employer, change_reason="Gehoord in gesprek")

    stored = job.history.get()
    assert (stored.history_user, stored.history_change_reason) == (caseworker, "Gehoord in gesprek")
    assert job.recorded_by == caseworker


def test_without_a_reason_the_history_says_what_happened(client_file, caseworker, employer):
    job = record(client_file, caseworker, employer)
    assert job.history.get().history_change_reason == "Werk vastgelegd"


def test_a_past_job_is_recorded_whole_with_its_end(client_file, caseworker, employer):
    job = record(
        client_file,
        caseworker,
        employer,
        contract="permanent",
        planned_end_on=None,
        ended_on=D(2024, 12, 31),
        end_reason="resigned",
    )
    assert (job.ended_on, job.end_reason) == (D(2024, 12, 31), "resigned")


@pytest.mark.parametrize(
    "changes, field, message",
    [
        ({"planned_end_on": None}, "planned_end_on", "Geef de geplande einddatum"),
        ({"contract": "agency", "planned_end_on": None}, "planned_end_on", "uitzendcontract"),
        ({"contract": "permanent"}, "planned_end_on", "Een vast contract heeft geen"),
        ({"employer": None}, "employer", "Kies de werkgever."),
        ({"contract": ""}, "contract", "Kies het contract"),
        ({"planned_end_on": D(2024, 2, 29)}, "planned_end_on", "vóór de startdatum"),
        (
            {"ended_on": D(2024, 2, 29), "end_reason": "dismissed"},
            "ended_on",
            "De laatste werkdag ligt vóór de startdatum.",
        ),
        ({"ended_on": D(2024, 6, 30)}, "end_reason", "Geef de reden"),
        ({"end_reason": "health"}, "ended_on", "Geef de laatste werkdag"),
        ({"kind": "self_employed"}, "employer", "Zelfstandig werk heeft geen werkgever."),
        ({"hours_per_week": Decimal("0")}, "hours_per_week", "meer dan 0"),
        ({"hours_per_week": Decimal("80.5")}, "hours_per_week", "hoogstens 80"),
        ({"kind": "freelance"}, "kind", "geen geldige keuze"),
    ],
)
def test_a_job_breaking_a_rule_is_refused_on_its_field(
    client_file, caseworker, employer, changes, field, message
):
    errors = refusal(record, client_file, caseworker, **({"employer": employer} | changes))

    assert message in " ".join(errors[field])
    assert not Job.objects.exists()


def test_self_employment_has_no_employer_contract_or_planned_end(client_file, caseworker, employer):
    errors = refusal(record, client_file, caseworker, employer, kind="self_employed")
    assert set(errors) == {"employer", "contract", "planned_end_on"}

    job = record(
        client_file,
        caseworker,
        None,
        kind="self_employed",
        contract="",
        planned_end_on=None,
        placed_by="self",
    )
    assert (job.employer, job.contract) == (None, "")


def test_the_boundaries_of_the_dates_are_accepted(client_file, caseworker, employer):
    today = timezone.localdate()
    job = record(
        client_file,
        caseworker,
        employer,
        started_on=today,
        planned_end_on=today,  # ends the day it starts
        ended_on=today,  # the last day worked may be today
        end_reason="contract_ended",
    )
    assert job.ended_on == today


def test_a_last_day_worked_in_the_future_is_refused(client_file, caseworker, employer):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    errors = refusal(
        record, client_file, caseworker, employer, ended_on=tomorrow, end_reason="resigned"
    )
    assert errors["ended_on"] == ["De laatste werkdag kan niet in de toekomst liggen."]


def test_the_trajectory_must_be_the_clients_own(client_file, caseworker, employer):
    theirs = TrajectoryFactory.create()
    errors = refusal(record, client_file, caseworker, employer, trajectory=theirs)
    assert errors["trajectory"] == ["Dit traject hoort bij een andere cliënt."]

    mine = TrajectoryFactory.create(client=client_file)
    assert record(client_file, caseworker, employer, trajectory=mine).trajectory == mine


def test_every_write_announces_the_work_change_and_marks_figures_stale(
    client_file, caseworker, employer
):
    heard = []

    def listener(sender, **kwargs):
        heard.append(kwargs)

    client_changed.connect(listener)
    try:
        job = record(client_file, caseworker, employer, started_on=D(2023, 5, 1))
    finally:
        client_changed.disconnect(listener)

    assert heard[0]["fact"] == Fact.WORK and heard[0]["client_id"] == client_file.pk
    assert FigureState.objects.get(pk=1).stale_from == D(2023, 5, 1)
    assert job.pk


def test_ending_a_job_records_the_last_day_and_reason(client_file, caseworker, employer):
    job = record(client_file, caseworker, employer)
    since = []
    past_changed.connect(
        lambda sender, **kw: since.append(kw["since"]), weak=False, dispatch_uid="test-ending"
    )
    try:
        ended = end_job(job=job, ended_on=D(2024, 9, 30), end_reason="dismissed", by=caseworker)
    finally:
        past_changed.disconnect(dispatch_uid="test-ending")

    assert (ended.ended_on, ended.end_reason) == (D(2024, 9, 30), "dismissed")
    assert ended.history.first().history_change_reason == "Werk beëindigd"
    assert since == [D(2024, 9, 30)]


def test_an_ended_job_is_not_ended_again(client_file, caseworker, employer):
    job = record(client_file, caseworker, employer)
    end_job(job=job, ended_on=D(2024, 9, 30), end_reason="dismissed", by=caseworker)

    errors = refusal(end_job, job=job, ended_on=D(2024, 10, 31), end_reason="other", by=caseworker)
    assert "al beëindigd op 30 september 2024" in errors["ended_on"][0]


def test_ending_before_the_start_is_refused_on_the_end(client_file, caseworker, employer):
    job = record(client_file, caseworker, employer)
    errors = refusal(end_job, job=job, ended_on=D(2024, 2, 1), end_reason="health", by=caseworker)
    assert errors == {"ended_on": ["De laatste werkdag ligt vóór de startdatum."]}


def test_a_correction_changes_the_fields_sent_with_history(client_file, caseworker, employer):
    job = record(client_file, caseworker, employer)
    corrected = correct_job(
        job=job,
        changes={"hours_per_week": Decimal("32.5"), "started_on": D(2024, 2, 15)},
        by=caseworker,
        change_reason="Typefout",
    )
    assert (corrected.hours_per_week, corrected.started_on) == (Decimal("32.5"), D(2024, 2, 15))
    assert [h.history_change_reason for h in corrected.history.all()] == [
        "Typefout",
        "Werk vastgelegd",
    ]


def test_a_correction_that_changes_nothing_saves_nothing(client_file, caseworker, employer):
    job = record(client_file, caseworker, employer)
    correct_job(job=job, changes={"contract": "temporary"}, by=caseworker)
    assert job.history.count() == 1


def test_a_correction_keeps_every_rule(client_file, caseworker, employer):
    job = record(client_file, caseworker, employer)
    errors = refusal(correct_job, job=job, changes={"contract": "permanent"}, by=caseworker)
    assert errors == {"planned_end_on": ["Een vast contract heeft geen geplande einddatum."]}

    errors = refusal(
        correct_job, job=job, changes={"client": ClientFactory.create()}, by=caseworker
    )
    assert errors == {"client": ["Dit veld kan hier niet worden gewijzigd."]}


def test_a_correction_to_self_employment_empties_the_employer_terms(
    client_file, caseworker, employer
):
    job = record(client_file, caseworker, employer)
    changed = correct_job(
        job=job,
        changes={
            "kind": "self_employed",
            "employer": None,
            "contract": None,
            "planned_end_on": None,
        },
        by=caseworker,
    )
    assert (changed.kind, changed.employer, changed.contract) == ("self_employed", None, "")


def test_after_a_renewal_the_terms_follow_the_renewals(client_file, caseworker, employer):
    job = record(client_file, caseworker, employer)
    renew_job(job=job, renewed_on=D(2024, 9, 1), made_permanent=True, by=caseworker)

    errors = refusal(
        correct_job,
        job=job,
        changes={"contract": "temporary", "planned_end_on": D(2026, 1, 1)},
        by=caseworker,
    )
    assert set(errors) == {"contract", "planned_end_on"}
    errors = refusal(correct_job, job=job, changes={"started_on": D(2024, 9, 2)}, by=caseworker)
    assert "1 september 2024" in errors["started_on"][0]
    errors = refusal(
        end_job, job=job, ended_on=D(2024, 8, 31), end_reason="resigned", by=caseworker
    )
    assert "1 september 2024" in errors["ended_on"][0]


def test_the_database_refuses_a_job_the_services_would_refuse(client_file, employer):
    from django.db import IntegrityError, transaction

    invalid: list[dict[str, Any]] = [
        {"contract": "temporary"},  # no planned end
        {"kind": "self_employed"},  # with an employer
        {"ended_on": D(2024, 6, 1)},  # without a reason
        {"end_reason": "health"},  # without a last day
        {"ended_on": D(2024, 2, 1), "end_reason": "health"},  # before the start
        {"contract": ""},
        {"hours_per_week": Decimal("0")},
    ]
    for fields in invalid:
        with pytest.raises(IntegrityError), transaction.atomic():
            JobFactory.create(client=client_file, employer=employer, **fields)
    assert not Job.objects.exists()


BORN = D(1995, 6, 15)  # ClientFactory's


def test_a_job_started_before_the_clients_birth_is_refused(client_file, caseworker, employer):
    assert client_file.date_of_birth == BORN
    found = refusal(
        record, client_file, caseworker, employer, started_on=BORN - datetime.timedelta(1)
    )
    assert found["started_on"] == [
        "De startdatum ligt vóór de geboortedatum van de cliënt (15 juni 1995)."
    ]
    assert not Job.objects.exists()


def test_a_job_started_on_the_day_of_birth_is_taken(client_file, caseworker, employer):
    assert record(client_file, caseworker, employer, started_on=BORN).started_on == BORN


def test_a_correction_to_before_the_birth_is_refused(client_file, caseworker, employer):
    job = record(client_file, caseworker, employer)
    found = refusal(correct_job, job=job, changes={"started_on": D(1990, 1, 1)}, by=caseworker)
    assert found["started_on"][0].endswith("vóór de geboortedatum van de cliënt (15 juni 1995).")
    job.refresh_from_db()
    assert job.started_on == D(2024, 3, 1)
