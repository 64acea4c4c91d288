"""No console error and no Content-Security-Policy violation on the main screens, nor after an
in-place (htmx) save on the client file or in the work queue.

Violations are caught twice: the console line Chromium writes, and the page's own
`securitypolicyviolation` event (reported through a binding, so a navigation loses none)."""

import datetime

from django.utils import timezone
from playwright.sync_api import ConsoleMessage, Page, expect

from tests.browser.conftest import Casefile, browser_db, log_in
from tests.factories import ConversationFactory, UserFactory

pytestmark = browser_db


LISTEN = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.reportViolation(
    `${event.violatedDirective} blocked ${event.blockedURI || "inline"} on ${location.pathname}`
  );
});
"""


class Console:
    """Everything a page complains about while the test runs."""

    def __init__(self, page: Page) -> None:
        self.problems: list[str] = []
        page.context.expose_function("reportViolation", self.violation)
        page.context.add_init_script(LISTEN)
        page.on("console", self.console)
        page.on("pageerror", lambda error: self.problems.append(f"error: {error}"))
        self.page = page

    def violation(self, text: str) -> None:
        self.problems.append(f"violation: {text}")

    def console(self, message: ConsoleMessage) -> None:
        if message.type in ("error", "warning") or "Content Security Policy" in message.text:
            self.problems.append(f"{self.page.url} {message.type}: {message.text[:200]}")


def an_htmx_answer(response) -> bool:
    return response.request.method == "POST" and response.request.headers.get("hx-request") == (
        "true"
    )


def test_the_caseworkers_screens_and_in_place_saves_are_quiet(page: Page, casefile: Casefile):
    console = Console(page)
    pk = casefile.client.pk
    ConversationFactory.create(
        client=casefile.client,
        caseworker=casefile.caseworker,
        held_on=timezone.localdate() + datetime.timedelta(days=1),
        status="planned",
        channel="phone",
        summary="",
    )
    log_in(page, casefile.caseworker.username)
    for url in (
        "/werk/",
        "/agenda/",
        "/clienten/",
        f"/clienten/{pk}/",
        f"/clienten/{pk}/historie/",
        f"/clienten/{pk}/werkplan/",
        f"/clienten/{pk}/trajecten/",
        f"/clienten/{pk}/vrijstellingen/",
        "/meldingen/",
        "/account/sessies/",
        "/api/docs/",
    ):
        page.goto(url)
    expect(page.locator(".swagger-ui .info")).to_be_visible(timeout=10_000)

    page.goto("/werk/")
    item = page.get_by_role("region", name="Deze week").locator("li", has_text="Visser")
    item.get_by_label("Verzetten naar").fill(
        (timezone.localdate() + datetime.timedelta(days=2)).isoformat()
    )
    with page.expect_response(an_htmx_answer):
        item.get_by_role("button", name="Verzetten").click()
    expect(page.locator(".messages")).to_contain_text("verzet")
    page.goto(f"/clienten/{pk}/")
    page.get_by_label("Verslag").fill("Kort gesprek")
    with page.expect_response(an_htmx_answer):
        page.get_by_role("button", name="Gesprek opslaan").click()
    expect(page.locator(".messages")).to_contain_text("Het gesprek is vastgelegd.")

    page.wait_for_timeout(300)  # htmx settles its classes 20 ms after the swap

    assert console.problems == []


def test_the_managers_and_auditors_screens_are_quiet(page: Page, casefile: Casefile):
    console = Console(page)
    team = casefile.client.team
    UserFactory.create(username="tm.devries", role="team_manager", team=team)
    UserFactory.create(username="au.smit", role="auditor")

    log_in(page, "tm.devries")
    for url in ("/dashboard/", "/clienten/overdracht/", "/clienten/?team=on"):
        page.goto(url)
    page.get_by_role("button", name="Uitloggen").click()
    log_in(page, "au.smit")
    for url in ("/inzagelog/", "/wijzigingen/", "/clienten/"):
        page.goto(url)

    assert console.problems == []
