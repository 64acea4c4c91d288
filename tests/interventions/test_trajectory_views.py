"""The trajectories screen: purchase for the client's phase, pause, resume and close."""

import datetime

import pytest
from django.utils import timezone

from interventions.models import Trajectory
from tests.factories import (
    ClientFactory,
    PhasePeriodFactory,
    ProviderFactory,
    ServiceTypeFactory,
    TeamFactory,
    TrajectoryFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def in_phase_2(client_file):
    PhasePeriodFactory.create(client=client_file, phase="2", started_on=datetime.date(2024, 1, 1))
    return client_file


@pytest.fixture
def catalogue():
    return {
        "work_fit": ServiceTypeFactory.create(code="WF", name="Werkfit", phases="2"),
        "retention": ServiceTypeFactory.create(code="WB", name="Werkbehoud", phases="4"),
        "provider": ProviderFactory.create(name="Stap Verder BV"),
    }


def url(client):
    return f"/clienten/{client.pk}/trajecten/"


def purchase(catalogue, **changes):
    today = timezone.localdate().isoformat()
    return {
        "service_type": catalogue["work_fit"].pk,
        "provider": catalogue["provider"].pk,
        "purpose": "Werkritme",
        "purchased_on": today,
        "started_on": today,
        "planned_end_on": "",
        "cost": "4250.00",
        "repeat_justification": "",
    } | changes


def test_only_services_for_the_clients_phase_are_offered(client, caseworker, in_phase_2, catalogue):
    client.force_login(caseworker)
    offered = client.get(url(in_phase_2)).context["purchase_form"].fields["service_type"].queryset
    assert list(offered) == [catalogue["work_fit"]]


def test_purchasing_saves_a_running_trajectory(client, caseworker, in_phase_2, catalogue):
    client.force_login(caseworker)
    response = client.post(url(in_phase_2), purchase(catalogue))
    assert response.status_code == 302
    trajectory = Trajectory.objects.get()
    assert (trajectory.status, str(trajectory.cost)) == ("running", "4250.00")


def test_a_repeat_purchase_without_justification_is_refused_next_to_the_field(
    client, caseworker, in_phase_2, catalogue
):
    TrajectoryFactory.create(
        client=in_phase_2, service_type=catalogue["work_fit"], provider=catalogue["provider"]
    )
    client.force_login(caseworker)

    response = client.post(url(in_phase_2), purchase(catalogue))

    assert "repeat_justification" in response.context["purchase_form"].errors
    assert Trajectory.objects.count() == 1


def test_pause_resume_and_close(client, caseworker, in_phase_2, catalogue):
    trajectory = TrajectoryFactory.create(
        client=in_phase_2,
        service_type=catalogue["work_fit"],
        provider=catalogue["provider"],
        purchased_on=datetime.date(2026, 1, 1),
        started_on=datetime.date(2026, 1, 5),
    )
    client.force_login(caseworker)
    base = f"{url(in_phase_2)}{trajectory.pk}"

    client.post(
        f"{base}/pause/",
        {
            f"pause-{trajectory.pk}-from_date": "2026-02-01",
            f"pause-{trajectory.pk}-reason": "Ziek",
            f"pause-{trajectory.pk}-seen_status": "running",
        },
    )
    assert Trajectory.objects.get().status == "paused"
    client.post(
        f"{base}/resume/",
        {
            f"resume-{trajectory.pk}-on": "2026-03-01",
            f"resume-{trajectory.pk}-seen_status": "paused",
        },
    )
    assert Trajectory.objects.get().status == "running"
    client.post(
        f"{base}/close/",
        {
            f"close-{trajectory.pk}-status": "completed",
            f"close-{trajectory.pk}-ended_on": "2026-06-01",
            f"close-{trajectory.pk}-outcome": "work_found",
            f"close-{trajectory.pk}-outcome_note": "",
            f"close-{trajectory.pk}-seen_status": "running",
        },
    )
    closed = Trajectory.objects.get()
    assert (closed.status, closed.outcome, closed.ended_on) == (
        "completed",
        "work_found",
        datetime.date(2026, 6, 1),
    )


def test_completing_without_outcome_shows_the_error_and_keeps_it_running(
    client, caseworker, in_phase_2, catalogue
):
    trajectory = TrajectoryFactory.create(
        client=in_phase_2, service_type=catalogue["work_fit"], provider=catalogue["provider"]
    )
    client.force_login(caseworker)

    response = client.post(
        f"{url(in_phase_2)}{trajectory.pk}/close/",
        {
            f"close-{trajectory.pk}-status": "completed",
            f"close-{trajectory.pk}-ended_on": "2026-06-01",
            f"close-{trajectory.pk}-outcome": "",
            f"close-{trajectory.pk}-seen_status": "running",
        },
    )

    assert response.status_code == 200
    assert "Geef het resultaat van het traject." in response.content.decode()
    assert Trajectory.objects.get().status == "running"


def test_auditor_may_not_buy(client, in_phase_2, catalogue):
    client.force_login(UserFactory.create(username="audit", role="auditor"))
    assert client.post(url(in_phase_2), purchase(catalogue)).status_code == 403


def test_another_teams_client_is_not_found(client, caseworker):
    stranger = ClientFactory.create(team=TeamFactory.create(name="Team Elders"))
    client.force_login(caseworker)
    assert client.get(url(stranger)).status_code == 404


def test_closing_a_trajectory_someone_paused_meanwhile_conflicts(
    client, caseworker, colleague, in_phase_2, catalogue
):
    from interventions.services.trajectories import change_trajectory_status

    trajectory = TrajectoryFactory.create(
        client=in_phase_2,
        service_type=catalogue["work_fit"],
        provider=catalogue["provider"],
        purchased_on=datetime.date(2026, 1, 1),
        started_on=datetime.date(2026, 1, 5),
    )
    client.force_login(caseworker)
    change_trajectory_status(
        trajectory=trajectory,
        action="pause",
        on=datetime.date(2026, 2, 1),
        reason="Ziek",
        by=colleague,
    )

    response = client.post(
        f"{url(in_phase_2)}{trajectory.pk}/close/",
        {
            f"close-{trajectory.pk}-status": "cancelled",
            f"close-{trajectory.pk}-ended_on": "2026-06-01",
            f"close-{trajectory.pk}-outcome": "",
            f"close-{trajectory.pk}-seen_status": "running",
        },
    )

    assert response.status_code == 200
    assert "Iemand anders heeft dit traject intussen gewijzigd" in response.content.decode()
    assert Trajectory.objects.get().status == "paused"


def test_closing_with_a_reason_keeps_it_in_the_history(client, caseworker, in_phase_2, catalogue):
    trajectory = TrajectoryFactory.create(
        client=in_phase_2,
        service_type=catalogue["work_fit"],
        provider=catalogue["provider"],
        purchased_on=datetime.date(2026, 1, 1),
        started_on=datetime.date(2026, 1, 5),
    )
    client.force_login(caseworker)

    client.post(
        f"{url(in_phase_2)}{trajectory.pk}/close/",
        {
            f"close-{trajectory.pk}-status": "cancelled",
            f"close-{trajectory.pk}-ended_on": "2026-06-01",
            f"close-{trajectory.pk}-outcome": "",
            f"close-{trajectory.pk}-seen_status": "running",
            f"close-{trajectory.pk}-change_reason": "Aanbieder failliet",
        },
    )

    assert Trajectory.objects.get().history.first().history_change_reason == "Aanbieder failliet"
