"""Bulk actions in the browser: a caseworker filters the caseload, selects every matching client
across its pages and plans an outreach conversation with each, then finds the plans in the work
queue; a team manager hands three clients over with one note, and the receiver finds them."""

import datetime

from django.utils import timezone
from playwright.sync_api import Page, expect

from clients.models import CaseworkerAssignment
from interventions.models import Conversation
from tests.browser.conftest import browser_db, log_in
from tests.factories import (
    CaseworkerAssignmentFactory,
    CaseworkerFactory,
    ClientFactory,
    PhasePeriodFactory,
    TeamFactory,
    UserFactory,
)

pytestmark = browser_db

day = datetime.timedelta(days=1)
NOTE = "Wacht op de uitslag van de keuring; bel na 14 uur."


def in_phase(team, caseworker, phase: str, last_name: str, first_name: str = "Sam"):
    client = ClientFactory.create(
        team=team, caseworker=caseworker, last_name=last_name, first_name=first_name
    )
    PhasePeriodFactory.create(client=client, phase=phase, started_on=datetime.date(2022, 1, 1))
    return client


def test_a_caseworker_plans_outreach_for_every_matching_client(page: Page):
    team = TeamFactory.create(name="Team Utrecht 1")
    caseworker = CaseworkerFactory.create(username="ad.jansen", team=team)
    matching = [in_phase(team, caseworker, "2", f"Tweede{n:02d}") for n in range(55)]
    others = [in_phase(team, caseworker, "3", f"Derde{n}") for n in range(3)]
    on = timezone.localdate() + 2 * day

    log_in(page, caseworker.username)
    page.get_by_role("link", name="Cliënten", exact=True).click()
    page.get_by_label("Fase", exact=True).select_option("2")
    page.get_by_role("button", name="Toon").click()
    expect(page.locator("table.caseload caption")).to_contain_text("55 cliënten")
    expect(page.get_by_role("link", name="Volgende")).to_be_visible()  # more than one page

    bar = page.locator("form#bulk")
    bar.get_by_label("Alle 55 cliënten die aan de filters voldoen, op alle pagina’s").check()
    bar.get_by_text("Gesprek plannen", exact=True).click()
    bar.get_by_label("Datum van het gesprek").fill(on.isoformat())
    bar.get_by_label("Soort gesprek").select_option("monitoring")
    bar.get_by_label("Kanaal").select_option("phone")
    bar.get_by_role("button", name="Gesprekken plannen").click()

    expect(page.locator(".messages")).to_contain_text(
        "55 gepland, 0 overgeslagen (al een afspraak)."
    )
    expect(page.locator("table.caseload caption")).to_contain_text("55 cliënten")  # filters kept

    page.get_by_role("link", name="Werkvoorraad").click()
    week = page.get_by_role("region", name="Deze week")
    expect(week.locator("h2")).to_contain_text("(55)")
    expect(week.locator("li.queue-planned").first).to_contain_text("Gepland gesprek")

    planned = Conversation.objects.filter(status="planned", held_on=on)
    assert set(planned.values_list("client_id", flat=True)) == {c.pk for c in matching}
    assert not Conversation.objects.filter(client__in=others).exists()


def test_a_team_manager_hands_three_clients_over_with_one_note(page: Page):
    team = TeamFactory.create(name="Team Utrecht 1")
    leaving = CaseworkerFactory.create(username="ad.jansen", team=team)
    receiver = CaseworkerFactory.create(
        username="aid.bakker", first_name="Bo", last_name="Bakker", team=team
    )
    manager = UserFactory.create(username="tm.devries", role="team_manager", team=team)
    team.manager = manager
    team.save()
    clients = [
        in_phase(team, leaving, "2", name, first)
        for name, first in (("Aalders", "Anna"), ("Boersma", "Bram"), ("Claassen", "Cor"))
    ]
    staying = in_phase(team, leaving, "2", "Dekker", "Dirk")
    for client in [*clients, staying]:
        CaseworkerAssignmentFactory.create(client=client, caseworker=leaving)

    log_in(page, manager.username)
    page.goto("/clienten/?team=on")
    for client in clients:
        page.get_by_label(f"Kies {client.listed_name}").check()
    bar = page.locator("form#bulk")
    handover = bar.locator("details", has_text="Overdragen")
    handover.locator("summary").click()
    handover.get_by_label("Nieuwe casemanager").select_option(label=str(receiver))
    handover.get_by_label("Overdrachtsnotitie").fill(NOTE)
    handover.get_by_role("button", name="Overdragen").click()

    expect(page.locator(".messages")).to_contain_text(f"3 cliënten overgedragen aan {receiver}.")
    current = CaseworkerAssignment.objects.filter(ended_on__isnull=True, caseworker=receiver)
    assert set(current.values_list("client_id", "handover_note")) == {(c.pk, NOTE) for c in clients}
    assert CaseworkerAssignment.objects.get(client=staying, ended_on__isnull=True).caseworker == (
        leaving
    )

    page.get_by_role("button", name="Uitloggen").click()
    log_in(page, receiver.username)
    today = page.get_by_role("region", name="Vandaag")
    for client in clients:
        item = today.locator("li.queue-handover", has_text=client.listed_name)
        expect(item).to_contain_text("Overgedragen cliënt")
        expect(item).to_contain_text("bel na 14 uur")
