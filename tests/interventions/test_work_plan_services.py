"""Work plans and their agreements through the services."""

import datetime
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from interventions.models import Agreement, WorkPlan
from interventions.services.work_plans import (
    add_agreement,
    agree_work_plan,
    create_work_plan_version,
    set_agreement_status,
)

pytestmark = pytest.mark.django_db


def today() -> datetime.date:
    return timezone.localdate()


def days(n: int) -> datetime.timedelta:
    return datetime.timedelta(days=n)


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
    plan = new_plan(client_file, caseworker, change_reason="Na coachingsgesprek")

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

    set_agreement_status(agreement=agreement, status="done", by=caseworker, change_reason="Gebeld")

    row = agreement.history.latest("history_date")
    assert (row.status, row.history_user, row.history_change_reason) == (
        "done",
        caseworker,
        "Gebeld",
    )
