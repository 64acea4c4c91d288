"""What may follow a job's start or end on the file: moving to phase 4, reviewing the phase;
proposed, never done by itself. And the conversation form's "Baanwijziging besproken?"."""

import datetime

import pytest
from django.utils import timezone

from phases.models import PhasePeriod
from tests.factories import EmployerFactory, JobFactory, PhasePeriodFactory
from tests.interventions.test_views import post_data
from work.models import Job

pytestmark = pytest.mark.django_db
today = timezone.localdate


def in_phase(client_file, phase, since=datetime.date(2024, 1, 1)):
    PhasePeriodFactory.create(client=client_file, phase=phase, started_on=since)
    return client_file


def current_phase(client_file) -> str:
    return PhasePeriod.objects.get(client=client_file, ended_on__isnull=True).phase


def record(client, client_file, **changes):
    EmployerFactory.create(name="Bakkerij Van Dam", payroll_tax_number="123456789L01")
    data = {
        "kind": "regular",
        "payroll_tax_number": "123456789L01",
        "contract": "permanent",
        "started_on": "2025-03-01",
        "placed_by": "uwv",
        **changes,
    }
    return client.post(f"/clienten/{client_file.pk}/werk/nieuw/", data)


@pytest.mark.parametrize("phase", ["1", "2", "3"])
def test_a_job_started_in_phases_1_to_3_proposes_phase_4(client, caseworker, client_file, phase):
    in_phase(client_file, phase)
    client.force_login(caseworker)
    response = record(client, client_file)
    job = Job.objects.get()
    assert response["Location"] == f"/clienten/{client_file.pk}/werk/{job.pk}/voorstel/"
    assert current_phase(client_file) == phase, "nothing changes by itself"
    page = client.get(response["Location"])
    assert page.status_code == 200
    text = page.content.decode()
    assert "Naar fase 4?" in text
    assert "Aan het werk bij Bakkerij Van Dam sinds 1 maart 2025." in text
    assert page.context["form"].initial["started_on"] == datetime.date(2025, 3, 1)


def test_the_proposals_one_button_moves_to_phase_4_with_the_reason(client, caseworker, client_file):
    in_phase(client_file, "3")
    client.force_login(caseworker)
    record(client, client_file)
    client_file.refresh_from_db()
    data = {
        "version": client_file.version,
        "phase": "4",
        "started_on": "2025-03-01",
        "reason": "Aan het werk bij Bakkerij Van Dam; aangepast",
    }
    response = client.post(f"/clienten/{client_file.pk}/fase/", data)
    assert response.status_code == 302
    period = PhasePeriod.objects.get(client=client_file, ended_on__isnull=True)
    assert (period.phase, period.started_on) == ("4", datetime.date(2025, 3, 1))
    assert period.reason == "Aan het werk bij Bakkerij Van Dam; aangepast"


def test_phase_4_is_proposed_from_today_when_the_job_started_before_the_phase(
    client, caseworker, client_file
):
    in_phase(client_file, "2", since=datetime.date(2025, 3, 2))
    client.force_login(caseworker)
    location = record(client, client_file)["Location"]
    assert client.get(location).context["form"].initial["started_on"] == today()


def test_no_proposal_for_a_job_started_in_phase_4(client, caseworker, client_file):
    in_phase(client_file, "4")
    client.force_login(caseworker)
    assert record(client, client_file)["Location"] == f"/clienten/{client_file.pk}/#werk"


def test_no_proposal_for_a_past_job_recorded_whole(client, caseworker, client_file):
    in_phase(client_file, "2")
    client.force_login(caseworker)
    response = record(client, client_file, ended_on="2025-04-01", end_reason="resigned")
    assert response["Location"] == f"/clienten/{client_file.pk}/#werk"


def test_no_proposal_yet_for_a_job_starting_tomorrow(client, caseworker, client_file):
    in_phase(client_file, "2")
    client.force_login(caseworker)
    tomorrow = today() + datetime.timedelta(days=1)
    response = record(client, client_file, started_on=tomorrow.isoformat())
    assert response["Location"] == f"/clienten/{client_file.pk}/#werk"
    job = Job.objects.get()
    proposal = f"/clienten/{client_file.pk}/werk/{job.pk}/voorstel/"
    assert client.get(proposal)["Location"] == f"/clienten/{client_file.pk}/#werk"
    assert proposal not in client.get(f"/clienten/{client_file.pk}/").content.decode()


def test_a_job_starting_today_proposes_phase_4_on_its_first_day(client, caseworker, client_file):
    in_phase(client_file, "2")
    client.force_login(caseworker)
    response = record(client, client_file, started_on=today().isoformat())
    job = Job.objects.get()
    proposal = f"/clienten/{client_file.pk}/werk/{job.pk}/voorstel/"
    assert response["Location"] == proposal
    assert client.get(proposal).context["form"].initial["started_on"] == today()


def test_the_file_offers_phase_4_once_a_job_recorded_ahead_has_begun(
    client, caseworker, client_file
):
    in_phase(client_file, "3")
    begun = JobFactory.create(client=client_file, started_on=today())
    client.force_login(caseworker)
    text = client.get(f"/clienten/{client_file.pk}/").content.decode()
    assert f'href="/clienten/{client_file.pk}/werk/{begun.pk}/voorstel/"' in text
    assert "Naar fase 4?" in text


def end(client, client_file, job, ended_on="2025-06-30"):
    url = f"/clienten/{client_file.pk}/werk/{job.pk}/einde/"
    return client.post(url, {"ended_on": ended_on, "end_reason": "dismissed"})


def test_ending_the_last_job_in_phase_4_proposes_a_review(client, caseworker, client_file):
    in_phase(client_file, "4")
    job = JobFactory.create(client=client_file, employer=EmployerFactory.create(name="Drukkerij"))
    client.force_login(caseworker)
    response = end(client, client_file, job)
    assert response["Location"] == f"/clienten/{client_file.pk}/werk/{job.pk}/voorstel/"
    page = client.get(response["Location"]).content.decode()
    assert "Fase herzien?" in page
    assert f"/clienten/{client_file.pk}/fase/?reden=" in page
    assert current_phase(client_file) == "4"


def test_the_review_link_prefills_the_phase_forms_reason(client, caseworker, client_file):
    in_phase(client_file, "4")
    client.force_login(caseworker)
    page = client.get(f"/clienten/{client_file.pk}/fase/?reden=Laatste+werk+ge%C3%ABindigd")
    assert page.context["form"].initial["reason"] == "Laatste werk geëindigd"


def test_no_review_while_another_job_runs(client, caseworker, client_file):
    in_phase(client_file, "4")
    job = JobFactory.create(client=client_file)
    JobFactory.create(client=client_file, started_on=datetime.date(2025, 1, 1))
    client.force_login(caseworker)
    assert end(client, client_file, job)["Location"] == f"/clienten/{client_file.pk}/#werk"


@pytest.mark.parametrize(
    ("other_ended_on", "proposed"),
    [(datetime.date(2025, 7, 1), False), (datetime.date(2025, 6, 30), True)],
)
def test_review_only_when_no_other_job_ended_later(
    client, caseworker, client_file, other_ended_on, proposed
):
    in_phase(client_file, "4")
    job = JobFactory.create(client=client_file)
    JobFactory.create(
        client=client_file,
        started_on=datetime.date(2025, 1, 1),
        ended_on=other_ended_on,
        end_reason="resigned",
    )
    client.force_login(caseworker)
    assert end(client, client_file, job)["Location"].endswith("/voorstel/") is proposed


def test_no_review_for_an_end_outside_phase_4(client, caseworker, client_file):
    in_phase(client_file, "3")
    job = JobFactory.create(client=client_file)
    client.force_login(caseworker)
    assert end(client, client_file, job)["Location"] == f"/clienten/{client_file.pk}/#werk"


def test_a_proposal_that_no_longer_applies_goes_back_to_the_file(client, caseworker, client_file):
    in_phase(client_file, "4")
    job = JobFactory.create(client=client_file)
    client.force_login(caseworker)
    response = client.get(f"/clienten/{client_file.pk}/werk/{job.pk}/voorstel/")
    assert response.status_code == 302


# ---- the conversation form's job change ----------------------------------------------------


def conversation(client_file, **changes):
    return post_data(client_file, **{"job_change": "", **changes})


def test_conversation_without_job_change_goes_back_to_the_file(client, caseworker, client_file):
    client.force_login(caseworker)
    response = client.post(f"/clienten/{client_file.pk}/gesprek/", conversation(client_file))
    assert response["Location"] == f"/clienten/{client_file.pk}/"
    assert client_file.conversations.filter(status="held").count() == 1


def test_conversation_with_a_new_job_opens_the_job_form(client, caseworker, client_file):
    client.force_login(caseworker)
    data = conversation(client_file, job_change="started")
    response = client.post(f"/clienten/{client_file.pk}/gesprek/", data)
    assert response["Location"] == f"/clienten/{client_file.pk}/werk/nieuw/"
    assert client_file.conversations.filter(status="held").count() == 1


def test_conversation_with_an_ended_job_opens_its_end_form(client, caseworker, client_file):
    job = JobFactory.create(client=client_file)
    client.force_login(caseworker)
    data = conversation(client_file, job_change="ended")
    response = client.post(f"/clienten/{client_file.pk}/gesprek/", data)
    assert response["Location"] == f"/clienten/{client_file.pk}/werk/{job.pk}/einde/"


def test_conversation_with_an_ended_job_of_two_lets_choose_on_the_file(
    client, caseworker, client_file
):
    JobFactory.create_batch(2, client=client_file)
    client.force_login(caseworker)
    data = conversation(client_file, job_change="ended")
    response = client.post(f"/clienten/{client_file.pk}/gesprek/", data)
    assert response["Location"] == f"/clienten/{client_file.pk}/#werk"


def test_conversation_with_htmx_and_a_job_change_redirects_the_page(
    client, caseworker, client_file
):
    client.force_login(caseworker)
    data = conversation(client_file, job_change="started")
    response = client.post(f"/clienten/{client_file.pk}/gesprek/", data, HTTP_HX_REQUEST="true")
    assert response["HX-Redirect"] == f"/clienten/{client_file.pk}/werk/nieuw/"


def test_refused_conversation_opens_no_job_form(client, caseworker, client_file):
    client.force_login(caseworker)
    data = conversation(client_file, job_change="started", held_on="")
    response = client.post(f"/clienten/{client_file.pk}/gesprek/", data)
    assert response.status_code == 200 and client_file.conversations.count() == 0
