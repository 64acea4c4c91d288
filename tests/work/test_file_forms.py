"""The quick forms on a job and a provision: ending a job, renewing a fixed-term contract,
recording a provision and deciding on it; each refusal next to its field."""

import datetime

import pytest
from django.utils import timezone

from tests.factories import JobFactory, PhasePeriodFactory, ProvisionFactory
from tests.work.test_file_views import errors_of
from work.models import JobRenewal, Provision

pytestmark = pytest.mark.django_db
today = timezone.localdate
ONE_DAY = datetime.timedelta(days=1)


# ---- ending and renewing -------------------------------------------------------------------


def test_ends_a_job_with_reason_and_history(client, caseworker, client_file):
    job = JobFactory.create(client=client_file)
    client.force_login(caseworker)
    url = f"/clienten/{client_file.pk}/werk/{job.pk}/einde/"
    data = {"ended_on": today().isoformat(), "end_reason": "dismissed"}
    assert client.post(url, data).status_code == 302
    job.refresh_from_db()
    assert (job.ended_on, job.end_reason) == (today(), "dismissed")
    assert job.history.first().history_change_reason == "Werk beëindigd"


def test_refuses_an_end_before_the_start(client, caseworker, client_file):
    job = JobFactory.create(client=client_file, started_on=datetime.date(2024, 3, 1))
    client.force_login(caseworker)
    url = f"/clienten/{client_file.pk}/werk/{job.pk}/einde/"
    errors = errors_of(client.post(url, {"ended_on": "2024-02-29", "end_reason": "dismissed"}))
    assert errors["ended_on"] == ["De laatste werkdag ligt vóór de startdatum."]


def test_end_on_the_first_day_is_accepted(client, caseworker, client_file):
    job = JobFactory.create(client=client_file, started_on=datetime.date(2024, 3, 1))
    client.force_login(caseworker)
    url = f"/clienten/{client_file.pk}/werk/{job.pk}/einde/"
    assert client.post(url, {"ended_on": "2024-03-01", "end_reason": "other"}).status_code == 302


def test_refuses_an_end_in_the_future(client, caseworker, client_file):
    job = JobFactory.create(client=client_file)
    client.force_login(caseworker)
    url = f"/clienten/{client_file.pk}/werk/{job.pk}/einde/"
    data = {"ended_on": (today() + ONE_DAY).isoformat(), "end_reason": "other"}
    assert "ended_on" in errors_of(client.post(url, data))


def temporary_job(client_file, planned_end=datetime.date(2026, 3, 1)):
    return JobFactory.create(
        client=client_file,
        contract="temporary",
        planned_end_on=planned_end,
        started_on=datetime.date(2025, 3, 1),
    )


def test_extends_a_temporary_contract(client, caseworker, client_file):
    job = temporary_job(client_file)
    client.force_login(caseworker)
    url = f"/clienten/{client_file.pk}/werk/{job.pk}/verlengen/"
    data = {"outcome": "extended", "renewed_on": "2025-12-01", "new_planned_end_on": "2027-03-01"}
    assert client.post(url, data).status_code == 302
    job.refresh_from_db()
    assert job.planned_end_on == datetime.date(2027, 3, 1)
    assert JobRenewal.objects.get().history.get().history_user == caseworker


def test_makes_a_temporary_contract_permanent(client, caseworker, client_file):
    job = temporary_job(client_file)
    client.force_login(caseworker)
    url = f"/clienten/{client_file.pk}/werk/{job.pk}/verlengen/"
    assert client.post(url, {"outcome": "permanent", "renewed_on": "2025-12-01"}).status_code == 302
    job.refresh_from_db()
    assert (job.contract, job.planned_end_on) == ("permanent", None)


@pytest.mark.parametrize("new_end", ["2026-03-01", "2026-02-28"])
def test_refuses_a_renewal_not_later_than_the_current_end(client, caseworker, client_file, new_end):
    job = temporary_job(client_file)
    client.force_login(caseworker)
    url = f"/clienten/{client_file.pk}/werk/{job.pk}/verlengen/"
    data = {"outcome": "extended", "renewed_on": "2025-12-01", "new_planned_end_on": new_end}
    errors = errors_of(client.post(url, data))
    assert errors["new_planned_end_on"] == [
        "De nieuwe einddatum moet na de huidige geplande einddatum (1 maart 2026) liggen."
    ]
    assert not JobRenewal.objects.exists()


def test_renewal_a_day_after_the_current_end_is_accepted(client, caseworker, client_file):
    job = temporary_job(client_file)
    client.force_login(caseworker)
    url = f"/clienten/{client_file.pk}/werk/{job.pk}/verlengen/"
    data = {"outcome": "extended", "renewed_on": "2025-12-01", "new_planned_end_on": "2026-03-02"}
    assert client.post(url, data).status_code == 302


def test_a_permanent_job_has_no_renewal_form(client, caseworker, client_file):
    job = JobFactory.create(client=client_file)
    client.force_login(caseworker)
    response = client.get(f"/clienten/{client_file.pk}/werk/{job.pk}/verlengen/")
    assert response.status_code == 302 and response["Location"].endswith("#werk")


# ---- provisions ----------------------------------------------------------------------------


def test_records_a_pending_provision_for_a_job(client, caseworker, client_file):
    job = JobFactory.create(client=client_file)
    client.force_login(caseworker)
    data = {"kind": "job_coach", "applicant": "employer", "job": job.pk, "applied_on": "2025-04-01"}
    assert client.post(f"/clienten/{client_file.pk}/voorzieningen/nieuw/", data).status_code == 302
    provision = Provision.objects.get()
    assert (provision.job, provision.decision) == (job, "")
    assert provision.history.get().history_change_reason == "Voorziening aangevraagd"


def test_refuses_a_provision_before_birth(client, caseworker, client_file):
    client.force_login(caseworker)
    data = {"kind": "transport", "applicant": "client", "applied_on": "1990-01-01"}
    response = client.post(f"/clienten/{client_file.pk}/voorzieningen/nieuw/", data)
    assert "geboortedatum" in errors_of(response)["applied_on"][0]


def decide_dispensation(client, caseworker, client_file, **data):
    """Post the decision on a pending wage dispensation: granted, unless `data` says else."""
    provision = ProvisionFactory.create(client=client_file, kind="wage_dispensation")
    client.force_login(caseworker)
    url = f"/clienten/{client_file.pk}/voorzieningen/{provision.pk}/besluit/"
    granted = {"decision": "granted", "decided_on": "2025-05-01", "valid_from": "2025-05-01"}
    return provision, client.post(url, granted | data)


def test_decides_a_pending_wage_dispensation(client, caseworker, client_file):
    provision, response = decide_dispensation(
        client, caseworker, client_file, wage_value_percent="60", review_on="2027-05-01"
    )
    assert response.status_code == 302
    provision.refresh_from_db()
    assert (provision.decision, provision.wage_value_percent) == ("granted", 60)


def test_refuses_a_granted_dispensation_without_wage_value(client, caseworker, client_file):
    _provision, response = decide_dispensation(client, caseworker, client_file)
    errors = errors_of(response)
    assert errors["wage_value_percent"] == ["Geef de vastgestelde loonwaarde in procenten."]


def test_refuses_a_granted_dispensation_without_review_date(client, caseworker, client_file):
    provision, response = decide_dispensation(
        client, caseworker, client_file, wage_value_percent="60"
    )
    errors = errors_of(response)
    assert errors["review_on"] == ["Geef de datum waarop de loondispensatie wordt herbeoordeeld."]
    provision.refresh_from_db()
    assert provision.decision == ""


def test_refuses_a_decision_before_the_application(client, caseworker, client_file):
    provision = ProvisionFactory.create(client=client_file, applied_on=datetime.date(2024, 4, 1))
    client.force_login(caseworker)
    url = f"/clienten/{client_file.pk}/voorzieningen/{provision.pk}/besluit/"
    errors = errors_of(client.post(url, {"decision": "refused", "decided_on": "2024-03-31"}))
    assert errors["decided_on"] == ["Het besluit kan niet vóór de aanvraag liggen."]


def test_a_renewal_in_phase_2_goes_back_to_the_file_without_a_proposal(
    client, caseworker, client_file
):
    PhasePeriodFactory.create(client=client_file, phase="2", started_on=datetime.date(2024, 1, 1))
    job = temporary_job(client_file)
    client.force_login(caseworker)
    url = f"/clienten/{client_file.pk}/werk/{job.pk}/verlengen/"
    response = client.post(url, {"outcome": "permanent", "renewed_on": "2025-12-01"})
    assert response["Location"] == f"/clienten/{client_file.pk}/#werk"
