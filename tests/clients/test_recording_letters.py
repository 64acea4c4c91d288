"""'Brief meegegeven of verstuurd' on the work plan page: recorded in the file (the work plan
page, the timeline, the history), refused with a message and nothing saved when the date cannot
be true, and only by a role that changes files, in its scope."""

import datetime

import pytest
from django.utils import timezone
from django.utils.html import escape

from audit.selectors import client_history
from interventions.models import WorkPlan, WorkPlanLetter
from interventions.services.work_plans import create_work_plan_version
from tests.factories import CaseworkerFactory, TeamFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(client_file, caseworker):
    return create_work_plan_version(client=client_file, goal="Werkritme opbouwen", by=caseworker)


def post_letter(client, user, client_file, **changes):
    client.force_login(user)
    data = {
        "version": "1",
        "handed_on": timezone.localdate().isoformat(),
        "channel": "in_person",
        "client_agreed": "on",
        "note": "Wil er thuis nog over nadenken",
        "change_reason": "",
    } | changes
    posted = {f"letter-{name}": value for name, value in data.items()}
    return client.post(f"/clienten/{client_file.pk}/werkplan/brief/", posted)


def test_the_work_plan_page_offers_the_letter_and_the_form(client, client_file, caseworker, plan):
    client.force_login(caseworker)

    html = client.get(f"/clienten/{client_file.pk}/werkplan/").content.decode()

    assert f'href="/clienten/{client_file.pk}/werkplan/brief.pdf"' in html
    assert "Brief met versie 1 downloaden (pdf)" in html
    assert f'action="/clienten/{client_file.pk}/werkplan/brief/"' in html
    assert "Er is nog geen brief meegegeven of verstuurd." in html


def test_the_file_links_to_the_letter(client, client_file, caseworker, plan):
    client.force_login(caseworker)

    html = client.get(f"/clienten/{client_file.pk}/").content.decode()

    assert f'href="/clienten/{client_file.pk}/werkplan/brief.pdf"' in html


def test_a_recorded_letter_shows_on_the_plan_page_in_the_timeline_and_the_history(
    client, client_file, caseworker, plan
):
    response = post_letter(client, caseworker, client_file, change_reason="Na het gesprek")

    assert response.status_code == 302
    assert response.url == f"/clienten/{client_file.pk}/werkplan/"
    letter = WorkPlanLetter.objects.get()
    assert (letter.work_plan, letter.channel, letter.client_agreed) == (plan, "in_person", True)
    assert letter.recorded_by == caseworker
    page = client.get(response.url).content.decode()
    assert "De brief met het werkplan is vastgelegd." in page
    assert "Persoonlijk meegegeven" in page
    assert "Wil er thuis nog over nadenken" in page
    assert "Er is nog geen brief" not in page
    file = client.get(f"/clienten/{client_file.pk}/").content.decode()
    assert "Brief met werkplan versie 1: persoonlijk meegegeven" in file
    assert "De cliënt is akkoord. Wil er thuis nog over nadenken" in file
    entries = client_history(client_file, kinds=["work_plan_letter"])
    assert [(e.user, e.reason) for e in entries] == [(caseworker, "Na het gesprek")]


def test_a_letter_for_an_earlier_version_can_be_recorded(client, client_file, caseworker, plan):
    create_work_plan_version(client=client_file, goal="Een opleiding", by=caseworker)

    response = post_letter(client, caseworker, client_file, version="1", channel="post")

    assert response.status_code == 302
    assert WorkPlanLetter.objects.get().work_plan == plan


@pytest.mark.parametrize(
    "day, message",
    [
        ("9999-12-31", "De datum van de brief kan niet in de toekomst liggen."),
        ("tomorrow", "De datum van de brief kan niet in de toekomst liggen."),
        ("0001-01-01", "De datum van de brief moet tussen 1 januari 1900 en"),
        ("before", "De brief kan niet eerder zijn meegegeven of verstuurd dan deze versie"),
        ("", "Dit veld is vereist."),
    ],
)
def test_a_date_that_cannot_be_true_is_refused_with_a_message_and_nothing_saved(
    client, client_file, caseworker, plan, day, message
):
    WorkPlan.objects.filter(pk=plan.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=30)
    )
    day = {
        "tomorrow": (timezone.localdate() + datetime.timedelta(days=1)).isoformat(),
        "before": (timezone.localdate() - datetime.timedelta(days=31)).isoformat(),
    }.get(day, day)

    response = post_letter(client, caseworker, client_file, handed_on=day)

    assert response.status_code == 200
    html = response.content.decode()
    assert escape(message) in html
    assert "Niet opgeslagen." in html
    assert "Wil er thuis nog over nadenken</textarea>" in html  # what was typed is kept
    assert not WorkPlanLetter.objects.exists()


def test_an_unknown_version_is_refused(client, client_file, caseworker, plan):
    response = post_letter(client, caseworker, client_file, version="9")

    assert response.status_code == 200
    assert not WorkPlanLetter.objects.exists()


def test_a_team_manager_may_record_it(client, client_file, manager, plan):
    assert post_letter(client, manager, client_file).status_code == 302
    assert WorkPlanLetter.objects.get().recorded_by == manager


def test_an_auditor_cannot_record_a_letter(client, client_file, plan):
    auditor = UserFactory.create(username="auditor", role="auditor")

    assert post_letter(client, auditor, client_file).status_code == 403
    assert not WorkPlanLetter.objects.exists()


def test_an_auditor_sees_the_letters_but_no_form(client, client_file, caseworker, plan):
    post_letter(client, caseworker, client_file)
    auditor = UserFactory.create(username="auditor", role="auditor")
    client.force_login(auditor)

    html = client.get(f"/clienten/{client_file.pk}/werkplan/").content.decode()

    assert "Persoonlijk meegegeven" in html
    assert "/werkplan/brief/" not in html


def test_outside_the_users_scope_nothing_is_recorded(client, client_file, plan):
    elsewhere = CaseworkerFactory.create(username="ad.elders", team=TeamFactory(name="Elders"))

    assert post_letter(client, elsewhere, client_file).status_code == 404
    assert not WorkPlanLetter.objects.exists()


def test_without_a_plan_there_is_nothing_to_record(client, client_file, caseworker):
    assert post_letter(client, caseworker, client_file).status_code == 404
    assert not WorkPlanLetter.objects.exists()
