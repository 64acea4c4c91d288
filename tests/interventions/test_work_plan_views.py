"""The work plan screen: a new version made from the current one, earlier versions readable."""

import datetime

import pytest

from interventions.models import Agreement, WorkPlan
from tests.factories import ClientFactory, TeamFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def current_plan(client_file):
    plan = WorkPlan.objects.create(
        client=client_file,
        version=1,
        goal="Werkritme opbouwen",
        status="agreed",
        agreed_on=datetime.date(2026, 1, 5),
    )
    Agreement.objects.create(
        work_plan=plan, description="Weekrooster", owner="client", due_on=datetime.date(2026, 3, 1)
    )
    Agreement.objects.create(work_plan=plan, description="Klaar", owner="uwv", status="done")
    return plan


def url(client):
    return f"/clienten/{client.pk}/werkplan/"


def rows(*agreements):
    data = {
        "rows-TOTAL_FORMS": str(len(agreements)),
        "rows-INITIAL_FORMS": "0",
        "rows-MIN_NUM_FORMS": "0",
        "rows-MAX_NUM_FORMS": "30",
    }
    for index, (description, owner, due) in enumerate(agreements):
        data |= {
            f"rows-{index}-description": description,
            f"rows-{index}-owner": owner,
            f"rows-{index}-due_on": due,
        }
    return data


def test_the_form_starts_from_the_current_goal_and_its_open_agreements(
    client, caseworker, current_plan
):
    client.force_login(caseworker)
    response = client.get(url(current_plan.client))

    assert response.context["plan_form"].initial["goal"] == "Werkritme opbouwen"
    assert [r.initial["description"] for r in response.context["rows"] if r.initial] == [
        "Weekrooster"
    ]


def test_saving_makes_a_new_version_and_keeps_the_old_one_readable(
    client, caseworker, current_plan
):
    client.force_login(caseworker)
    data = {"goal": "Betaald werk vinden", "based_on": "1"} | rows(
        ("Weekrooster", "client", "2026-03-01"), ("Solliciteren", "client", "")
    )

    response = client.post(url(current_plan.client), data)

    assert response.status_code == 302
    new = WorkPlan.objects.get(client=current_plan.client, version=2)
    assert (new.goal, new.status) == ("Betaald werk vinden", "draft")
    assert sorted(new.agreements.values_list("description", flat=True)) == [
        "Solliciteren",
        "Weekrooster",
    ]
    assert WorkPlan.objects.get(pk=current_plan.pk).status == "superseded"
    assert "Werkritme opbouwen" in client.get(url(current_plan.client)).content.decode()


def test_an_agreement_without_owner_is_refused_and_nothing_saved(client, caseworker, current_plan):
    client.force_login(caseworker)
    data = {"goal": "Nieuw doel"} | rows(("Iets doen", "", ""))

    response = client.post(url(current_plan.client), data)

    assert response.status_code == 200
    assert "Kies wie de afspraak uitvoert." in response.content.decode()
    assert WorkPlan.objects.filter(client=current_plan.client).count() == 1


def test_an_empty_goal_is_refused(client, caseworker, current_plan):
    client.force_login(caseworker)
    response = client.post(url(current_plan.client), {"goal": "", "based_on": "1"} | rows())
    assert "goal" in response.context["plan_form"].errors
    assert WorkPlan.objects.count() == 1


def test_agreeing_a_draft_records_the_date(client, caseworker, client_file):
    WorkPlan.objects.create(client=client_file, version=1, goal="Doel")
    client.force_login(caseworker)

    response = client.post(
        f"/clienten/{client_file.pk}/werkplan/afspreken/", {"agreed_on": "2026-11-02"}
    )

    assert response.status_code == 302
    plan = WorkPlan.objects.get()
    assert (plan.status, plan.agreed_on) == ("agreed", datetime.date(2026, 11, 2))


def test_an_auditor_reads_but_cannot_save(client, current_plan):
    auditor = UserFactory.create(username="audit", role="auditor")
    client.force_login(auditor)
    assert client.get(url(current_plan.client)).status_code == 200
    assert (
        client.post(url(current_plan.client), {"goal": "x", "based_on": "1"} | rows()).status_code
        == 403
    )


def test_another_teams_client_is_not_found(client, caseworker):
    stranger = ClientFactory.create(team=TeamFactory.create(name="Team Elders"))
    client.force_login(caseworker)
    assert client.get(url(stranger)).status_code == 404


def test_a_version_made_meanwhile_conflicts_and_keeps_the_input(
    client, caseworker, colleague, current_plan
):
    from interventions.services.work_plans import create_work_plan_version

    client.force_login(caseworker)
    form = client.get(url(current_plan.client)).context["plan_form"]
    assert form.initial["based_on"] == 1
    create_work_plan_version(client=current_plan.client, goal="Versie van collega", by=colleague)

    response = client.post(
        url(current_plan.client),
        {"goal": "Mijn doel", "based_on": "1"} | rows(("Bellen", "uwv", "")),
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert "Iemand anders heeft dit dossier intussen gewijzigd." in page
    assert "Mijn doel" in page and 'value="Bellen"' in page
    assert list(
        WorkPlan.objects.filter(client=current_plan.client).values_list("version", "goal")
    ) == [(2, "Versie van collega"), (1, "Werkritme opbouwen")]
    # the form now carries the newer version, so saving again goes through
    assert response.context["plan_form"].data["based_on"] == "2"


def test_the_optional_reason_goes_into_the_history(client, caseworker, current_plan):
    client.force_login(caseworker)
    data = {
        "goal": "Betaald werk vinden",
        "based_on": "1",
        "change_reason": "Cliënt wil nu solliciteren",
    } | rows()

    client.post(url(current_plan.client), data)

    new = WorkPlan.objects.get(client=current_plan.client, version=2)
    assert new.history.first().history_change_reason == "Cliënt wil nu solliciteren"
