"""A team manager answers the Monday questions in two clicks."""

import datetime
import re

from playwright.sync_api import Page, expect

from tests.browser.conftest import SCREENSHOTS, Casefile, browser_db, log_in
from tests.factories import ClientFactory, PhasePeriodFactory, SignalFactory, UserFactory

pytestmark = browser_db


def make_manager(casefile: Casefile):
    team = casefile.client.team
    manager = UserFactory.create(
        username="tm.devries", first_name="Tineke", last_name="de Vries", role="team_manager"
    )
    team.manager = manager
    team.save()
    return manager


def test_who_has_not_been_spoken_in_a_year_in_two_clicks(page: Page, casefile: Casefile):
    silent = ClientFactory.create(
        bsn="123456782",
        first_name="Noor",
        last_name="Stil",
        date_of_birth=datetime.date(1999, 1, 1),
        regime="wajong2010",
        in_service_since=datetime.date(2015, 1, 1),
        team=casefile.client.team,
        caseworker=casefile.caseworker,
    )
    manager = make_manager(casefile)
    log_in(page, manager.username)  # the manager's start page is the dashboard

    expect(page).to_have_url(re.compile(r"/dashboard/$"))
    key = page.locator("section#key_figures")
    expect(key.get_by_role("heading", name="Kerncijfers")).to_be_visible()
    key.get_by_role("row", name=re.compile("Niet gesproken")).get_by_role("link").first.click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Cliënten achter het cijfer")
    expect(
        page.get_by_role("link", name=f"{silent.last_name}, {silent.first_name}")
    ).to_be_visible()
    expect(page.get_by_role("link", name=re.compile(casefile.client.last_name))).to_have_count(0)


def test_how_many_are_stuck_in_phase_2_in_two_clicks(page: Page, casefile: Casefile):
    # the casefile's client is in phase 2 too, but without a stalled signal
    stuck = ClientFactory.create(
        bsn="111222333",
        first_name="Vera",
        last_name="Vast",
        date_of_birth=datetime.date(1998, 1, 1),
        regime="wajong2010",
        in_service_since=datetime.date(2015, 1, 1),
        team=casefile.client.team,
    )
    PhasePeriodFactory.create(client=stuck, phase="2", started_on=datetime.date(2020, 1, 1))
    SignalFactory.create(client=stuck, kind="stalled_phase")
    manager = make_manager(casefile)
    log_in(page, manager.username)

    row = page.locator("section#key_figures").get_by_role("row", name=re.compile("fase 2"))
    expect(row.get_by_role("link")).to_have_text("1")
    row.get_by_role("link").click()

    expect(page.get_by_role("link", name="Vast, Vera")).to_be_visible()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.goto("/dashboard/")
    page.screenshot(path=str(SCREENSHOTS / "dashboard.png"), full_page=True)
