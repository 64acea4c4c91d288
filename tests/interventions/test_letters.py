"""Recording that the work-plan letter was given or sent: dated between the day the version was
made and today, with who, how and why in the history."""

import datetime
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from common.history import save_with_history
from interventions.models import WorkPlan, WorkPlanLetter
from interventions.services.letters import record_letter
from interventions.services.work_plans import create_work_plan_version

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


@pytest.fixture
def plan(client_file, caseworker):
    return create_work_plan_version(client=client_file, goal="Werkritme opbouwen", by=caseworker)


def made_days_ago(plan: WorkPlan, days: int) -> WorkPlan:
    WorkPlan.objects.filter(pk=plan.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=days)
    )
    plan.refresh_from_db()
    return plan


def test_a_letter_is_recorded_with_who_how_and_why(plan, caseworker):
    today = timezone.localdate()

    letter = record_letter(
        work_plan=plan,
        handed_on=today,
        channel=WorkPlanLetter.Channel.IN_PERSON,
        client_agreed=True,
        note="  Cliënt wil eerst met zijn moeder overleggen.  ",
        change_reason="Na het gesprek",
        by=caseworker,
    )

    stored = WorkPlanLetter.objects.get()
    assert stored == letter
    assert (stored.work_plan, stored.handed_on, stored.channel) == (plan, today, "in_person")
    assert stored.client_agreed is True
    assert stored.note == "Cliënt wil eerst met zijn moeder overleggen."
    assert stored.recorded_by == caseworker
    history = stored.history.get()
    assert (history.history_user, history.history_change_reason) == (caseworker, "Na het gesprek")


def test_without_a_reason_the_history_says_what_happened(plan, caseworker):
    letter = record_letter(
        work_plan=plan, handed_on=timezone.localdate(), channel="post", by=caseworker
    )

    assert letter.history.get().history_change_reason == "Brief met het werkplan vastgelegd"
    assert letter.client_agreed is False


def test_the_day_the_version_was_made_and_today_are_both_allowed(plan, caseworker):
    plan = made_days_ago(plan, 10)
    made_on = timezone.localdate(plan.created_at)

    first = record_letter(work_plan=plan, handed_on=made_on, channel="post", by=caseworker)
    last = record_letter(
        work_plan=plan, handed_on=timezone.localdate(), channel="email", by=caseworker
    )

    assert WorkPlanLetter.objects.filter(pk__in=[first.pk, last.pk]).count() == 2


def test_a_letter_dated_tomorrow_is_refused(plan, caseworker):
    with pytest.raises(ValidationError) as refused:
        record_letter(
            work_plan=plan,
            handed_on=timezone.localdate() + DAY,
            channel="post",
            by=caseworker,
        )

    assert refused.value.message_dict["handed_on"] == [
        "De datum van de brief kan niet in de toekomst liggen."
    ]
    assert not WorkPlanLetter.objects.exists()


@pytest.mark.parametrize(
    "before",
    [lambda made_on: made_on - DAY, lambda made_on: datetime.date(1, 1, 1)],
    ids=["the-day-before", "year-1"],
)
def test_a_letter_before_the_version_was_made_is_refused(plan, caseworker, before):
    plan = made_days_ago(plan, 10)
    made_on = timezone.localdate(plan.created_at)
    day = before(made_on)

    with pytest.raises(ValidationError) as refused:
        record_letter(work_plan=plan, handed_on=day, channel="post", by=caseworker)

    message = refused.value.message_dict["handed_on"][0]
    assert message.startswith("De brief kan niet eerder zijn meegegeven of verstuurd dan deze")
    assert str(made_on.year) in message
    assert not WorkPlanLetter.objects.exists()


def test_a_letter_may_be_recorded_for_an_earlier_version(plan, client_file, caseworker):
    create_work_plan_version(client=client_file, goal="Een opleiding", by=caseworker)
    plan.refresh_from_db()

    letter = record_letter(
        work_plan=plan, handed_on=timezone.localdate(), channel="post", by=caseworker
    )

    assert plan.status == WorkPlan.Status.SUPERSEDED
    assert letter.work_plan == plan


def test_an_unknown_way_of_sending_is_refused(plan, caseworker):
    with pytest.raises(ValidationError) as refused:
        record_letter(
            work_plan=plan, handed_on=timezone.localdate(), channel="pigeon", by=caseworker
        )

    assert "channel" in refused.value.message_dict
    assert not WorkPlanLetter.objects.exists()


def test_a_letter_that_fails_half_way_stores_nothing(plan, caseworker):
    def failing_after(*args, **kwargs):
        save_with_history(*args, **kwargs)
        raise RuntimeError("a later step failed")

    with (
        mock.patch("interventions.services.letters.save_with_history", failing_after),
        pytest.raises(RuntimeError),
    ):
        record_letter(work_plan=plan, handed_on=timezone.localdate(), channel="post", by=caseworker)

    assert not WorkPlanLetter.objects.exists()
    assert not WorkPlanLetter.history.exists()
