"""Screenshots of the main screens, kept as artefacts in var/screenshots/ (git-ignored)."""

from playwright.sync_api import Page

from tests.browser.conftest import SCREENSHOTS, Casefile, browser_db, log_in

pytestmark = browser_db


def test_screenshots_of_login_caseload_and_client_file(page: Page, casefile: Casefile):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    shots = [("login", "/login/", False), ("caseload", "/clienten/", True)]
    shots.append(("client_file", f"/clienten/{casefile.client.pk}/", True))
    shots.append(("client_history", f"/clienten/{casefile.client.pk}/historie/", True))
    shots.append(("work_plan", f"/clienten/{casefile.client.pk}/werkplan/", True))
    shots.append(("my_sessions", "/account/sessies/", True))
    shots.append(("password_change", "/account/wachtwoord/", True))
    shots.append(("mfa_setup", "/account/verificatie/instellen/", True))
    for name, url, logged_in in shots:
        if logged_in and "sessionid" not in {c["name"] for c in page.context.cookies()}:
            log_in(page, casefile.caseworker.username)
        page.goto(url)
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        assert path.stat().st_size > 0
        print(f"screenshot: {path}")
