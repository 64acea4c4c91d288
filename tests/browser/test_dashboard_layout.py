"""The dashboard is short and has structure: the key numbers on top, one heading per report,
its table folded away under the chart, a list of the sections to jump to, and charts whose
texts stay inside the picture."""

import datetime
import re

from playwright.sync_api import Page, expect

from tests.browser.conftest import Casefile, browser_db, log_in
from tests.browser.test_dashboard import make_manager
from tests.factories import (
    CaseworkerFactory,
    ClientFactory,
    PhasePeriodFactory,
    SignalFactory,
    TrajectoryFactory,
)

pytestmark = browser_db

PAGES = (
    "/dashboard/",
    "/dashboard/trajecten/",
    "/dashboard/faseovergangen/",
    "/dashboard/doorstroom/?phase=1&from=2023-01-01&to=2024-12-31",
)
OLD_HEIGHT = 5_700  # px at 1,366 px wide, when every report showed its chart and its table


def fill_team(casefile: Casefile) -> None:
    """A team of a few caseworkers with clients in each phase and some trajectories."""
    team = casefile.client.team
    for number in range(4):
        caseworker = CaseworkerFactory.create(username=f"cw.{number}", team=team)
        for phase in "123":
            client = ClientFactory.create(team=team, caseworker=caseworker)
            PhasePeriodFactory.create(
                client=client, phase=phase, started_on=datetime.date(2023, 1 + number, 1)
            )
            if phase == "2":
                SignalFactory.create(client=client, kind="stalled_phase")
                TrajectoryFactory.create(client=client)


def open_dashboard(page: Page, casefile: Casefile, width: int = 1366) -> None:
    fill_team(casefile)
    manager = make_manager(casefile)
    page.set_viewport_size({"width": width, "height": 900})
    log_in(page, manager.username)
    expect(page).to_have_url(re.compile(r"/dashboard/$"))


def test_the_dashboard_is_short_and_says_each_heading_once(page: Page, casefile: Casefile):
    open_dashboard(page, casefile)

    height = page.evaluate("document.documentElement.scrollHeight")
    print(f"dashboard height at 1366 px: {height} px")  # kept in the test log (-s)
    assert height < 3_500 < OLD_HEIGHT

    headings = page.locator("h1, h2, h3, h4").all_inner_texts()
    visible = [text.strip() for text in headings if text.strip()]
    assert len(visible) == len(set(visible)), visible
    # the key numbers come first, as a summary above the reports
    summary = page.locator("section.summary").first
    expect(summary.get_by_role("heading", name="Kerncijfers")).to_be_visible()
    expect(summary.get_by_role("row", name=re.compile("Niet gesproken")).first).to_be_visible()


def test_each_report_has_its_table_folded_under_its_chart(page: Page, casefile: Casefile):
    open_dashboard(page, casefile)

    section = page.locator("section#caseload")
    expect(section.get_by_role("heading", level=2)).to_have_count(1)
    expect(section.locator("figure.chart svg")).to_be_visible()
    table = section.locator("table.report-table")
    expect(table).to_be_hidden()
    section.get_by_text("Tabel bij deze grafiek").click()
    expect(table).to_be_visible()
    expect(section.get_by_role("link", name=re.compile("CSV"))).to_be_visible()


def test_the_sections_can_be_reached_from_the_top(page: Page, casefile: Casefile):
    open_dashboard(page, casefile)

    contents = page.get_by_role("navigation", name="Op deze pagina")
    links = contents.get_by_role("link")
    expect(links).to_have_count(page.locator("section.report").count())
    links.nth(2).click()
    expect(page).to_have_url(re.compile(r"#contact_norm$"))


def test_chart_texts_stay_inside_their_picture(page: Page, casefile: Casefile):
    open_dashboard(page, casefile)
    for path, english in [(p, e) for e in (False, True) for p in PAGES]:
        page.goto(path)
        if english and page.get_by_role("button", name="English").count():
            with page.expect_navigation():
                page.get_by_role("button", name="English").click()
        outside = page.evaluate(
            """() => [...document.querySelectorAll('svg.chart')].flatMap(svg => {
                const view = svg.viewBox.baseVal;
                return [...svg.querySelectorAll('text')].map(text => {
                    const box = text.getBBox();
                    const inside = box.x >= view.x && box.y >= view.y
                        && box.x + box.width <= view.x + view.width
                        && box.y + box.height <= view.y + view.height;
                    return inside ? null : text.textContent;
                }).filter(Boolean);
            })"""
        )
        assert not outside, f"{path}: {outside}"
