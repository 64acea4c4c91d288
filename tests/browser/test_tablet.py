"""On a tablet (768 px upright, 1,024 px landscape) a caseworker opens the work queue, opens a
file and logs a contact, and a manager opens the dashboard: no page scrolls sideways and every
control used lies inside the window. On a laptop (1,366 px) the file's and the trajectories'
tables fit the page and fill its width."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import Locator, Page, expect

from interventions.models import Conversation
from tests.browser.conftest import Casefile, browser_db, log_in
from tests.factories import (
    ProviderFactory,
    ServiceTypeFactory,
    SignalFactory,
    TrajectoryFactory,
    UserFactory,
)

pytestmark = browser_db

TABLET_UPRIGHT, TABLET_LANDSCAPE, LAPTOP = (768, 1024), (1024, 768), (1366, 900)
SUMMARY = "Op de tablet vastgelegd: het werkritme gaat goed"


def assert_no_sideways_scroll(page: Page) -> None:
    width = page.viewport_size["width"]  # type: ignore[index]
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= width, f"{page.url} is {scroll_width} px wide at {width} px"


def assert_reachable(page: Page, control: Locator) -> None:
    """Visible, and wholly inside the window's width (scrolled into view if below)."""
    expect(control).to_be_visible()
    control.scroll_into_view_if_needed()
    box = control.bounding_box()
    width = page.viewport_size["width"]  # type: ignore[index]
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width, (
        f"{control} lies outside 0–{width} px: {box}"
    )


def open_menu_if_folded(page: Page) -> None:
    menu = page.locator(".site-menu > summary")
    if menu.is_visible():
        menu.click()


@pytest.mark.parametrize("viewport", [TABLET_UPRIGHT, TABLET_LANDSCAPE], ids=["768", "1024"])
def test_a_caseworker_and_a_manager_work_on_a_tablet(page: Page, casefile: Casefile, viewport):
    width, height = viewport
    page.set_viewport_size({"width": width, "height": height})
    client = casefile.client
    today = timezone.localdate()
    SignalFactory.create(client=client, raised_on=today - datetime.timedelta(days=3))

    log_in(page, casefile.caseworker.username)
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn werkvoorraad")
    assert_no_sideways_scroll(page)
    to_file = page.locator("#work-queue").get_by_role("link", name=client.first_name).first
    assert_reachable(page, to_file)
    to_file.click()

    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"{client.first_name} {client.last_name}"
    )
    assert_no_sideways_scroll(page)
    form = page.locator("section#gesprek-vastleggen")
    summary, save = form.get_by_label("Verslag"), form.get_by_role("button", name="Gesprek opslaan")
    assert_reachable(page, summary)
    summary.fill(SUMMARY)
    assert_reachable(page, save)
    save.click()
    expect(page.locator(".messages")).to_contain_text("Het gesprek is vastgelegd.")
    assert_no_sideways_scroll(page)
    assert Conversation.objects.filter(client=client, summary=SUMMARY, held_on=today).exists()

    manager = UserFactory.create(username="tm.devries", role="team_manager")
    client.team.manager = manager
    client.team.save()
    page.context.clear_cookies()
    page.set_default_timeout(30_000)  # a manager starts on the dashboard: slow on a busy machine
    log_in(page, manager.username)
    open_menu_if_folded(page)
    dashboard = page.get_by_role("link", name="Dashboard", exact=True)
    assert_reachable(page, dashboard)
    dashboard.click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert_no_sideways_scroll(page)


def test_on_a_laptop_the_trajectory_tables_fit_and_fill_the_page(page: Page, casefile: Casefile):
    client = casefile.client
    service = ServiceTypeFactory.create(
        code="WFLANG", name="Werkfit-traject met intensieve begeleiding op de werkplek", phases="2"
    )
    provider = ProviderFactory.create(name="Re-integratiebureau De Lange Naam Van Het Bedrijf BV")
    for _ in range(3):
        TrajectoryFactory.create(
            client=client,
            service_type=service,
            provider=provider,
            purpose="Werkfit maken voor de bouw met een lange omschrijving van het doel " * 3,
        )
    page.set_viewport_size({"width": LAPTOP[0], "height": LAPTOP[1]})
    log_in(page, casefile.caseworker.username)

    for url in (f"/clienten/{client.pk}/", f"/clienten/{client.pk}/trajecten/"):
        page.goto(url)
        assert_no_sideways_scroll(page)
    page.goto(f"/clienten/{client.pk}/")
    widths = page.evaluate(
        """() => Array.from(document.querySelectorAll(".table-scroll > table.data"))
            .map((table) => [table.getBoundingClientRect().width,
                             table.parentElement.getBoundingClientRect().width])"""
    )
    assert widths and all(abs(table - box) < 1 for table, box in widths), widths


def test_on_a_phone_a_chart_keeps_readable_labels_and_scrolls_in_its_own_box(
    page: Page, casefile: Casefile
):
    manager = UserFactory.create(username="tm.devries", role="team_manager")
    casefile.client.team.manager = manager
    casefile.client.team.save()
    page.set_default_timeout(30_000)  # a manager starts on the dashboard: slow on a busy machine
    page.set_viewport_size({"width": 390, "height": 900})
    log_in(page, manager.username)
    page.goto("/dashboard/")

    charts = page.evaluate(
        """() => Array.from(document.querySelectorAll("figure.chart"))
            .filter((figure) => figure.checkVisibility())
            .map((figure) => [figure.querySelector("svg").getBoundingClientRect().width,
                              figure.scrollWidth > figure.clientWidth,
                              figure.getAttribute("tabindex")])"""
    )
    assert charts, "the dashboard shows no chart"
    assert all(width >= 640 and scrolls and tabindex == "0" for width, scrolls, tabindex in charts)
    assert_no_sideways_scroll(page)
