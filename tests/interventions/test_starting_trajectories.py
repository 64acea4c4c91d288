"""A trajectory bought with a future start is requested until it starts: through the service
the API uses too, and from the trajectories screen, which shows a planned start as planned."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import date_format

from common.exceptions import EditConflict
from interventions.models import Trajectory
from interventions.services.trajectories import change_trajectory_status, purchase_trajectory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def today() -> datetime.date:
    return timezone.localdate()


def days(n: int) -> datetime.timedelta:
    return datetime.timedelta(days=n)


PURCHASED = today() - days(10)
PLANNED = today() + days(20)
# Days named relative to today are worked out when the test runs, not when it is collected:
# a run that passes midnight must not turn "tomorrow" into today.
TODAY = today
TOMORROW = lambda: today() + days(1)  # noqa: E731
BEFORE_PURCHASE = lambda: PURCHASED - days(1)  # noqa: E731
ON_PURCHASE = lambda: PURCHASED  # noqa: E731


@pytest.fixture
def requested(client_file, in_phase_2, work_fit, provider, caseworker) -> Trajectory:
    """Bought ten days ago to start in twenty days."""
    return purchase_trajectory(
        client=client_file,
        service_type=work_fit,
        provider=provider,
        purpose="Werkritme opbouwen",
        purchased_on=PURCHASED,
        started_on=PLANNED,
        cost=Decimal("4250.00"),
        by=caseworker,
    )


def stored(trajectory: Trajectory) -> tuple[str, datetime.date | None]:
    fresh = Trajectory.objects.get(pk=trajectory.pk)
    return fresh.status, fresh.started_on


# The service


def test_bought_with_a_future_start_it_is_requested_with_the_start_planned(requested):
    assert stored(requested) == (Trajectory.Status.REQUESTED, PLANNED)


@pytest.mark.parametrize("day", [TODAY, ON_PURCHASE], ids=["today", "the purchase day"])
def test_it_starts_earlier_than_planned_on_the_day_given(requested, caseworker, day):
    on = day()
    change_trajectory_status(
        trajectory=requested,
        action="start",
        on=on,
        change_reason="Aanbieder had eerder plek",
        expected_status="requested",
        by=caseworker,
    )

    assert stored(requested) == (Trajectory.Status.RUNNING, on)
    row = requested.history.latest("history_date")
    assert (row.history_user, row.history_change_reason) == (
        caseworker,
        "Aanbieder had eerder plek",
    )


@pytest.mark.parametrize(
    "day", [TOMORROW, BEFORE_PURCHASE], ids=["tomorrow", "before the purchase"]
)
def test_a_start_in_the_future_or_before_the_purchase_is_refused(requested, caseworker, day):
    with pytest.raises(ValidationError) as refused:
        change_trajectory_status(trajectory=requested, action="start", on=day(), by=caseworker)

    assert "started_on" in refused.value.message_dict
    assert stored(requested) == (Trajectory.Status.REQUESTED, PLANNED)


def test_a_start_on_a_trajectory_someone_cancelled_meanwhile_conflicts(requested, caseworker):
    Trajectory.objects.filter(pk=requested.pk).update(
        status=Trajectory.Status.CANCELLED, ended_on=today()
    )

    with pytest.raises(EditConflict):
        change_trajectory_status(
            trajectory=requested,
            action="start",
            on=today(),
            expected_status="requested",
            by=caseworker,
        )

    assert stored(requested) == (Trajectory.Status.CANCELLED, PLANNED)


# The screen


def page_url(trajectory: Trajectory) -> str:
    return f"/clienten/{trajectory.client_id}/trajecten/"


def start_url(trajectory: Trajectory) -> str:
    return f"/clienten/{trajectory.client_id}/trajecten/{trajectory.pk}/start/"


def start_data(trajectory: Trajectory, on: datetime.date, **extra: str) -> dict[str, str]:
    prefix = f"start-{trajectory.pk}"
    data = {f"{prefix}-started_on": on.isoformat(), f"{prefix}-seen_status": "requested"}
    return data | {f"{prefix}-{name}": value for name, value in extra.items()}


def day(on: datetime.date) -> str:
    return date_format(on, "j F Y")  # running text: "20 december 2026"


def test_a_requested_trajectory_shows_its_planned_start_and_offers_to_start_today(
    client, caseworker, requested
):
    client.force_login(caseworker)

    response = client.get(page_url(requested))

    html = response.content.decode()
    assert f"start gepland op {day(PLANNED)}" in html
    assert "gestart op" not in html
    assert f'action="{start_url(requested)}"' in html
    row = next(r for r in response.context["rows"] if r["trajectory"] == requested)
    assert row["start"]["started_on"].value() == today()
    assert row["close"] is not None and row["pause"] is None


def test_a_started_trajectory_shows_its_start_and_no_start_action(client, caseworker, requested):
    change_trajectory_status(trajectory=requested, action="start", on=today(), by=caseworker)
    client.force_login(caseworker)

    html = client.get(page_url(requested)).content.decode()

    assert f"gestart op {day(today())}" in html
    assert "start gepland op" not in html
    assert f'action="{start_url(requested)}"' not in html


def test_starting_from_the_screen_runs_it_from_the_day_given(client, caseworker, requested):
    client.force_login(caseworker)
    on = today() - days(2)

    response = client.post(start_url(requested), start_data(requested, on, change_reason="Gestart"))

    assert response.status_code == 302 and response.url == page_url(requested)
    assert stored(requested) == (Trajectory.Status.RUNNING, on)
    assert requested.history.latest("history_date").history_change_reason == "Gestart"


@pytest.mark.parametrize(
    "day, message",
    [
        (TOMORROW, "De startdatum kan niet in de toekomst liggen."),
        (BEFORE_PURCHASE, "Het traject kan niet starten vóór de inkoopdatum."),
    ],
)
def test_a_refused_start_shows_next_to_the_date_and_changes_nothing(
    client, caseworker, requested, day, message
):
    client.force_login(caseworker)

    response = client.post(start_url(requested), start_data(requested, day()))

    assert response.status_code == 200
    row = next(r for r in response.context["rows"] if r["trajectory"] == requested)
    assert row["start"].errors["started_on"] == [message]
    assert message in response.content.decode()
    assert stored(requested) == (Trajectory.Status.REQUESTED, PLANNED)


def test_a_start_after_someone_started_it_meanwhile_says_so(
    client, caseworker, colleague, requested
):
    change_trajectory_status(trajectory=requested, action="start", on=PURCHASED, by=colleague)
    client.force_login(caseworker)

    response = client.post(start_url(requested), start_data(requested, today()))

    assert "Iemand anders heeft dit traject intussen gewijzigd" in response.content.decode()
    assert stored(requested) == (Trajectory.Status.RUNNING, PURCHASED)


def test_an_auditor_is_not_offered_a_start_and_may_not(client, requested):
    client.force_login(UserFactory.create(username="audit", role="auditor"))

    assert (
        f'action="{start_url(requested)}"' not in client.get(page_url(requested)).content.decode()
    )
    assert client.post(start_url(requested), start_data(requested, today())).status_code == 403
    assert stored(requested) == (Trajectory.Status.REQUESTED, PLANNED)
