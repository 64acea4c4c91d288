"""The login page, the caseload, the client file and the account pages against WCAG 2.1 AA
basics."""

import pytest
from playwright.sync_api import Page

from tests.browser.audit import contrast_failures, structure_violations
from tests.browser.conftest import Casefile, browser_db, log_in

pytestmark = browser_db

# The main text, link and button colours of each page (text on its own background).
KEY_ELEMENTS = {
    "login": ["h1", "main label", "button.primary", ".site-header .brand", ".site-header button"],
    "caseload": [
        "h1",
        ".filters label",
        ".filters a",
        "button.primary",
        "table.data caption",
        "table.data th a",
        "table.data td",
        "table.data td a",
        ".site-header a",
        ".site-header button",
    ],
    "client_file": [
        "h1",
        ".facts dt",
        ".facts dd",
        ".file-nav a",
        ".contact-form legend",
        ".contact-form label",
        ".contact-form small",
        "button.primary",
        ".timeline time",
        ".timeline li",
        "table.data td",
        ".site-header a",
    ],
    "client_history": [
        "h1",
        ".filters label",
        ".filters legend",
        "table.data th",
        "table.data td",
        ".changes dt",
        ".changes dd",
        ".site-header a",
    ],
    "phase_change_refused": ["h1", ".error-summary strong", ".error-summary a", "label"],
    "work_plan": [
        "h1",
        "h2",
        "h3",
        "main p a",
        "table.data th",
        "table.data td",
        ".contact-form label",
        "button.primary",
    ],
    "letter_refused": ["h1", ".error-summary strong", ".error-summary a", "label"],
    "password_change_refused": ["h1", ".error-summary strong", ".error-summary a", "label"],
    "my_sessions": ["h1", "table.data th", "table.data td", "button.primary", ".site-header a"],
    "mfa_setup": ["h1", "main li", "main code", "main label", "main small", "button.primary"],
    "dashboard": [
        "h1",
        ".filters label",
        ".file-nav a",
        ".report-more summary",
        "table.report-table th",
        "table.report-table td a",
        ".exports a",
    ],
}
PATHS = {
    "caseload": "/clienten/",
    "client_file": "/clienten/{pk}/",
    "client_history": "/clienten/{pk}/historie/",
    "phase_change_refused": "/clienten/{pk}/fase/",
    "work_plan": "/clienten/{pk}/werkplan/",
    "letter_refused": "/clienten/{pk}/werkplan/",
    "dashboard": "/dashboard/",
    "password_change_refused": "/account/wachtwoord/",
    "my_sessions": "/account/sessies/",
    "mfa_setup": "/account/verificatie/instellen/",
}


def open_page(page: Page, casefile: Casefile, name: str) -> None:
    if name == "login":
        page.goto("/login/")
        return
    log_in(page, casefile.caseworker.username)
    page.goto(PATHS[name].format(pk=casefile.client.pk))
    if name == "phase_change_refused":  # the error summary and field errors of a refused form
        page.get_by_role("button", name="Fase opslaan").click()
        page.locator(".error-summary").wait_for()
    if name == "letter_refused":  # the letter's form sent without a date
        page.get_by_label("Meegegeven of verstuurd op").fill("")
        page.get_by_role("button", name="Brief vastleggen").click()
        page.locator(".error-summary").wait_for()
    if name == "password_change_refused":  # nothing filled in
        page.get_by_role("button", name="Wachtwoord wijzigen").click()
        page.locator(".error-summary").wait_for()


@pytest.mark.parametrize("name", KEY_ELEMENTS)
def test_page_structure_is_accessible(page: Page, casefile: Casefile, name: str):
    open_page(page, casefile, name)
    violations = structure_violations(page)
    assert not violations, f"{page.url}:\n" + "\n".join(violations)


@pytest.mark.parametrize("name", KEY_ELEMENTS)
def test_key_text_has_enough_contrast(page: Page, casefile: Casefile, name: str):
    open_page(page, casefile, name)
    failures = contrast_failures(page, KEY_ELEMENTS[name])
    assert not failures, f"{page.url}:\n" + "\n".join(failures)


def test_the_checks_report_each_kind_of_violation(browser):
    """The checks above are not vacuous: a page with one fault of each kind fails each rule."""
    page = browser.new_page()
    try:
        page.set_content(
            """<html><head><title> </title></head><body>
            <button>Eerst</button><a href="#main">Naar de inhoud</a>
            <main id="main"><input name="q"><img src="x.png"><span id="main"></span>
            <table><tr><th>Naam</th></tr></table><a href="/x" tabindex="2"></a>
            <p style="color:#999">Grijs</p></main></body></html>"""
        )
        rules = " ".join(structure_violations(page))
        for rule in (
            "no lang",
            "empty <title>",
            "one <h1>",
            "without a label",
            "without alt",
            'duplicate id "main"',
            "not a skip link",
            "without scope",
            "positive tabindex",
            "without an accessible name",
        ):
            assert rule in rules
        assert contrast_failures(page, ["p"])[0].startswith("p: 2.85:1")
    finally:
        page.close()
