"""An agreement marked done or cancelled by mistake (one click on the file or in the work queue)
is opened again, for a reason that lands in the history: the service and both screens."""

import pytest
from django.core.exceptions import ValidationError

from common.exceptions import EditConflict
from common.history import CHANGE_REASON_MAX_LENGTH
from interventions.models import Agreement, WorkPlan
from interventions.services.work_plans import (
    create_work_plan_version,
    reopen_agreement,
    set_agreement_status,
)
from tests.factories import ClientFactory, TeamFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(client_file, caseworker) -> WorkPlan:
    return create_work_plan_version(
        client=client_file,
        goal="Werkfit worden",
        by=caseworker,
        agreements=[
            {"description": "Weekrooster bijhouden", "owner": "client"},
            {"description": "Werkgever bellen", "owner": "uwv"},
        ],
    )


@pytest.fixture
def done(plan, caseworker) -> Agreement:
    """An agreement marked done by one click."""
    agreement = plan.agreements.get(description="Weekrooster bijhouden")
    return set_agreement_status(agreement=agreement, status="done", by=caseworker)


def status_of(agreement: Agreement) -> str:
    return Agreement.objects.get(pk=agreement.pk).status


# The service


@pytest.mark.parametrize("status", ["done", "cancelled"])
def test_a_done_or_cancelled_agreement_is_open_again(plan, caseworker, status):
    agreement = plan.agreements.get(description="Werkgever bellen")
    set_agreement_status(agreement=agreement, status=status, by=caseworker)

    reopened = reopen_agreement(
        agreement=agreement, change_reason="Per ongeluk afgevinkt", by=caseworker
    )

    assert reopened.status == status_of(agreement) == Agreement.Status.OPEN


def test_the_reason_and_the_user_are_in_the_history(done, caseworker, colleague):
    reopen_agreement(
        agreement=done, change_reason="  Nog niet gebeld  ", by=colleague, expected_status="done"
    )

    row = done.history.latest("history_date")
    assert (row.status, row.history_user, row.history_change_reason) == (
        "open",
        colleague,
        "Nog niet gebeld",
    )


@pytest.mark.parametrize("reason", ["", "   "])
def test_reopening_without_a_reason_is_refused_and_changes_nothing(done, caseworker, reason):
    with pytest.raises(ValidationError) as refused:
        reopen_agreement(agreement=done, change_reason=reason, by=caseworker)

    assert "change_reason" in refused.value.message_dict
    assert status_of(done) == "done"


def test_a_reason_longer_than_the_history_keeps_is_refused(done, caseworker):
    with pytest.raises(ValidationError) as refused:
        reopen_agreement(
            agreement=done, change_reason="x" * (CHANGE_REASON_MAX_LENGTH + 1), by=caseworker
        )

    assert "change_reason" in refused.value.message_dict
    assert status_of(done) == "done"


def test_an_open_agreement_cannot_be_reopened(plan, caseworker):
    agreement = plan.agreements.get(description="Werkgever bellen")
    history = agreement.history.count()

    with pytest.raises(ValidationError) as refused:
        reopen_agreement(agreement=agreement, change_reason="Waarom niet", by=caseworker)

    assert "status" in refused.value.message_dict
    assert agreement.history.count() == history


def test_a_change_made_meanwhile_conflicts_and_is_kept(done, caseworker, colleague):
    """The user saw 'done'; a colleague made it 'cancelled' meanwhile."""
    set_agreement_status(agreement=done, status="cancelled", by=colleague)

    with pytest.raises(EditConflict) as conflict:
        reopen_agreement(
            agreement=done, change_reason="Toch nodig", by=caseworker, expected_status="done"
        )

    assert "Vervallen" in str(conflict.value)
    assert status_of(done) == "cancelled"


def test_an_agreement_of_a_superseded_plan_stays_as_it_was(done, caseworker, client_file):
    create_work_plan_version(client=client_file, goal="Betaald werk vinden", by=caseworker)

    with pytest.raises(ValidationError):
        reopen_agreement(agreement=done, change_reason="Oude afspraak", by=caseworker)

    assert status_of(done) == "done"


# The screens


def reopen_url(agreement: Agreement) -> str:
    return f"/clienten/{agreement.work_plan.client_id}/afspraken/{agreement.pk}/heropenen/"


def offered(page: str, agreement: Agreement) -> bool:
    """Whether the page holds the form that reopens `agreement`."""
    return f'action="{reopen_url(agreement)}"' in page


def reopen_data(agreement: Agreement, reason: str, seen: str = "done", **extra: str) -> dict:
    prefix = f"reopen-{agreement.pk}"
    return {f"{prefix}-seen_status": seen, f"{prefix}-change_reason": reason, **extra}


@pytest.mark.parametrize("path", ["", "werkplan/"])
def test_a_done_agreement_offers_heropenen_and_an_open_one_does_not(client, caseworker, done, path):
    client.force_login(caseworker)

    page = client.get(f"/clienten/{done.work_plan.client_id}/{path}").content.decode()

    open_one = done.work_plan.agreements.get(status="open")
    assert offered(page, done)
    assert not offered(page, open_one)
    assert f'name="reopen-{done.pk}-change_reason"' in page


@pytest.mark.parametrize("path", ["", "werkplan/"])
def test_an_auditor_is_not_offered_heropenen(client, done, path):
    client.force_login(UserFactory.create(username="audit", role="auditor"))

    page = client.get(f"/clienten/{done.work_plan.client_id}/{path}").content.decode()

    assert not offered(page, done)


def test_a_superseded_plans_agreements_are_not_offered_heropenen(
    client, caseworker, done, client_file
):
    create_work_plan_version(client=client_file, goal="Betaald werk vinden", by=caseworker)
    client.force_login(caseworker)

    page = client.get(f"/clienten/{client_file.pk}/werkplan/").content.decode()

    assert "Weekrooster bijhouden" in page  # still readable in the earlier version
    assert not offered(page, done)


def test_reopening_from_the_file_leads_back_to_the_file(client, caseworker, done):
    client.force_login(caseworker)

    response = client.post(reopen_url(done), reopen_data(done, "Per ongeluk afgerond"))

    assert response.status_code == 302
    assert response["Location"] == f"/clienten/{done.work_plan.client_id}/"
    assert status_of(done) == "open"
    assert done.history.latest("history_date").history_change_reason == "Per ongeluk afgerond"
    assert "De afspraak is heropend." in client.get(response["Location"]).content.decode()


def test_reopening_in_place_on_the_file_shows_it_open(client, caseworker, done):
    client.force_login(caseworker)

    response = client.post(
        reopen_url(done), reopen_data(done, "Per ongeluk afgerond"), HTTP_HX_REQUEST="true"
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert "De afspraak is heropend." in page
    assert not offered(page, done)  # open again: the one-click buttons are back
    assert f"/afspraken/{done.pk}/status/" in page


def test_reopening_from_the_work_plan_leads_back_to_the_work_plan(client, caseworker, done):
    client.force_login(caseworker)

    response = client.post(reopen_url(done), reopen_data(done, "Nog bezig", page="plan"))

    assert response["Location"] == f"/clienten/{done.work_plan.client_id}/werkplan/"
    assert status_of(done) == "open"


@pytest.mark.parametrize("page", ["file", "plan"])
def test_without_a_reason_the_form_comes_back_open_with_the_error(client, caseworker, done, page):
    client.force_login(caseworker)

    response = client.post(reopen_url(done), reopen_data(done, "  ", page=page))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Geef een reden om de afspraak te heropenen." in html
    assert '<details class="inline-action" open>' in html
    assert status_of(done) == "done"


def test_a_change_made_meanwhile_keeps_the_reason_typed_and_a_second_try_works(
    client, caseworker, colleague, done
):
    client.force_login(caseworker)
    set_agreement_status(agreement=done, status="cancelled", by=colleague)

    response = client.post(reopen_url(done), reopen_data(done, "Cliënt is nog bezig"))

    html = response.content.decode()
    assert response.status_code == 200
    assert (
        "Iemand anders heeft de afspraak &#x27;Weekrooster bijhouden&#x27; intussen op "
        "&#x27;Vervallen&#x27; gezet." in html
    )
    assert "Cliënt is nog bezig</textarea>" in html
    assert status_of(done) == "cancelled"
    form = response.context["refused_form"]
    assert form.data[f"reopen-{done.pk}-seen_status"] == "cancelled"  # what it is now

    again = client.post(reopen_url(done), dict(form.data.items()))

    assert again.status_code == 302
    assert status_of(done) == "open"


def test_reopened_meanwhile_says_so_and_offers_nothing_to_reopen(
    client, caseworker, colleague, done
):
    client.force_login(caseworker)
    reopen_agreement(agreement=done, change_reason="Al heropend", by=colleague)

    response = client.post(reopen_url(done), reopen_data(done, "Ook heropenen"))

    html = response.content.decode()
    assert "intussen op &#x27;Open&#x27; gezet" in html
    assert response.context["refused_form"] is None
    assert done.history.filter(history_change_reason="Ook heropenen").count() == 0


def test_an_auditor_may_not_reopen(client, done):
    client.force_login(UserFactory.create(username="audit", role="auditor"))

    response = client.post(reopen_url(done), reopen_data(done, "Mag niet"))

    assert response.status_code == 403
    assert status_of(done) == "done"


def test_an_agreement_is_found_only_through_its_own_clients_address(client, caseworker, team, done):
    stranger = ClientFactory.create(team=TeamFactory.create(name="Team Elders"))
    neighbour = ClientFactory.create(team=team)  # in scope, but not the agreement's client
    client.force_login(caseworker)

    for other in (stranger, neighbour):
        elsewhere = f"/clienten/{other.pk}/afspraken/{done.pk}/heropenen/"
        assert client.post(elsewhere, reopen_data(done, "x")).status_code == 404
    assert status_of(done) == "done"
