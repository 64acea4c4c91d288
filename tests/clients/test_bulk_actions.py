"""Bulk actions on a selection from the caseload or a drill-down: plan a conversation with each
client, export them, or (team managers) hand them over with one note. "All matching" is every
client matching the list's filters on all pages, evaluated again at submit within the user's
scope, and refused when the list changed since the user saw its count."""

import csv
import datetime
import io
import re

import pytest
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.html import escape

from audit.models import AccessLog
from casework.work_queue import Kind, work_queue
from clients.models import CaseworkerAssignment, Client
from interventions.models import Conversation
from tests.factories import (
    CaseworkerAssignmentFactory,
    CaseworkerFactory,
    ClientFactory,
    ConversationFactory,
    PhasePeriodFactory,
    TeamFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

PLAN = "/clienten/selectie/gesprek/"
EXPORT = "/clienten/selectie/export/"
HANDOVER = "/clienten/selectie/overdragen/"
NOTE = "Lopende afspraken staan in het werkplan; bel na 14 uur."
day = datetime.timedelta(days=1)


def today() -> datetime.date:
    return timezone.localdate()


def in_phase(team, caseworker, phase: str, name: str) -> Client:
    client = ClientFactory.create(team=team, caseworker=caseworker, last_name=name)
    PhasePeriodFactory.create(client=client, phase=phase, started_on=datetime.date(2020, 1, 1))
    return client


@pytest.fixture
def phase_2(team, caseworker) -> list[Client]:
    """55 of the caseworker's clients in phase 2 (more than one page of 50) and 3 in phase 3."""
    for number in range(3):
        in_phase(team, caseworker, "3", f"Derde{number:02d}")
    return [in_phase(team, caseworker, "2", f"Tweede{number:02d}") for number in range(55)]


def ticked(clients, **fields) -> dict:
    chosen = {"source": "caseload", "query": "", "scope": "ticked"}
    return chosen | {"client": [c.pk for c in clients]} | fields


def all_matching(query: str, expected: int, source: str = "caseload", **fields) -> dict:
    return {"source": source, "query": query, "scope": "all", "expected": expected} | fields


def outreach(**fields) -> dict:
    chosen = {"on": (today() + 7 * day).isoformat(), "kind": "monitoring", "channel": "phone"}
    return chosen | fields


def planned(clients) -> int:
    return Conversation.objects.filter(client__in=clients, status="planned").count()


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


# The list and its action bar ------------------------------------------------------------------


def test_the_caseload_has_a_box_per_row_and_counts_every_page(client, caseworker, phase_2):
    client.force_login(caseworker)

    html = client.get("/clienten/", {"phase": "2"}).content.decode()

    assert (
        len(re.findall(r'name="client" value="\d+" id="bulk-client-\d+" form="bulk"', html)) == 50
    )
    assert 'name="expected" value="55"' in html
    assert 'name="query" value="phase=2"' in html
    assert "Alle 55 cliënten die aan de filters voldoen, op alle pagina’s" in html
    assert "Gesprek plannen" in html and "Overdragen" not in html  # no handover for caseworkers


def test_a_team_manager_gets_the_handover_in_the_bar(client, manager, team, caseworker, colleague):
    in_phase(team, caseworker, "2", "Aalders")
    client.force_login(manager)

    html = client.get("/clienten/", {"team": "on"}).content.decode()

    assert 'formaction="/clienten/selectie/overdragen/"' in html
    assert escape(colleague.get_full_name()) in html


def test_the_drill_down_has_the_same_bar(client, manager, phase_2):
    client.force_login(manager)

    html = client.get("/dashboard/clienten/", {"phase": "2", "page": "2"}).content.decode()

    assert 'name="source" value="drilldown"' in html
    assert 'name="query" value="phase=2"' in html  # the page is no filter
    assert 'name="expected" value="55"' in html
    assert len(re.findall(r'form="bulk"', html)) == 5  # the second page's boxes


# Planning a conversation -------------------------------------------------------------------


def test_a_caseworker_plans_a_conversation_with_the_ticked_clients(client, caseworker, phase_2):
    client.force_login(caseworker)

    response = client.post(PLAN, ticked(phase_2[:2], query="phase=2") | outreach())

    assert response.status_code == 302 and response.url == "/clienten/?phase=2"
    assert planned(phase_2[:2]) == 2 and planned(phase_2[2:]) == 0
    with translation.override("nl"):
        on = date_format(today() + 7 * day, "j F Y")
    message = messages_of(client.get(response.url))[0]
    assert message.startswith(f"Gesprek op {on}: ")
    assert "2 gepland, 0 overgeslagen (al een afspraak)." in message


def test_all_matching_means_every_client_on_every_page(client, caseworker, phase_2):
    client.force_login(caseworker)

    response = client.post(PLAN, all_matching("phase=2", 55) | outreach(), follow=True)

    assert "55 gepland, 0 overgeslagen (al een afspraak)." in messages_of(response)[0]
    assert planned(phase_2) == 55
    assert Conversation.objects.filter(client__last_name__startswith="Derde").count() == 0


def test_a_list_changed_since_it_was_shown_is_refused_with_its_new_count(
    client, caseworker, team, phase_2
):
    client.force_login(caseworker)
    in_phase(team, caseworker, "2", "Nieuwkomer")  # after the list was shown with 55

    response = client.post(PLAN, all_matching("phase=2", 55) | outreach())

    html = response.content.decode()
    assert response.status_code == 200
    assert "De lijst is intussen veranderd: nu voldoen 56 cliënten aan de filters." in html
    assert 'name="expected" value="56"' in html  # sending the form again confirms 56
    assert not Conversation.objects.exists()

    confirmed = client.post(PLAN, all_matching("phase=2", 56) | outreach(), follow=True)

    assert "56 gepland" in messages_of(confirmed)[0]


def test_clients_with_an_appointment_are_skipped_and_named(client, caseworker, phase_2):
    ConversationFactory.create(
        client=phase_2[0], caseworker=caseworker, held_on=today() + 30 * day, status="planned"
    )
    client.force_login(caseworker)

    response = client.post(PLAN, ticked(phase_2[:3]) | outreach(), follow=True)

    message = messages_of(response)[0]
    assert "2 gepland, 1 overgeslagen (al een afspraak)." in message
    assert f"Al een afspraak: {phase_2[0].listed_name}." in message
    assert planned(phase_2[:1]) == 1  # the one it had
    assert AccessLog.objects.filter(client=phase_2[0], user=caseworker).exists()  # named


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"on": ""}, "Kies de datum van het gesprek."),
        ({"on": "morgen"}, "Voer een geldige datum in."),
        ({"on": "0001-01-01"}, "Plan een gesprek op vandaag of later."),
        ({"on": "9999-12-31"}, "Plan een gesprek hoogstens twee jaar vooruit."),
        ({"on": "yesterday"}, "Plan een gesprek op vandaag of later."),
        ({"on": "far"}, "Plan een gesprek hoogstens twee jaar vooruit."),
        ({"kind": "chat"}, "Selecteer een geldige keuze."),
        ({"scope": "everything"}, "Selecteer een geldige keuze."),
        ({"client": ["12abc"]}, "De gekozen cliënten zijn niet te lezen; kies opnieuw."),
        ({"client": []}, "Kies ten minste één cliënt"),
    ],
)
def test_bad_input_is_refused_in_dutch_and_changes_nothing(
    client, caseworker, phase_2, changes, message
):
    days = {"yesterday": today() - day, "far": today() + 800 * day}
    if changes.get("on") in days:
        changes = {"on": days[changes["on"]].isoformat()}
    client.force_login(caseworker)

    response = client.post(PLAN, ticked(phase_2[:2]) | outreach() | changes)

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Conversation.objects.exists()


def test_a_refused_form_keeps_the_selection_and_what_was_typed(client, caseworker, phase_2):
    client.force_login(caseworker)

    response = client.post(PLAN, ticked(phase_2[:2]) | outreach(on="", kind="coaching"))

    html = response.content.decode()
    for chosen in phase_2[:2]:
        assert f'name="client" value="{chosen.pk}"' in html
    assert '<option value="coaching" selected>' in html
    assert "2 aangevinkte cliënten." in html
    assert 'href="/clienten/"' in html  # back to the list


def test_ticked_clients_outside_the_scope_are_refused_and_none_is_planned(
    client, caseworker, phase_2
):
    stranger = ClientFactory.create(team=TeamFactory.create(name="Team Zwolle"))
    client.force_login(caseworker)

    response = client.post(PLAN, ticked([phase_2[0], stranger]) | outreach())

    assert response.status_code == 200
    assert "1 gekozen cliënt valt buiten wat u hier mag doen" in response.content.decode()
    assert not Conversation.objects.exists()


def test_all_matching_stays_within_the_users_scope(client, caseworker, team, colleague):
    colleagues_client = in_phase(team, colleague, "2", "Collega")
    stranger = in_phase(TeamFactory.create(name="Team Zwolle"), None, "2", "Vreemd")
    mine = in_phase(team, caseworker, "2", "Eigen")
    client.force_login(caseworker)

    client.post(PLAN, all_matching("phase=2&team=on", 2) | outreach())

    assert planned([mine, colleagues_client]) == 2 and planned([stranger]) == 0


def test_nonsense_filters_are_refused_not_read_as_no_filter(client, caseworker, phase_2):
    client.force_login(caseworker)

    response = client.post(PLAN, all_matching("phase=9", 58) | outreach())

    assert "De filters van de lijst kloppen niet" in response.content.decode()
    assert not Conversation.objects.exists()


def test_more_clients_than_the_limit_are_refused(client, caseworker, phase_2, monkeypatch):
    monkeypatch.setattr("casework.selection.BULK_LIMIT", 50)
    client.force_login(caseworker)

    response = client.post(PLAN, all_matching("phase=2", 55) | outreach())

    assert "Kies hoogstens 50 cliënten per keer; deze selectie telt er 55." in (
        response.content.decode()
    )
    assert not Conversation.objects.exists()


def test_a_plan_from_a_drill_down(client, caseworker, phase_2):
    client.force_login(caseworker)

    response = client.post(PLAN, all_matching("phase=2", 55, source="drilldown") | outreach())

    assert response.url == "/dashboard/clienten/?phase=2"
    assert planned(phase_2) == 55


@pytest.mark.parametrize("role", ["auditor", "functional_admin"])
def test_a_role_that_changes_no_files_may_not_plan(client, phase_2, role):
    client.force_login(UserFactory.create(username=role, role=role))

    assert client.post(PLAN, ticked(phase_2[:2]) | outreach()).status_code == 403
    assert not Conversation.objects.exists()


def test_the_actions_take_posts_only(client, caseworker):
    client.force_login(caseworker)

    assert [client.get(url).status_code for url in (PLAN, EXPORT, HANDOVER)] == [405, 405, 405]


# Exporting ---------------------------------------------------------------------------------


def csv_names(response) -> list[str]:
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    return [row[0] for row in rows[1:]]


def test_the_ticked_clients_are_exported_and_each_export_is_a_logged_read(
    client, caseworker, phase_2
):
    client.force_login(caseworker)

    response = client.post(EXPORT, ticked(phase_2[:3], format="csv"))

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="selectie-')
    assert csv_names(response) == [c.listed_name for c in phase_2[:3]]
    assert "Tweede03" not in response.content.decode()
    exported = AccessLog.objects.filter(user=caseworker, action="export")
    assert set(exported.values_list("client_id", flat=True)) == {c.pk for c in phase_2[:3]}


def test_all_matching_is_exported_as_xlsx(client, caseworker, phase_2):
    client.force_login(caseworker)

    response = client.post(EXPORT, all_matching("phase=2", 55, format="xlsx"))

    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert AccessLog.objects.filter(user=caseworker, action="export").count() == 55


def test_an_auditor_exports_from_a_drill_down(client, phase_2):
    client.force_login(UserFactory.create(username="auditor", role="auditor"))

    response = client.post(EXPORT, all_matching("phase=2", 55, source="drilldown", format="csv"))

    assert len(csv_names(response)) == 55


def test_an_export_over_the_limit_goes_back_to_the_list(client, caseworker, phase_2, settings):
    settings.EXPORT_ROW_LIMIT = 50
    client.force_login(caseworker)

    response = client.post(EXPORT, all_matching("phase=2", 55, format="csv"))

    assert response.status_code == 302 and response.url == "/clienten/?phase=2"
    assert "verfijn de selectie" in messages_of(client.get(response.url))[0]
    assert not AccessLog.objects.filter(action="export").exists()


def test_an_export_without_a_format_is_refused(client, caseworker, phase_2):
    client.force_login(caseworker)

    response = client.post(EXPORT, ticked(phase_2[:2]))

    assert response.status_code == 200 and "Kies CSV of Excel." in response.content.decode()


# Handing over ------------------------------------------------------------------------------


@pytest.fixture
def handed(team, caseworker) -> list[Client]:
    clients = [in_phase(team, caseworker, "2", name) for name in ("Aalders", "Boersma", "Claas")]
    for one in clients:
        CaseworkerAssignmentFactory.create(client=one, caseworker=caseworker)
    return clients


def handover(caseworker, **fields) -> dict:
    return {"caseworker": caseworker.pk, "handover_note": NOTE} | fields


def test_a_manager_hands_three_over_with_one_note(client, manager, colleague, handed):
    client.force_login(manager)

    response = client.post(
        HANDOVER, ticked(handed, query="team=on") | handover(colleague), follow=True
    )

    assert f"3 cliënten overgedragen aan {colleague}." in messages_of(response)[0]
    current = CaseworkerAssignment.objects.filter(client__in=handed, ended_on__isnull=True)
    assert set(current.values_list("caseworker", "handover_note", "assigned_by")) == {
        (colleague.pk, NOTE, manager.pk)
    }
    received = work_queue(caseworker=colleague, viewer=colleague, start=today(), end=today())
    assert sorted(i.client_id for i in received if i.kind == Kind.HANDOVER) == sorted(
        c.pk for c in handed
    )


def test_a_caseworker_may_not_hand_over(client, caseworker, colleague, handed):
    client.force_login(caseworker)

    response = client.post(HANDOVER, ticked(handed) | handover(colleague))

    assert response.status_code == 403
    assert not CaseworkerAssignment.objects.filter(caseworker=colleague).exists()


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"handover_note": "  "}, "Schrijf een overdrachtsnotitie."),
        ({"caseworker": ""}, "Kies de nieuwe casemanager."),
    ],
)
def test_a_handover_without_note_or_caseworker_is_refused(
    client, manager, colleague, handed, changes, message
):
    client.force_login(manager)

    response = client.post(HANDOVER, ticked(handed) | handover(colleague) | changes)

    assert response.status_code == 200 and message in response.content.decode()
    assert not CaseworkerAssignment.objects.filter(caseworker=colleague).exists()


def test_a_handover_to_someone_outside_the_teams_is_refused(client, manager, handed):
    outsider = CaseworkerFactory.create(username="elders", team=TeamFactory.create(name="Zwolle"))
    client.force_login(manager)

    response = client.post(HANDOVER, ticked(handed) | handover(outsider))

    assert response.status_code == 200
    assert "Selecteer een geldige keuze" in response.content.decode()
    assert not CaseworkerAssignment.objects.filter(caseworker=outsider).exists()


def test_a_handover_of_another_teams_client_is_refused_and_nothing_moves(
    client, manager, colleague, handed
):
    stranger = ClientFactory.create(team=TeamFactory.create(name="Team Zwolle"))
    client.force_login(manager)

    response = client.post(HANDOVER, ticked([*handed, stranger]) | handover(colleague))

    assert "1 gekozen cliënt valt buiten wat u hier mag doen" in response.content.decode()
    assert not CaseworkerAssignment.objects.filter(caseworker=colleague).exists()


def test_the_clients_without_a_contact_person_are_handed_over_from_the_drill_down(
    client, manager, colleague, team, handed
):
    alone = [in_phase(team, None, "1", name) for name in ("Dekker", "Evers")]
    client.force_login(manager)

    client.post(
        HANDOVER, all_matching("caseworker=none", 2, source="drilldown") | handover(colleague)
    )

    for one in alone:
        one.refresh_from_db()
        assert one.caseworker == colleague
    assert not CaseworkerAssignment.objects.filter(client__in=handed, caseworker=colleague)
