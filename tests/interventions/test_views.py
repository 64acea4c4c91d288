"""The conversation form on the client file: prefilled, one request, nothing saved on error."""

import datetime

import pytest
from django.utils import timezone

from clients.models import Client
from interventions.models import Agreement, Conversation, WorkPlan
from interventions.services.work_plans import set_agreement_status
from phases.models import PhasePeriod
from tests.factories import (
    ClientFactory,
    ConversationFactory,
    PhasePeriodFactory,
    TeamFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
day = datetime.timedelta(days=1)


@pytest.fixture
def prepared(client_file, caseworker):
    PhasePeriodFactory.create(client=client_file, phase="2", started_on=datetime.date(2024, 1, 1))
    ConversationFactory.create(
        client=client_file,
        caseworker=caseworker,
        channel="phone",
        kind="coaching",
        held_on=datetime.date(2026, 1, 5),
    )
    plan = WorkPlan.objects.create(
        client=client_file,
        version=1,
        goal="Werkritme",
        status="agreed",
        agreed_on=datetime.date(2026, 1, 5),
    )
    Agreement.objects.create(
        work_plan=plan,
        description="Weekrooster bijhouden",
        owner="client",
        due_on=datetime.date(2026, 3, 1),
    )
    return client_file


def url(client):
    return f"/clienten/{client.pk}/gesprek/"


def post_data(client, **changes):
    today = timezone.localdate()
    data = {
        "version": client.version,
        "held_on": today.isoformat(),
        "status": "held",
        "channel": "phone",
        "kind": "monitoring",
        "with_client": "on",
        "duration_minutes": "20",
        "summary": "Besproken hoe het gaat",
        "next_contact_on": (today + 56 * day).isoformat(),
        "new_phase": "",
        "phase_reason": "",
    }
    agreement = Agreement.objects.filter(work_plan__client=client).first()
    if agreement:
        data[f"agreement_{agreement.pk}"] = "open"
    data.update(changes)
    return data


def test_the_form_is_prefilled_from_today_the_last_conversation_and_the_norm(
    client, caseworker, prepared
):
    client.force_login(caseworker)
    form = client.get(f"/clienten/{prepared.pk}/").context["contact_form"]

    today = timezone.localdate()
    assert form.initial["held_on"] == today
    assert (form.initial["channel"], form.initial["kind"]) == ("phone", "coaching")
    assert form.initial["next_contact_on"] == today + 56 * day  # phase 2 default
    assert [a.description for a in form.open_agreements] == ["Weekrooster bijhouden"]


def test_saving_logs_the_conversation_plans_the_next_and_updates_agreements(
    client, caseworker, prepared
):
    client.force_login(caseworker)
    agreement = Agreement.objects.get()
    data = post_data(prepared, **{f"agreement_{agreement.pk}": "done"})

    response = client.post(url(prepared), data)

    assert response.status_code == 302 and response.url == f"/clienten/{prepared.pk}/"
    today = timezone.localdate()
    held = Conversation.objects.get(client=prepared, held_on=today)
    assert (held.status, held.caseworker, held.summary) == (
        "held",
        caseworker,
        "Besproken hoe het gaat",
    )
    assert Conversation.objects.filter(
        client=prepared, status="planned", held_on=today + 56 * day
    ).exists()
    assert Agreement.objects.get().status == "done"


def test_with_htmx_the_file_comes_back_in_place(client, caseworker, prepared):
    client.force_login(caseworker)

    response = client.post(url(prepared), post_data(prepared), HTTP_HX_REQUEST="true")

    html = response.content.decode()
    assert response.status_code == 200
    swapped = html[html.index('id="client-file"') :]  # htmx keeps only this part
    assert "Het gesprek is vastgelegd." in swapped


def test_a_held_conversation_in_the_future_is_refused_next_to_the_date(
    client, caseworker, prepared
):
    client.force_login(caseworker)
    tomorrow = (timezone.localdate() + day).isoformat()

    response = client.post(url(prepared), post_data(prepared, held_on=tomorrow))

    assert response.status_code == 200
    assert "held_on" in response.context["contact_form"].errors
    assert "toekomst" in response.content.decode()
    assert not Conversation.objects.filter(held_on__gt=datetime.date(2026, 1, 5)).exists()


@pytest.mark.parametrize("key", ["agreement_²", "agreement_99999999999999999999"])
def test_a_posted_agreement_that_is_no_id_is_ignored(client, caseworker, prepared, key):
    client.raise_request_exception = False
    client.force_login(caseworker)

    response = client.post(url(prepared), post_data(prepared) | {key: "done"})

    assert response.status_code == 302
    assert Conversation.objects.filter(held_on=timezone.localdate()).exists()


def test_a_phase_change_needs_a_reason_and_saves_nothing_without(client, caseworker, prepared):
    client.force_login(caseworker)

    response = client.post(url(prepared), post_data(prepared, new_phase="3"))

    assert "phase_reason" in response.context["contact_form"].errors
    assert Conversation.objects.count() == 1


def test_a_phase_change_starts_on_the_conversation_date(client, caseworker, prepared):
    client.force_login(caseworker)

    client.post(url(prepared), post_data(prepared, new_phase="3", phase_reason="Werkfit"))

    current = PhasePeriod.objects.get(client=prepared, ended_on__isnull=True)
    assert (current.phase, current.started_on, current.reason) == (
        "3",
        timezone.localdate(),
        "Werkfit",
    )


def test_a_refused_phase_change_rolls_back_the_conversation_too(client, caseworker, prepared):
    client.force_login(caseworker)

    response = client.post(url(prepared), post_data(prepared, new_phase="2", phase_reason="x"))

    assert "new_phase" in response.context["contact_form"].errors
    assert Conversation.objects.count() == 1


def test_someone_elses_change_meanwhile_is_a_visible_conflict_and_keeps_the_input(
    client, caseworker, prepared
):
    client.force_login(caseworker)
    data = post_data(prepared, summary="Lang verslag dat niet verloren mag gaan")
    Client.objects.filter(pk=prepared.pk).update(version=prepared.version + 1)

    response = client.post(url(prepared), data)

    html = response.content.decode()
    assert "Iemand anders heeft dit dossier intussen gewijzigd" in html
    assert "Lang verslag dat niet verloren mag gaan" in html
    assert response.context["contact_form"]["version"].value() == str(prepared.version + 1)
    assert Conversation.objects.count() == 1


def test_an_auditor_may_read_but_not_log(client, prepared):
    auditor = UserFactory.create(username="audit", role="auditor")
    client.force_login(auditor)

    assert client.get(f"/clienten/{prepared.pk}/").context["contact_form"] is None
    assert client.post(url(prepared), post_data(prepared)).status_code == 403
    assert Conversation.objects.count() == 1


def test_another_teams_client_is_not_found(client, caseworker):
    stranger = ClientFactory.create(team=TeamFactory.create(name="Team Elders"))
    client.force_login(caseworker)
    assert client.post(url(stranger), post_data(stranger)).status_code == 404


def test_anonymous_is_sent_to_login(client, prepared):
    response = client.post(url(prepared), post_data(prepared))
    assert response.status_code == 302 and response.url.startswith("/login/")


def agreement_url(client, agreement):
    return f"/clienten/{client.pk}/afspraken/{agreement.pk}/status/"


def test_one_click_marks_an_agreement_done_and_records_who(client, caseworker, prepared):
    agreement = Agreement.objects.get()
    client.force_login(caseworker)

    response = client.post(agreement_url(prepared, agreement), {"status": "done"})

    assert response.status_code == 302
    assert Agreement.objects.get().status == "done"
    assert Agreement.history.first().history_user == caseworker


def test_one_click_with_htmx_returns_the_file_with_the_confirmation(client, caseworker, prepared):
    agreement = Agreement.objects.get()
    client.force_login(caseworker)

    response = client.post(
        agreement_url(prepared, agreement), {"status": "cancelled"}, HTTP_HX_REQUEST="true"
    )

    swapped = response.content.decode()
    swapped = swapped[swapped.index('id="client-file"') :]
    assert "De afspraak is bijgewerkt." in swapped
    assert Agreement.objects.get().status == "cancelled"


def test_one_click_with_an_unknown_status_changes_nothing(client, caseworker, prepared):
    agreement = Agreement.objects.get()
    client.force_login(caseworker)

    response = client.post(agreement_url(prepared, agreement), {"status": "gone"}, follow=True)

    assert "Onbekende status." in response.content.decode()
    assert Agreement.objects.get().status == "open"


def test_one_click_on_another_clients_agreement_is_not_found(client, caseworker, prepared, team):
    other = ClientFactory.create(team=team, caseworker=caseworker)
    agreement = Agreement.objects.get()
    client.force_login(caseworker)

    assert client.post(agreement_url(other, agreement), {"status": "done"}).status_code == 404


def test_an_auditor_gets_no_one_click_buttons_and_may_not_post(client, prepared):
    auditor = UserFactory.create(username="audit2", role="auditor")
    agreement = Agreement.objects.get()
    client.force_login(auditor)

    assert "Afgerond:" not in client.get(f"/clienten/{prepared.pk}/").content.decode()
    assert client.post(agreement_url(prepared, agreement), {"status": "done"}).status_code == 403


def test_the_caseworker_sees_a_one_click_button_per_open_agreement(client, caseworker, prepared):
    client.force_login(caseworker)
    html = client.get(f"/clienten/{prepared.pk}/").content.decode()
    assert 'aria-label="Afgerond: Weekrooster bijhouden"' in html


def test_leaving_an_agreement_open_does_not_undo_a_colleagues_change(
    client, caseworker, colleague, prepared
):
    agreement = Agreement.objects.get()
    client.force_login(caseworker)
    data = post_data(prepared)  # the form showed the agreement as open and the user left it
    set_agreement_status(agreement=agreement, status="done", by=colleague)

    response = client.post(url(prepared), data)

    assert response.status_code == 302
    assert Agreement.objects.get().status == "done"


def test_changing_an_agreement_a_colleague_changed_meanwhile_conflicts(
    client, caseworker, colleague, prepared
):
    agreement = Agreement.objects.get()
    client.force_login(caseworker)
    data = post_data(prepared, summary="Mijn verslag", **{f"agreement_{agreement.pk}": "done"})
    set_agreement_status(agreement=agreement, status="cancelled", by=colleague)

    response = client.post(url(prepared), data)

    html = response.content.decode()
    assert (
        f"Iemand anders heeft de afspraak &#x27;{agreement.description}&#x27; intussen op" in html
    )
    assert "Mijn verslag" in html
    assert Agreement.objects.get().status == "cancelled"
    assert not Conversation.objects.filter(summary="Mijn verslag").exists()
    # The form shows the colleague's change, chosen: saving again goes through and keeps it.
    assert "Intussen door een ander gewijzigd: nu Vervallen." in html
    form = response.context["contact_form"]
    assert form[f"agreement_{agreement.pk}"].value() == "cancelled"
    again = {
        key: form[key].value() for key in (f"agreement_{agreement.pk}", f"seen_{agreement.pk}")
    }
    again = {**data, **again, "version": form["version"].value()}

    client.post(url(prepared), again)

    assert Conversation.objects.filter(summary="Mijn verslag").exists()
    assert Agreement.objects.get().status == "cancelled"


def test_after_a_conflict_the_user_may_still_choose_again(client, caseworker, colleague, prepared):
    agreement = Agreement.objects.get()
    client.force_login(caseworker)
    data = post_data(prepared, **{f"agreement_{agreement.pk}": "done"})
    set_agreement_status(agreement=agreement, status="cancelled", by=colleague)
    form = client.post(url(prepared), data).context["contact_form"]

    client.post(
        url(prepared),
        {
            **data,
            "version": form["version"].value(),
            f"seen_{agreement.pk}": form[f"seen_{agreement.pk}"].value(),
            f"agreement_{agreement.pk}": "done",
        },
    )

    assert Agreement.objects.get().status == "done"  # deliberately, after seeing the change


def test_one_click_on_an_agreement_closed_meanwhile_changes_nothing(
    client, caseworker, colleague, prepared
):
    agreement = Agreement.objects.get()
    client.force_login(caseworker)
    set_agreement_status(agreement=agreement, status="cancelled", by=colleague)

    response = client.post(agreement_url(prepared, agreement), {"status": "done"}, follow=True)

    assert f"Iemand anders heeft de afspraak &#x27;{agreement.description}&#x27; intussen" in (
        response.content.decode()
    )
    assert Agreement.objects.get().status == "cancelled"
