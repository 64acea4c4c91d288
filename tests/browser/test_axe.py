"""Every main screen passes axe-core, the accessibility engine many government audits use, with
no serious or critical violation (colour contrast included), in Dutch and in English.

axe-core comes from a development dependency that ships its axe.min.js; without it the tests
fail (they do not skip), so a missing install shows."""

import datetime
from importlib import resources

import pytest
from django.utils import timezone
from playwright.sync_api import Page

from tests.browser.conftest import Casefile, browser_db, log_in
from tests.factories import (
    ConversationFactory,
    NotificationFactory,
    TrajectoryFactory,
    UserFactory,
)

pytestmark = browser_db

BLOCKING = {"serious", "critical"}
# (who, path): the screens each role works on; {pk} is the casefile's client.
SCREENS = {
    "login": (None, "/login/"),
    "work_queue": ("caseworker", "/werk/"),
    "caseload": ("caseworker", "/clienten/"),
    "client_file": ("caseworker", "/clienten/{pk}/"),
    "work_plan": ("caseworker", "/clienten/{pk}/werkplan/"),
    "trajectories": ("caseworker", "/clienten/{pk}/trajecten/"),
    "record_job": ("caseworker", "/clienten/{pk}/werk/nieuw/"),
    "agenda": ("caseworker", "/agenda/"),
    "client_history": ("caseworker", "/clienten/{pk}/historie/"),
    "report_search": ("caseworker", "/gesprekken/zoeken/?q=werkritme"),
    "my_sessions": ("caseworker", "/account/sessies/"),
    "notifications": ("caseworker", "/meldingen/"),
    "dashboard": ("team_manager", "/dashboard/"),
    "dashboard_trajectories": ("team_manager", "/dashboard/trajecten/"),
    "handover": ("team_manager", "/clienten/overdracht/"),
    "access_log": ("auditor", "/inzagelog/"),
    "change_search": ("auditor", "/wijzigingen/"),
    "import": ("functional_admin", "/clienten/import/"),
}


def axe_source() -> str:
    return resources.files("axe_playwright_python").joinpath("axe.min.js").read_text()


def axe_violations(page: Page) -> list[str]:
    """The serious and critical violations axe finds on the page, one line per element. What
    axe could not decide ("incomplete") counts too, except colour contrast: axe cannot measure
    text over a picture (a chart, the select's arrow); tests/browser/test_accessibility.py
    measures those colours itself."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(axe_source())  # not a <script> tag: the site's CSP refuses inline scripts
    violations, incomplete = page.evaluate(
        """async () => {
            const r = await axe.run(document, {runOnly: {type: "tag", values: [
                "wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]}});
            return [r.violations, r.incomplete];
        }"""
    )
    return [
        f"{rule['id']} ({rule['impact']}): {node['target']} {_reason(node)}"
        for rule in violations + incomplete
        if rule["impact"] in BLOCKING
        for node in rule["nodes"]
        if rule in violations or rule["id"] != "color-contrast"
    ]


def _reason(node: dict) -> str:
    checks = node.get("any", []) + node.get("all", []) + node.get("none", [])
    return " ".join(check.get("message") or "" for check in checks)[:200]


def user_for(role: str, casefile: Casefile) -> str:
    if role == "caseworker":
        return casefile.caseworker.username
    user = UserFactory.create(username=f"axe.{role}", role=role, team=casefile.client.team)
    if role == "team_manager":
        casefile.client.team.manager = user
        casefile.client.team.save()
    return user.username


def to_english(page: Page) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name="English").click()


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("name", SCREENS)
def test_no_serious_accessibility_violation(page: Page, casefile: Casefile, name, language):
    role, path = SCREENS[name]
    ConversationFactory.create(
        client=casefile.client,
        caseworker=casefile.caseworker,
        held_on=timezone.localdate() + datetime.timedelta(days=1),
        status="planned",
        channel="phone",
        summary="",
    )
    TrajectoryFactory.create(client=casefile.client)
    NotificationFactory.create(recipient=casefile.caseworker)
    if role is not None:
        log_in(page, user_for(role, casefile))
    page.goto(path.format(pk=casefile.client.pk))
    if language == "en":
        to_english(page)
        assert page.locator("html").get_attribute("lang") == "en"

    violations = axe_violations(page)
    assert not violations, f"{page.url} ({language}):\n" + "\n".join(violations)


def test_axe_reports_a_serious_violation(browser):
    """The audit is not vacuous: an image without alt text and grey on white fail it."""
    page = browser.new_page()
    try:
        page.set_content(
            '<html lang="nl"><head><title>t</title></head><body><main><h1>t</h1>'
            '<img src="x.png"><p style="color:#aaa">Grijs</p></main></body></html>'
        )
        found = " ".join(axe_violations(page))
        assert "image-alt (critical)" in found and "color-contrast (serious)" in found
    finally:
        page.close()
