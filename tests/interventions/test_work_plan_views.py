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
    assert "Mijn doel" in page and ">\nBellen</textarea>" in page
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


def test_the_form_offers_two_empty_rows_and_a_button_for_more(client, caseworker, client_file):
    client.force_login(caseworker)

    response = client.get(url(client_file))

    assert response.context["rows"].total_form_count() == 2
    assert 'name="add_row"' in response.content.decode()


def test_adding_a_row_keeps_everything_typed_and_saves_nothing(client, caseworker, current_plan):
    client.force_login(caseworker)
    typed = {
        "goal": "Betaald werk vinden",
        "based_on": "1",
        "change_reason": "Na het gesprek",
        "add_row": "1",
    } | rows(("Weekrooster", "client", "2026-03-01"), ("Sollic", "", "2026-13-45"))

    response = client.post(url(current_plan.client), typed)

    assert response.status_code == 200
    assert WorkPlan.objects.filter(client=current_plan.client).count() == 1
    form, formset = response.context["plan_form"], response.context["rows"]
    assert (form["goal"].value(), form["based_on"].value(), form["change_reason"].value()) == (
        "Betaald werk vinden",
        "1",
        "Na het gesprek",
    )
    assert [
        [row[name].value() for name in ("description", "owner", "due_on")] for row in formset
    ] == [
        ["Weekrooster", "client", "2026-03-01"],
        ["Sollic", "", "2026-13-45"],  # kept as typed, even what is not a date yet
        [None, None, None],  # the new, empty row
    ]
    page = response.content.decode()
    assert "Niet opgeslagen" not in page  # nothing checked yet, so nothing refused
    assert 'name="rows-TOTAL_FORMS" value="3"' in page
    assert 'name="rows-2-description"' in page and "autofocus" in page


def test_a_row_added_is_saved_with_the_others(client, caseworker, current_plan):
    client.force_login(caseworker)
    three = rows(("Een", "client", ""), ("Twee", "uwv", ""), ("Drie", "employer", ""))

    response = client.post(url(current_plan.client), {"goal": "Doel", "based_on": "1"} | three)

    assert response.status_code == 302
    new = WorkPlan.objects.get(client=current_plan.client, version=2)
    assert sorted(new.agreements.values_list("description", flat=True)) == ["Drie", "Een", "Twee"]


def test_rows_stop_at_the_most_a_plan_form_offers(client, caseworker, client_file):
    from interventions.forms import MAX_AGREEMENT_ROWS

    client.force_login(caseworker)
    full = rows(*[(f"Afspraak {n}", "client", "") for n in range(MAX_AGREEMENT_ROWS)])
    almost = rows(*[(f"Afspraak {n}", "client", "") for n in range(MAX_AGREEMENT_ROWS - 1)])

    grown = client.post(
        url(client_file), {"goal": "Doel", "based_on": "0", "add_row": "1"} | almost
    )
    at_most = client.post(
        url(client_file), {"goal": "Doel", "based_on": "0", "add_row": "1"} | full
    )

    assert grown.context["rows"].total_form_count() == MAX_AGREEMENT_ROWS
    assert 'name="add_row"' not in grown.content.decode()
    assert at_most.context["rows"].total_form_count() == MAX_AGREEMENT_ROWS
    assert not WorkPlan.objects.exists()


def test_descriptions_are_text_areas_in_a_table_whose_first_column_takes_the_width(
    client, caseworker, client_file
):
    """The description is no 170-pixel input: a text area the stylesheet stretches."""
    from pathlib import Path

    client.force_login(caseworker)

    page = client.get(url(client_file)).content.decode()

    assert '<table class="data agreement-rows">' in page
    assert '<textarea name="rows-0-description"' in page
    css = (Path(__file__).parents[2] / "frontend" / "src" / "app.css").read_text()
    assert "table.agreement-rows td:first-child { width: 100%; }" in css
    assert "table.agreement-rows textarea { width: 100%;" in css
