"""The Content-Security-Policy blocks nothing the pages themselves need."""

from playwright.sync_api import Page, expect

from tests.browser.conftest import Casefile, browser_db, log_in

pytestmark = browser_db


def test_no_page_trips_the_policy(page: Page, casefile: Casefile):
    violations: list[str] = []

    def record(message) -> None:
        if "Content Security Policy" in message.text:
            violations.append(f"{page.url}: {message.text[:90]}")

    page.on("console", record)
    log_in(page, casefile.caseworker.username)
    pk = casefile.client.pk
    for url in ("/clienten/", f"/clienten/{pk}/", f"/clienten/{pk}/historie/", "/dashboard/"):
        page.goto(url)
    page.goto(f"/clienten/{pk}/")
    page.get_by_label("Verslag").fill("Kort gesprek")
    page.get_by_role("button", name="Gesprek opslaan").click()  # the htmx swap
    expect(page.locator(".messages")).to_contain_text("Het gesprek is vastgelegd.")
    page.goto("/api/docs/")
    expect(page.locator(".swagger-ui .info")).to_be_visible(timeout=10_000)

    assert violations == []
